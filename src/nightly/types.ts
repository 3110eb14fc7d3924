// The nightly history and the trend built from it, as data. history.jsonl holds one NightRecord a line; trend.json
// holds a Trend. The HTML trend page (src/report/html) renders a Trend: the last N nights per point and metric,
// median with CI band, verdicts, and change points.
import type { Verdict } from '../compare/types.ts';
import type { ChangePoint } from '../stats/change-point.ts';
import type { Direction, Unit } from '../metrics/registry.ts';

export const HISTORY_SCHEMA_VERSION = 1;

/** A night is good (a baseline candidate) when it passed; `invalid` means failed samples or an unfinished run. */
export type NightOutcome = 'pass' | 'regressed' | 'invalid';

export interface NightMetric {
  n: number;
  median: number;
  /** 95% CI of the median (order statistics). */
  ciLow: number;
  ciHigh: number;
}

export interface NightPoint {
  key: string;
  label: string;
  /** Verdict against the baseline; absent on a night without one. */
  verdict?: Verdict;
  /** Every directional metric the point reported. */
  metrics: Record<string, NightMetric>;
}

export interface NightRecord {
  schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  /** UTC date the night started, YYYY-MM-DD. */
  date: string;
  startedAt: string;
  /** The night's directory, relative to the history file's directory. */
  dir: string;
  /** The run's results.json, relative to the history file's directory. */
  resultsFile: string;
  /** comparison.json, relative to the history file's directory; absent without a baseline. */
  comparisonFile?: string;
  baseline?: { file: string; source: 'baseline file' | 'last good night' };
  outcome: NightOutcome;
  counts?: Record<Verdict, number>;
  kernel?: string;
  points: NightPoint[];
}

export interface TrendNight extends NightMetric {
  date: string;
  dir: string;
  outcome: NightOutcome;
  verdict?: Verdict;
}

export interface TrendChangePoint extends ChangePoint {
  /** Date of the first night after the step. */
  date: string;
  /** Whether the step went the metric's bad or good way. */
  effect: 'worse' | 'better';
}

export interface TrendSeries {
  key: string;
  label: string;
  metric: string;
  unit: Unit;
  direction: Exclude<Direction, 'none'>;
  gates: boolean;
  /** Oldest first. */
  nights: TrendNight[];
  changePoints: TrendChangePoint[];
}

export interface Trend {
  schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  generatedAt: string;
  /** How many of the latest nights the series cover. */
  lastNights: number;
  series: TrendSeries[];
}
