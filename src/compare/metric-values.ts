// Pure: a point's measured values per metric, and their summary as one side of a comparison.
import type { PointResult } from '../results/schema.ts';
import { isClean } from '../stats/interference.ts';
import { summarize } from '../stats/summary.ts';
import type { SideStats } from './types.ts';

/** Successful measured, clean (not contaminated) samples' values of one metric, in repetition order, with their repetition numbers. */
export function metricValues(point: PointResult, metric: string): { values: number[]; repetitions: number[] } {
  const valueOf = (s: PointResult['samples'][number]) => (s.metrics as Record<string, number | undefined> | undefined)?.[metric];
  const ok = point.samples.filter((s) => s.status === 'ok' && isClean(s) && typeof valueOf(s) === 'number')
    .sort((a, b) => a.repetition - b.repetition);
  return { values: ok.map((s) => valueOf(s)!), repetitions: ok.map((s) => s.repetition) };
}

/** Metric names any successful sample of the point reports. */
export function reportedMetrics(point: PointResult): string[] {
  return [...new Set(point.samples.filter((s) => s.status === 'ok').flatMap((s) => Object.keys(s.metrics ?? {})))];
}

export function failedSamples(point: PointResult): number {
  return point.samples.filter((s) => s.status === 'failed').length;
}

/** undefined when the point has no value of this metric. */
export function sideStats(point: PointResult, metric: string): SideStats | undefined {
  const { values, repetitions } = metricValues(point, metric);
  const s = summarize(values, repetitions);
  if (!s) return undefined;
  return {
    n: s.n, failed: failedSamples(point), median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh, ciConfidence: s.ciConfidence,
    cv: s.cv, outliers: s.outliers, values,
  };
}
