// Pure descriptive statistics of one metric at one point.

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
}

export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** undefined for an empty list: no samples is not a summary of zeros. */
export function summarize(values: readonly number[]): MetricSummary | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const sorted = [...finite].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? sorted.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (n - 1) : 0;
  const stddev = Math.sqrt(variance);
  return { n, median: median(sorted), mean, stddev, min: sorted[0]!, max: sorted[n - 1]!, cv: mean === 0 ? 0 : stddev / Math.abs(mean) };
}
