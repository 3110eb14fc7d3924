// Pure: latency percentiles (metrics named latencyP<NN>Us, e.g. from sockperf) per setting. Only drawn
// when a run has such metrics; iperf3-only runs get no latency chart rather than an empty one.
import type { PointResult } from '../../../results/schema.ts';
import { chartId, colorBySetting, inlineCellsSpec, tip, type ReportChart } from '../shared/chart-helpers.ts';
import { latencyPercentile } from '../../../metrics/registry.ts';
import { distinct, errorRange, pointView, type SummaryWithCi } from './report-data.ts';

interface LatencyRow {
  setting: string;
  workload: string;
  link: string;
  metric: string;
  percentile: number;
  /** Median over the samples of that percentile, µs. */
  us: number;
  lo: number;
  hi: number;
}

function latencyRows(points: readonly PointResult[]): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const point of points) {
    const view = pointView(point);
    for (const [metric, summary] of Object.entries(point.summary as Record<string, SummaryWithCi | undefined>)) {
      const percentile = latencyPercentile(metric);
      if (percentile === undefined || !summary) continue;
      const { lo, hi } = errorRange(summary);
      rows.push({ setting: view.setting, workload: view.workload, link: view.link, metric, percentile, us: summary.median, lo, hi });
    }
  }
  return rows.sort((a, b) => a.percentile - b.percentile);
}

export function latencyChart(points: readonly PointResult[], settings: readonly string[]): ReportChart | undefined {
  const rows = latencyRows(points);
  if (rows.length === 0) return undefined;
  const percentiles = distinct(rows.map((r) => String(r.percentile)));
  const x = { field: 'percentile', type: 'ordinal' as const, sort: percentiles.map(Number), title: 'percentile' };
  // Percentiles spread over orders of magnitude (p50 vs p99.99), hence the log scale on both layers.
  const yScale = { type: 'log' as const };
  return {
    id: chartId('latency-percentiles'),
    title: 'Latency percentiles (µs)',
    caption: 'Median over the samples of each percentile, with its error bar; lower is better.',
    spec: inlineCellsSpec(rows, () => ({
      encoding: { x, color: colorBySetting(settings, true) },
      layer: [
        { mark: { type: 'rule' as const, opacity: 0.6 }, encoding: { y: { field: 'lo', type: 'quantitative' as const, scale: yScale }, y2: { field: 'hi' } } },
        {
          mark: { type: 'line' as const, point: true },
          encoding: {
            y: { field: 'us', type: 'quantitative' as const, title: 'µs', scale: yScale },
            tooltip: [tip('setting', 'setting'), tip('workload', 'workload'), tip('percentile', 'percentile', 'quantitative'), tip('us', 'median µs', 'quantitative'), tip('lo', 'low µs', 'quantitative'), tip('hi', 'high µs', 'quantitative')],
          },
        },
      ],
    })),
  };
}
