// The comparison of runs as data. `vethbench compare --json` prints a ComparisonReport; the terminal table, the
// markdown and the HTML comparison page (src/report/html) are renderings of it. Units are in the field names or
// in `unit`; percentages are in percent (5 means 5 %); every interval is a 95% interval with its exact confidence.
import type { Direction, Unit } from '../metrics/registry.ts';
import type { Shift } from '../stats/decide.ts';
import type { Verdict as Decision } from '../stats/verdict.ts';
import type { HostQuietness } from './quietness.ts';

export const COMPARISON_SCHEMA_VERSION = 2;

/**
 * The decision of src/stats/decide.ts (better | worse | equivalent | undecided | invalid) in the words of a
 * comparison of NEW against BASE:
 * - `regressed` / `improved`: the shift's CI (at 1 − alpha/m over the gating family) excludes 0 and the estimate is
 *   beyond ±threshold, in the metric's bad / good direction;
 * - `no change`: the CI lies inside ±threshold (equivalent);
 * - `undecided`: neither — the samples cannot tell; shown with the smallest change they could show;
 * - `invalid`: failed samples, or no valid sample on a side, with the reason.
 */
export type Verdict = 'regressed' | 'improved' | 'no change' | 'undecided' | 'invalid';

/** Most severe first: the order tables are sorted by. */
export const VERDICT_SEVERITY: readonly Verdict[] = ['regressed', 'invalid', 'undecided', 'improved', 'no change'];

const DISPLAY: Readonly<Record<Decision, Verdict>> = { better: 'improved', worse: 'regressed', equivalent: 'no change', undecided: 'undecided', invalid: 'invalid' };

export function displayVerdict(decision: Decision): Verdict {
  return DISPLAY[decision];
}

export interface ComparisonSettings {
  /** |shift| must exceed this (in %) for regressed/improved; the CI inside ±threshold is "no change". Default 5. */
  thresholdPercent: number;
  /** Family-wise error rate of the gating family (gating metrics × matched points): each CI is at 1 − alpha/m. 0.05. */
  alpha: number;
  /** Coefficient of variation above which a side is flagged noisy (0.1 = 10 %): a flag, not a verdict. */
  noisyCv: number;
  /** The metrics that gate (decide a point's verdict and the exit code); absent: the registry's defaults. */
  gate?: readonly string[];
}

/** The host facts that tell machines apart, for headers (capacity planning: CPU model, cores, kernel). */
export interface HostSummary {
  hostname: string;
  cpuModel: string;
  /** Logical CPUs. */
  cores: number;
  kernel: string;
  os: string;
  memoryBytes?: number;
  toolVersions: Record<string, string>;
}

/** One compared results file. */
export interface RunRef {
  /** The path as given on the command line. */
  file: string;
  runId: string;
  scenario: string;
  startedAt: string;
  status: 'complete' | 'interrupted' | 'failed';
  toolVersion: string;
  settings: { repetitions: number; warmupRepetitions: number; durationS: number; omitS: number };
  /** Absent when the run could not record host facts. */
  host?: HostSummary;
  /** How quiet the host was, from the samples' interference records (absent in reports written before it). */
  quietness?: HostQuietness;
}

/** One point as identified across runs. */
export interface PointRef {
  /** Link kind + knob values + workload: what runs are matched on. */
  key: string;
  label: string;
  link: string;
  workload: string;
  requested: Record<string, unknown>;
}

/** One side's samples of one metric at one point (successful, measured samples only). */
export interface SideStats {
  n: number;
  /** Failed samples of this point on this side. */
  failed: number;
  median: number;
  /** 95% CI of the median (order statistics) and its exact confidence (below 0.95 for n ≤ 5). */
  ciLow: number;
  ciHigh: number;
  ciConfidence: number;
  /** Coefficient of variation (stddev / mean). */
  cv: number;
  /** Repetition numbers flagged by the modified Z-score (|M| > 3.5); they are still in every statistic. */
  outliers: number[];
  /** The values compared, in repetition order. */
  values: number[];
}

export interface MetricComparison {
  metric: string;
  label: string;
  unit: Unit;
  direction: Exclude<Direction, 'none'>;
  /** Whether this metric decides the point's verdict and the exit code (the registry's default, or --gate). */
  gates: boolean;
  base: SideStats;
  new: SideStats;
  /** (new median − base median) / |base median| × 100; null when the base median is 0. */
  deltaPercent: number | null;
  /**
   * 95% CI of the shift new − base (Hodges-Lehmann estimate, Moses' distribution-free interval), in % of the
   * base median; null when the base median is 0.
   */
  deltaCi: { lowPercent: number; highPercent: number; confidence: number } | null;
  /** The two-arm decision (src/stats/decide.ts): shift on log values, its CI at the family's level, p, verdict. */
  shift: Shift;
  /** Holm-adjusted over the gating family of this comparison (the same family the CI level is corrected for). */
  pAdjusted: number | null;
  verdict: Verdict;
  /** A side's coefficient of variation is above noisyCv: a flag on the row, not a verdict. */
  noisy: boolean;
  /** Why, in words. */
  reason: string;
}

export interface PointComparison extends PointRef {
  verdict: Verdict;
  /** The metric whose verdict became the point's (the most severe gating metric); undefined when none was compared. */
  decidingMetric?: string | undefined;
  reason: string;
  metrics: MetricComparison[];
}

/** A fact that differs between the two runs (host, kernel, tool versions, sysctls, scenario, settings). */
export interface FactDifference {
  fact: string;
  base: string;
  new: string;
}

/** One NEW file against the BASE file. */
export interface PairComparison {
  base: RunRef;
  new: RunRef;
  /** Matched points, most severe verdict first. */
  points: PointComparison[];
  onlyInBase: PointRef[];
  onlyInNew: PointRef[];
  /** The gating family: its size m, the confidence of each gating CI (1 − alpha/m), and where its metrics came
   *  from (--gate, the new run's scenario `gate: [...]`, or the registry's defaults). */
  family: { size: number; confidence: number; metrics: string[]; source?: string };
  factDifferences: FactDifference[];
  warnings: string[];
  counts: Record<Verdict, number>;
}

export interface CapacityMetric {
  median: number;
  ciLow: number;
  ciHigh: number;
  n: number;
  /** median ÷ the host's logical CPUs; absent when the run recorded no host facts. */
  perCore?: number;
}

export interface CapacityCell {
  throughputBps?: CapacityMetric;
  pps?: CapacityMetric;
}

export interface CapacityRow {
  key: string;
  label: string;
  /** One per run, in `CapacityView.runs` order; null when that run has no such point. */
  cells: (CapacityCell | null)[];
}

/** Every run side by side: which host, kernel or link kind carries how much, absolute and per core. */
export interface CapacityView {
  runs: RunRef[];
  rows: CapacityRow[];
}

export interface ComparisonReport {
  schemaVersion: typeof COMPARISON_SCHEMA_VERSION;
  tool: { name: 'vethbench'; version: string };
  generatedAt: string;
  settings: ComparisonSettings;
  /** Each file after the first against the first (the base). */
  comparisons: PairComparison[];
  capacity: CapacityView;
}
