// Pure: the smallest effect each point's samples could show — the half-width of the one two-arm decision
// (stats/decide.ts) of the point's samples against an arm just as noisy (itself), at the level the run's effects were
// judged at. No second statistic: the same Moses interval the effects use, on the samples the effects use
// (measured, ok, not contaminated).
import type { PointResult, RunResults } from '../../../results/schema.ts';
import { decide } from '../../../stats/decide.ts';
import { metricSpec } from '../../../metrics/registry.ts';
import { headlineOf } from './timeline-chart.ts';

export interface DetectableRow {
  point: string;
  metric: string;
  n: number;
  cv: number;
  /** ± percent; null when the samples cannot give an interval (fewer than 2). */
  detectablePercent: number | null;
  /** The interval's real confidence (below the level asked for when n cannot reach it). */
  confidence: number;
}

/** The level asked of the run's simple effects (the highest stored: those that reached it), else 95 %. */
export function effectLevel(results: RunResults): number {
  const simple = (results.effects ?? []).filter((e) => e.kind === 'simple').map((e) => e.confidence);
  return simple.length ? Math.max(...simple) : 0.95;
}

function decisionValues(point: PointResult, metric: string): number[] {
  return point.samples.flatMap((s) => {
    const v = s.status === 'ok' && !s.warmup && !s.contaminated ? (s.metrics as Record<string, number | undefined> | undefined)?.[metric] : undefined;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? [v] : [];
  });
}

/** Per point, the metrics its effects were judged on (the headline metric when the run has no effects). */
export function detectableRows(results: RunResults): DetectableRow[] {
  const judged = [...new Set((results.effects ?? []).map((e) => e.metric))];
  const confidence = effectLevel(results);
  return results.points.flatMap((point) => {
    const metrics = judged.length ? judged : [headlineOf(point.samples)].filter((m): m is string => m !== undefined);
    return metrics.flatMap((metric) => {
      const spec = metricSpec(metric);
      const values = decisionValues(point, metric);
      if (!spec || spec.direction === 'none' || values.length === 0) return [];
      const cv = point.summary[metric as keyof typeof point.summary]?.cv ?? Number.NaN;
      if (values.length < 2) return [{ point: point.label, metric, n: values.length, cv, detectablePercent: null, confidence: 0 }];
      // The threshold does not move the interval, only the verdict, which is not used here.
      const shift = decide(values, values, { direction: spec.direction, thresholdPercent: 5, confidence });
      return [{ point: point.label, metric, n: values.length, cv, detectablePercent: shift.smallestDetectablePercent, confidence: shift.confidence }];
    });
  });
}
