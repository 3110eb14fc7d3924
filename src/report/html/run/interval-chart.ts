// Pure: per-interval throughput of each sample over time (iperf3's 1 s intervals), to show stability.
// The intervals come from the raw iperf3 JSON files; which samples to read is decided here too.
import type { PointResult, Sample } from '../../../results/schema.ts';
import type { Iperf3Interval } from '../../../tools/iperf3-metrics.ts';
import { chartId, colorBySetting, inlineCellsSpec, tip, type ReportChart } from '../shared/chart-helpers.ts';
import { okSamples, pointView } from './report-data.ts';

/** More lines than this per point are unreadable; the chart says when it shows only the first ones. */
export const MAX_SERIES_PER_POINT = 10;

export interface SampleIntervals {
  pointId: string;
  repetition: number;
  intervals: Iperf3Interval[];
}

/** The ok samples with raw output whose intervals are drawn: the first MAX_SERIES_PER_POINT repetitions of each point. */
export function samplesForTimeSeries(points: readonly PointResult[]): Sample[] {
  return points.flatMap((p) =>
    okSamples(p).filter((s) => s.rawOutput).sort((a, b) => a.repetition - b.repetition).slice(0, MAX_SERIES_PER_POINT));
}

interface IntervalRow {
  setting: string;
  workload: string;
  link: string;
  repetition: number;
  /** End of the interval, seconds since the sample's start. */
  t: number;
  gbps: number;
}

function intervalRows(points: readonly PointResult[], series: readonly SampleIntervals[]): IntervalRow[] {
  const views = new Map(points.map((p) => [p.id, pointView(p)]));
  return series.flatMap((s) => {
    const view = views.get(s.pointId);
    if (!view) return [];
    return s.intervals.map((i) => ({
      setting: view.setting, workload: view.workload, link: view.link, repetition: s.repetition, t: i.endS, gbps: i.bitsPerSecond / 1e9,
    }));
  });
}

export function intervalChart(points: readonly PointResult[], series: readonly SampleIntervals[], settings: readonly string[]): ReportChart | undefined {
  const rows = intervalRows(points, series);
  if (rows.length === 0) return undefined;
  const capped = points.some((p) => okSamples(p).filter((s) => s.rawOutput).length > MAX_SERIES_PER_POINT);
  return {
    id: chartId('intervals'),
    title: 'Throughput over time (Gbit/s)',
    caption: `One line per sample, one point per iperf3 interval${capped ? `; the first ${MAX_SERIES_PER_POINT} repetitions of each point` : ''}.`,
    spec: inlineCellsSpec(rows, () => ({
      mark: { type: 'line' as const, point: { size: 22 }, strokeWidth: 1.25, opacity: 0.8 },
      encoding: {
        x: { field: 't', type: 'quantitative' as const, title: 'time (s)', scale: { zero: false, nice: false }, axis: { format: '~g', tickMinStep: 1 } },
        y: { field: 'gbps', type: 'quantitative' as const, title: 'Gbit/s' },
        color: colorBySetting(settings, true),
        detail: { field: 'repetition', type: 'nominal' as const },
        tooltip: [tip('setting', 'setting'), tip('workload', 'workload'), tip('repetition', 'repetition', 'quantitative'), tip('t', 'interval end (s)', 'quantitative'), tip('gbps', 'Gbit/s', 'quantitative')],
      },
    })),
  };
}
