// Pure: the latency distributions a run stored, as cumulative curves — for every workload that writes percentiles
// (sockperf idle and under load, rr's round trips, crr's connect times). A curve is a family's min (at 0), its
// registry percentiles (p50 at 0.5 … p99.9 at 0.999) and its max (at 1): per point the median over the samples of
// each, and each clean sample's own curve.
import type { PointResult } from '../../../results/schema.ts';
import { METRICS, type MetricName } from '../../../metrics/registry.ts';
import { axisTitle, formatMetric, metricDisplay, type MetricDisplay } from '../../../metrics/format.ts';
import { isClean } from '../../../stats/interference.ts';
import type { Cell } from '../shared/chart-helpers.ts';
import { okSamples, pointView, summaryOf } from './report-data.ts';

/** One distribution a workload writes: its percentile metrics are `${prefix}P<digits>Us` in the registry. */
export interface LatencyFamily {
  id: 'latency' | 'loadedLatency' | 'rtt' | 'connect';
  prefix: string;
  min: MetricName;
  max: MetricName;
  mean: MetricName;
  /** The sample count behind the percentiles, per sample. */
  count: MetricName;
}

/** In legend order: idle before under load. Each names registry metrics (a typo does not compile). */
export const LATENCY_FAMILIES: readonly LatencyFamily[] = [
  { id: 'latency', prefix: 'latency', min: 'latencyMinUs', max: 'latencyMaxUs', mean: 'latencyMeanUs', count: 'latencyObservations' },
  { id: 'loadedLatency', prefix: 'loadedLatency', min: 'loadedLatencyMinUs', max: 'loadedLatencyMaxUs', mean: 'loadedLatencyMeanUs', count: 'loadedLatencyObservations' },
  { id: 'rtt', prefix: 'rtt', min: 'transactionRttMinUs', max: 'transactionRttMaxUs', mean: 'transactionRttMeanUs', count: 'transactions' },
  { id: 'connect', prefix: 'connect', min: 'connectMinUs', max: 'connectMaxUs', mean: 'connectMeanUs', count: 'connections' },
];

/** The registry's display of the curve: its mean's, without "mean" ("Latency under load", "Connect time", µs). */
export function familyDisplay(family: LatencyFamily): MetricDisplay {
  const d = metricDisplay(family.mean);
  return { ...d, label: d.label.replace(/ mean\b/, '') };
}

/** "Latency (µs)". */
export function familyAxisTitle(family: LatencyFamily): string {
  return axisTitle(familyDisplay(family));
}

export interface CurvePosition {
  metric: MetricName;
  /** "min", "p50", "p99.9", "max". */
  position: string;
  fraction: number;
}

/** "999" → 99.9, "50" → 50: the digits after P are the percentile, its decimal point after the second digit. */
function percentOfDigits(digits: string): string {
  return digits.length <= 2 ? digits : `${digits.slice(0, 2)}.${digits.slice(2)}`;
}

/** min, the family's percentiles in the registry (ascending), max. */
export function curvePositions(family: LatencyFamily): CurvePosition[] {
  const pattern = new RegExp('^' + family.prefix + 'P(\\d+)Us$');
  const percentiles = (Object.keys(METRICS) as MetricName[]).flatMap((metric) => {
    const digits = pattern.exec(metric)?.[1];
    if (!digits) return [];
    const percent = percentOfDigits(digits);
    // Built from the digits (not percent / 100), so p99.9 sits at exactly 0.999.
    const fraction = Number(`0.${percent.replace('.', '').padStart(2, '0')}`);
    return [{ metric, position: `p${percent}`, fraction }];
  }).sort((a, b) => a.fraction - b.fraction);
  return [{ metric: family.min, position: 'min', fraction: 0 }, ...percentiles, { metric: family.max, position: 'max', fraction: 1 }];
}

interface CurveBase extends Cell {
  setting: string;
  family: LatencyFamily['id'];
  /** The legend's name of the curve, from the registry. */
  curve: string;
  /** Which line a row belongs to (setting, curve and, for a sample's own line, its repetition). */
  line: string;
  position: string;
  fraction: number;
  /** In the family's display unit (µs). */
  value: number;
}

