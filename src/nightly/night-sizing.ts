// Pure: the inputs of a night's sizing from what is on hand — the baseline, the latest passed nights' results, the
// plan's points — and the arithmetic of the budget. The sizing itself is power.ts's.
import { reportedMetrics } from '../compare/metric-values.ts';
import { DEFAULT_GATES } from '../metrics/registry.ts';
import type { RunResults } from '../results/schema.ts';
import { CONSERVATIVE_CV, runsNoise, sizeRepetitions, type Sizing } from './power.ts';

export interface NightSizingInput {
  /** The metrics that gate (the scenario's gate list, else the registry's defaults). */
  gates: readonly string[];
  baseline?: RunResults | undefined;
  /** Results of the latest passed nights still on disk, newest last. */
  recentNights: readonly RunResults[];
  /** Gating comparisons the plan's points make (used when there is no baseline to count them in). */
  plannedFamilySize: number;
  thresholdPercent: number;
  /** Seconds one more measured round of every point takes, and the seconds before the first (warm-up, builds). */
  roundSeconds: number;
  fixedSeconds: number;
  budgetS?: number | undefined;
  maxRepetitions: number;
  /** The night is (or makes) the baseline: both arms get the same n. */
  asBaseline: boolean;
  /** --repetitions: not sized, only the detectable change is worked out. */
  fixedRepetitions?: number;
}

/** Samples per point of the baseline's gating metrics: the fewest over points (the weakest point limits the gate). */
export function baselineSamples(baseline: RunResults, gates: ReadonlySet<string>): number | undefined {
  const counts = baseline.points.flatMap((p) => Object.entries(p.summary).filter(([m]) => gates.has(m)).map(([, s]) => s?.n ?? 0));
  return counts.length ? Math.min(...counts) : undefined;
}

/** Gating comparisons a comparison against this baseline will make: its points × their reported gating metrics. */
export function familyOf(baseline: RunResults, gates: ReadonlySet<string>): number {
  return baseline.points.reduce((n, p) => n + reportedMetrics(p).filter((m) => gates.has(m)).length, 0);
}

export function sizeNight(input: NightSizingInput): Sizing {
  const gates = new Set(input.gates.length ? input.gates : DEFAULT_GATES);
  const runs = [...(input.baseline ? [input.baseline] : []), ...input.recentNights];
  const measured = runsNoise(runs, gates);
  const sigma = measured ?? CONSERVATIVE_CV;
  const noiseSource = measured === undefined ? 'no history yet: the conservative unpinned figure' : `${runs.length} earlier run(s)${input.baseline ? ' (the baseline included)' : ''}, the noisiest gating point`;
  const byBudget = input.budgetS === undefined ? Infinity : Math.floor((input.budgetS - input.fixedSeconds) / Math.max(1e-9, input.roundSeconds));
  const maxRepetitions = input.fixedRepetitions ?? Math.max(3, Math.min(input.maxRepetitions, byBudget));
  const familySize = Math.max(1, input.baseline && !input.asBaseline ? familyOf(input.baseline, gates) : input.plannedFamilySize);
  const baselineN = input.asBaseline || !input.baseline ? undefined : baselineSamples(input.baseline, gates);
  return sizeRepetitions({ sigma, noiseSource, thresholdPercent: input.thresholdPercent, familySize, baselineN, maxRepetitions, ...(input.fixedRepetitions ? { minRepetitions: input.fixedRepetitions } : {}) });
}
