// Pure descriptive statistics of one metric at one point.
import { median } from './median.ts';
import { medianCi } from './median-ci.ts';
import { outlierPositions } from './outliers.ts';

export interface MetricSummary {
  n: number;
  median: number;
  mean: number;
  /** Sample standard deviation (n-1); 0 when n = 1. */
  stddev: number;
  min: number;
  max: number;
  /** Coefficient of variation: stddev / mean (0 when the mean is 0). */
  cv: number;
  /** 95% confidence interval of the median from order statistics (binomial method, see stats/median-ci.ts). */
  ciLow: number;
  ciHigh: number;
  /** The interval's exact confidence: ≥ 0.95 from n = 6; for n ≤ 5 the interval is [min, max] and less sure. */
  ciConfidence: number;
  /** Repetition numbers of the samples whose modified Z-score exceeds 3.5: flagged, still counted above. */
  outliers: number[];
}

/**
 * `ids` names each value in `outliers` (the samples' repetition numbers); positions when absent.
 * undefined for an empty list: no samples is not a summary of zeros.
 */
export function summarize(values: readonly number[], ids?: readonly number[]): MetricSummary | undefined {
  const kept = values.flatMap((v, i) => (Number.isFinite(v) ? [{ v, id: ids?.[i] ?? i }] : []));
  if (kept.length === 0) return undefined;
  const sorted = kept.map((k) => k.v).sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? sorted.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (n - 1) : 0;
  const stddev = Math.sqrt(variance);
  const ci = medianCi(sorted);
  return {
    n, median: median(sorted), mean, stddev, min: sorted[0]!, max: sorted[n - 1]!, cv: mean === 0 ? 0 : stddev / Math.abs(mean),
    ciLow: ci.low, ciHigh: ci.high, ciConfidence: ci.confidence,
    outliers: outlierPositions(kept.map((k) => k.v)).map((i) => kept[i]!.id),
  };
}
