// The interference guard around one sample: a snapshot before, one after, the other vethbench runs live at either
// end, and the verdict contaminated or not. The snapshots are taken outside the measurement (never during it).
import type { Sample } from '../results/schema.ts';
import { interferenceSnapshot } from '../metadata/interference-snapshot.ts';
import { interferenceBetween, isContaminated, type Interference, type Snapshot } from '../stats/interference.ts';
import { isProcessAlive } from '../host/state-dir.ts';
import { readLiveStates } from './live-state.ts';

/** Run ids (the run directory's name) of other live vethbench runs; `vethbench up` topologies carry no traffic. */
export function otherLiveRuns(ownPrefix: string): string[] {
  let states;
  try {
    states = readLiveStates();
  } catch {
    return []; // a damaged state file is cleanup's business, not a reason to fail a sample
  }
  return states.filter((s) => s.prefix !== ownPrefix && !s.live && s.pid !== process.pid && isProcessAlive(s.pid))
    .map((s) => s.outDir.split('/').filter(Boolean).pop() ?? s.prefix);
}

export interface GuardStart {
  snapshot: Snapshot | undefined;
  otherRuns: string[];
}

export class InterferenceGuard {
  constructor(private readonly ownPrefix: string, readonly maxNeighbourCpu: number) {}

  async start(): Promise<GuardStart> {
    return { snapshot: await interferenceSnapshot(), otherRuns: otherLiveRuns(this.ownPrefix) };
  }

  /** The fields a sample gets: its interference record and, above the limit, `contaminated`. */
  async finish(start: GuardStart): Promise<Pick<Sample, 'interference' | 'contaminated'>> {
    const after = await interferenceSnapshot();
    const cpu = start.snapshot && after ? interferenceBetween(start.snapshot, after) : undefined;
    if (!cpu) return {};
    const interference: Interference = { ...cpu, otherRuns: [...new Set([...start.otherRuns, ...otherLiveRuns(this.ownPrefix)])] };
    return { interference, ...(isContaminated(interference, this.maxNeighbourCpu) ? { contaminated: true as const } : {}) };
  }
}
