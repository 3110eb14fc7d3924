// Pure: a point's measured values per metric, and their summary as one side of a comparison.
import type { ResultsPoint } from '../results/read-schema.ts';
import { summarize } from '../stats/summary.ts';
import type { SideStats } from './types.ts';

/** Successful measured samples' values of one metric, in repetition order, with their repetition numbers. */
export function metricValues(point: ResultsPoint, metric: string): { values: number[]; repetitions: number[] } {
  const ok = point.samples.filter((s) => s.status === 'ok' && !s.warmup && typeof s.metrics?.[metric] === 'number')
    .sort((a, b) => a.repetition - b.repetition);
  return { values: ok.map((s) => s.metrics![metric]!), repetitions: ok.map((s) => s.repetition) };
}

/** Metric names any successful sample of the point reports. */
export function reportedMetrics(point: ResultsPoint): string[] {
  return [...new Set(point.samples.filter((s) => s.status === 'ok').flatMap((s) => Object.keys(s.metrics ?? {})))];
}

export function failedSamples(point: ResultsPoint): number {
  return point.samples.filter((s) => s.status === 'failed').length;
}

/** undefined when the point has no value of this metric. */
export function sideStats(point: ResultsPoint, metric: string): SideStats | undefined {
  const { values, repetitions } = metricValues(point, metric);
  const s = summarize(values, repetitions);
  if (!s) return undefined;
  return {
    n: s.n, failed: failedSamples(point), median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh, ciConfidence: s.ciConfidence,
    cv: s.cv, outliers: s.outliers, values,
  };
}
