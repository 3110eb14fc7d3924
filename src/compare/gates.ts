// Pure: which metrics gate a comparison. `--gate` first, else the NEW run's stored list (its scenario's
// `gate: [...]`, results.json `scenario.gate`), else the registry's defaults. When the two runs' stored lists
// differ, the comparison says so: a scenario that changed what it gates on changes what "passed" means.
import { DEFAULT_GATES } from '../metrics/registry.ts';
import type { RunResults } from '../results/schema.ts';

export type GateSource = '--gate' | 'the new run\'s scenario' | 'the registry\'s defaults';

export interface GateChoice {
  metrics: readonly string[];
  source: GateSource;
  /** The two runs' stored lists differ: one line saying how, and which list is used. */
  difference?: string;
}

const listText = (list: readonly string[] | undefined) => (list ? list.join(', ') : 'the registry\'s defaults');

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && [...a].sort().every((m, i) => m === [...b].sort()[i]);
}

export function chooseGates(flag: readonly string[] | undefined, base: RunResults, next: RunResults): GateChoice {
  const baseList = base.scenario.gate;
  const newList = next.scenario.gate;
  const choice: GateChoice = flag
    ? { metrics: flag, source: '--gate' }
    : newList ? { metrics: newList, source: 'the new run\'s scenario' } : { metrics: DEFAULT_GATES, source: 'the registry\'s defaults' };
  if (sameList(baseList, newList)) return choice;
  return { ...choice, difference: `the runs gate on different metrics: base ${listText(baseList)}; new ${listText(newList)} — gating on ${choice.source === '--gate' ? `--gate ${flag!.join(',')}` : choice.source}` };
}
