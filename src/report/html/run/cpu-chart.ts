// Pure: CPU efficiency per sample — Gbit/s per CPU core used by iperf3's client and server together
// (iperf3 reports each process's CPU as a percentage of one core) against the throughput itself.
import { CHART_CONFIG, cellFilter, cellsOf, chartId, colorBySetting, rawTooltip, SAMPLES, smallMultiples, VEGA_LITE_SCHEMA, type Cell, type ReportChart } from '../shared/chart-helpers.ts';
import type { SampleRow } from './report-data.ts';

const NEEDS = ['throughputBps', 'cpuHostPercent', 'cpuRemotePercent'] as const;

function measured(row: SampleRow): boolean {
  return NEEDS.every((m) => typeof row[m] === 'number') && (row.cpuHostPercent as number) + (row.cpuRemotePercent as number) > 0;
}

/** `samples` is the page's shared per-sample dataset; the efficiency is derived in the chart. */
export function cpuEfficiencyChart(samples: readonly SampleRow[], settings: readonly string[]): ReportChart | undefined {
  const cells = cellsOf(samples.filter(measured));
  if (cells.length === 0) return undefined;
  const view = (cell: Cell) => ({
    width: 280,
    height: 200,
    data: { name: SAMPLES },
    transform: [
      ...cellFilter(cell),
      ...NEEDS.map((field) => ({ filter: { field, valid: true } })),
      { calculate: '(datum.cpuHostPercent + datum.cpuRemotePercent) / 100', as: 'cores' },
      { filter: 'datum.cores > 0' },
      { calculate: 'datum.throughputBps / 1e9', as: 'gbps' },
      { calculate: 'datum.gbps / datum.cores', as: 'gbpsPerCore' },
    ],
    mark: {
      type: 'circle' as const, size: 40, opacity: 0.6,
      tooltip: rawTooltip({ setting: 'setting', workload: 'workload', repetition: 'repetition', 'Gbit/s': 'gbps', 'CPU cores (client + server)': 'cores', 'Gbit/s per core': 'gbpsPerCore' }),
    },
    encoding: {
      x: { field: 'gbps', type: 'quantitative' as const, title: 'throughput (Gbit/s)', scale: { zero: false } },
      y: { field: 'gbpsPerCore', type: 'quantitative' as const, title: 'Gbit/s per core', scale: { zero: false } },
      color: colorBySetting(settings, true),
    },
  });
  return {
    id: chartId('cpu-efficiency'),
    title: 'CPU efficiency (Gbit/s per core)',
    caption: 'One dot per sample: throughput against Gbit/s per CPU core used by the iperf3 client and server together. Up and right is better.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      datasets: { [SAMPLES]: samples as SampleRow[] },
      ...smallMultiples(cells, view),
    },
  };
}
