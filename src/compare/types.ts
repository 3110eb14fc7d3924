// The comparison of runs as data. `vethbench compare --json` prints a ComparisonReport; the terminal table, the
// markdown and the HTML comparison page (src/report/html) are renderings of it. Units are in the field names or
// in `unit`; percentages are in percent (5 means 5 %); every interval is a 95% interval with its exact confidence.
import type { Direction, Unit } from '../metrics/registry.ts';

export const COMPARISON_SCHEMA_VERSION = 1;

/**
 * - `regressed` / `improved`: the change is significant (Mann-Whitney, Holm-adjusted p < alpha) AND larger than
 *   the threshold, in the metric's bad / good direction.
 * - `noisy`: no significant change beyond the threshold, and a coefficient of variation above `noisyCv` on either
 *   side: too noisy to claim "no change".
 * - `invalid`: failed samples (or no successful one) on either side.
 * - `no change`: none of the above.
 */
export type Verdict = 'regressed' | 'improved' | 'no change' | 'noisy' | 'invalid';

/** Most severe first: the order tables are sorted by. */
export const VERDICT_SEVERITY: readonly Verdict[] = ['regressed', 'invalid', 'noisy', 'improved', 'no change'];

export interface ComparisonSettings {
  /** |delta| must exceed this (in %) for regressed/improved. Default 5. */
  thresholdPercent: number;
  /** Significance level of the Holm-adjusted Mann-Whitney p-values. 0.05. */
  alpha: number;
  /** Coefficient of variation above which a side is noisy (0.1 = 10 %). */
  noisyCv: number;
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
  /** Whether this metric decides the point's verdict (see src/stats/metrics.ts). */
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
  mannWhitney: { u: number; pValue: number; method: 'exact' | 'normal' };
  /** Holm-adjusted over the matched points of this comparison (one family per metric). */
  pAdjusted: number;
  verdict: Verdict;
  /** Why, in words. */
  reason: string;
}

export interface PointComparison extends PointRef {
  verdict: Verdict;
  /** The metric whose verdict became the point's (the most severe gating metric); undefined when none was compared. */
  decidingMetric?: string;
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
