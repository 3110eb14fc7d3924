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
  /** This host's calibrated noise (vethbench calibrate): the source when there is no history, and the pinned figure. */
  calibration?: { unpinned?: number; pinned?: number; source: string } | undefined;
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
  // A baseline written by --rebaseline is also that night's run: count each run once.
  const all = [...(input.baseline ? [input.baseline] : []), ...input.recentNights];
  const runs = all.filter((r, i) => all.findIndex((o) => o.run.id === r.run.id) === i);
  const measured = runsNoise(runs, gates);
  const calibrated = input.calibration?.unpinned;
  const sigma = measured ?? calibrated ?? CONSERVATIVE_CV;
  const noiseSource = measured !== undefined ? `${runs.length} earlier run(s)${input.baseline ? ' (the baseline included)' : ''}, the noisiest gating point`
    : calibrated !== undefined ? `no history yet: ${input.calibration!.source}, unpinned` : 'no history yet and no calibration (vethbench calibrate): the conservative unpinned figure';
  const byBudget = input.budgetS === undefined ? Infinity : Math.floor((input.budgetS - input.fixedSeconds) / Math.max(1e-9, input.roundSeconds));
  const maxRepetitions = input.fixedRepetitions ?? Math.max(3, Math.min(input.maxRepetitions, byBudget));
  const familySize = Math.max(1, input.baseline && !input.asBaseline ? familyOf(input.baseline, gates) : input.plannedFamilySize);
  const baselineN = input.asBaseline || !input.baseline ? undefined : baselineSamples(input.baseline, gates);
  const pinned = input.calibration?.pinned === undefined ? undefined : { sigma: input.calibration.pinned, source: input.calibration.source };
  return sizeRepetitions({ sigma, noiseSource, thresholdPercent: input.thresholdPercent, familySize, baselineN, maxRepetitions, pinned, ...(input.fixedRepetitions ? { minRepetitions: input.fixedRepetitions } : {}) });
}
