// Pure: the views of a RunResults that the charts, verdicts and tables share.
import type { PointResult, Sample } from '../../../results/schema.ts';
import type { MetricSummary } from '../../../stats/summary.ts';
import { CHARTED_METRICS } from '../../../metrics/registry.ts';

/** A summary as stored; ciLow/ciHigh arrive with the statistics work and may be absent in older files. */
export type SummaryWithCi = MetricSummary & { ciLow?: number; ciHigh?: number };

/** The identity of a point as the charts group it. */
export interface PointView {
  link: string;
  workload: string;
  /** The knob values, e.g. "gro=on tso=off"; "(defaults)" when nothing is swept. */
  setting: string;
}

function settingOf(requested: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(requested).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return parts.join(' ') || '(defaults)';
}

export function pointView(point: PointResult): PointView {
  return { link: point.link, workload: point.workload.label, setting: settingOf(point.requested) };
}

/** Distinct values in first-seen order: the points' plan order decides axis and colour order. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function summaryOf(point: PointResult, metric: string): SummaryWithCi | undefined {
  return (point.summary as Record<string, SummaryWithCi | undefined>)[metric];
}

function sampleValue(sample: Sample, metric: string): number | undefined {
  const v = (sample.metrics as Record<string, number | undefined> | undefined)?.[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function okSamples(point: PointResult): Sample[] {
  return point.samples.filter((s) => s.status === 'ok');
}

/** The error bar of a summary: its confidence interval when recorded, otherwise min–max. */
export function errorRange(s: SummaryWithCi): { lo: number; hi: number; kind: 'CI' | 'min–max' } {
  if (typeof s.ciLow === 'number' && typeof s.ciHigh === 'number') return { lo: s.ciLow, hi: s.ciHigh, kind: 'CI' };
  return { lo: s.min, hi: s.max, kind: 'min–max' };
}

/** Every metric with a summary at some point: charted ones first in their fixed order, then the rest by name. */
export function metricsPresent(points: readonly PointResult[]): string[] {
  const present = new Set(points.flatMap((p) => Object.keys(p.summary)));
  const charted = CHARTED_METRICS.filter((m) => present.has(m));
  return [...charted, ...[...present].filter((m) => !CHARTED_METRICS.includes(m)).sort()];
}

/** One row per ok sample with the charted metrics as stored: the page's shared SAMPLES dataset. */
export interface SampleRow {
  setting: string;
  workload: string;
  link: string;
  repetition: number;
  [metric: string]: string | number;
}

export function sampleRows(points: readonly PointResult[]): SampleRow[] {
  return points.flatMap((point) => {
    const { setting, workload, link } = pointView(point);
    return okSamples(point).map((sample) => {
      const row: SampleRow = { setting, workload, link, repetition: sample.repetition };
      for (const metric of CHARTED_METRICS) {
        const v = sampleValue(sample, metric);
        if (v !== undefined) row[metric] = v;
      }
      return row;
    });
  });
}