/** A point of the median curve: the median over the samples, their min–max, how many samples and observations. */
export interface MedianCdfRow extends CurveBase {
  kind: 'median';
  lo: number;
  hi: number;
  samples: number;
  /** Median over the samples of the family's count (observations, transactions, connections per sample). */
  count?: number;
  /** The count in words for the tooltip, "31,549 latency observations"; "–" when not stored. */
  countText: string;
  /** rr on iperf2: the histogram's bin width; its percentiles are upper bin edges. */
  binUs?: number;
  /** What the value is, for the tooltip ("≤: upper edge of a 100 µs histogram bin"). */
  note: string;
}

export interface SampleCdfRow extends CurveBase {
  kind: 'sample';
  repetition: number;
}

export type CdfRow = MedianCdfRow | SampleCdfRow;

/**
 * Keeps a curve non-decreasing: a point below one before it is left out. Only binned percentiles do that (iperf2's
 * exact max inside the bin whose upper edge is p99.9); a log scale cannot place 0 or less either.
 */
export function monotone<T extends { fraction: number; value: number }>(points: readonly T[]): T[] {
  let highest = 0;
  const kept: T[] = [];
  for (const p of [...points].sort((a, b) => a.fraction - b.fraction)) {
    if (!(p.value > 0) || p.value < highest) continue;
    highest = p.value;
    kept.push(p);
  }
  return kept;
}

type Base = Omit<CurveBase, 'line' | 'position' | 'fraction' | 'value'>;

/** What one value of a curve is: binned rr percentiles are upper bin edges, everything else as measured. */
function noteOf(family: LatencyFamily, position: string, binUs: number | undefined): string {
  if (binUs === undefined) return family.id === 'latency' || family.id === 'loadedLatency' ? 'half round trip' : 'as measured';
  return position === 'min' || position === 'max' ? "iperf2's exact figure" : `≤: upper edge of a ${formatMetric(binUs, 'rttHistogramBinUs')} histogram bin`;
}

function medianCurve(point: PointResult, family: LatencyFamily, base: Base): MedianCdfRow[] {
  const { scale } = familyDisplay(family);
  const count = summaryOf(point, family.count)?.median;
  const countText = count === undefined ? '–' : `${formatMetric(count, family.count)} ${metricDisplay(family.count).label.toLowerCase()}`;
  const binUs = family.id === 'rtt' ? summaryOf(point, 'rttHistogramBinUs')?.median : undefined;
  const rows = curvePositions(family).flatMap(({ metric, position, fraction }) => {
    const s = summaryOf(point, metric);
    if (!s) return [];
    const row: MedianCdfRow = {
      ...base, kind: 'median', line: `${base.setting} · ${base.curve}`, position, fraction,
      value: s.median * scale, lo: s.min * scale, hi: s.max * scale, samples: s.n, countText, note: noteOf(family, position, binUs),
    };
    if (count !== undefined) row.count = count;
    if (binUs !== undefined) row.binUs = binUs;
    return [row];
  });
  return monotone(rows);
}

function sampleCurves(point: PointResult, family: LatencyFamily, base: Base): SampleCdfRow[] {
  const { scale } = familyDisplay(family);
  const positions = curvePositions(family);
  return okSamples(point).filter(isClean).flatMap((sample) => {
    const metrics = (sample.metrics ?? {}) as Partial<Record<MetricName, number>>;
    const line = `${base.setting} · ${base.curve} · r${sample.repetition}`;
    const rows = positions.flatMap(({ metric, position, fraction }) => {
      const v = metrics[metric];
      return typeof v === 'number' && Number.isFinite(v) ? [{ ...base, kind: 'sample' as const, line, position, fraction, value: v * scale, repetition: sample.repetition }] : [];
    });
    return monotone(rows);
  });
}

/** A curve needs at least two of its percentiles: min and max alone are no distribution. */
function hasPercentiles(point: PointResult, family: LatencyFamily): boolean {
  return curvePositions(family).filter((p) => p.position !== 'min' && p.position !== 'max' && summaryOf(point, p.metric)).length >= 2;
}

/** Every curve of every point, in the points' order, idle before under load. */
export function latencyCdfRows(points: readonly PointResult[]): { medians: MedianCdfRow[]; samples: SampleCdfRow[] } {
  const medians: MedianCdfRow[] = [];
  const samples: SampleCdfRow[] = [];
  for (const point of points) {
    const { setting, workload, link } = pointView(point);
    for (const family of LATENCY_FAMILIES) {
      if (!hasPercentiles(point, family)) continue;
      const base = { setting, workload, link, family: family.id, curve: familyDisplay(family).label };
      medians.push(...medianCurve(point, family, base));
      samples.push(...sampleCurves(point, family, base));
    }
  }
  return { medians, samples };
}
