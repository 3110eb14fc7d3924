// Pure descriptive statistics of one metric at one point.
import { median } from './median.ts';
import { medianCi } from './median-ci.ts';
import { outlierPositions } from './outliers.ts';

import type { MetricSummary } from './summary-schema.ts';
export type { MetricSummary };

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
