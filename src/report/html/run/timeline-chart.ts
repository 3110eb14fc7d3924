// Pure: every sample of the run on the wall clock — when it started, its headline value, its point — so drift over
// the run and a neighbour's interference become visible. Warm-up samples are faint squares, samples taken while
// neighbours used the CPU (contaminated: left out of summaries and effects) are triangles, failed samples are red
// rules at the time they ran. Where samples carry an interference record, a lane below shows the neighbours' CPU.
import type { PointResult, RunResults, Sample } from '../../../results/schema.ts';
import { axisTitle, metricDisplay } from '../../../metrics/format.ts';
import { isMetricName, METRICS } from '../../../metrics/registry.ts';
import { CHART_CONFIG, cellFilter, cellsOf, chartId, colorBySetting, rawTooltip, VEGA_LITE_SCHEMA, type Cell, type ReportChart } from '../shared/chart-helpers.ts';
import { DEFAULT_MAX_NEIGHBOUR_CPU } from '../../../stats/interference.ts';
import { distinct, pointView } from './report-data.ts';

export type TimelineKind = 'measured' | 'warm-up' | 'contaminated' | 'failed';

export interface TimelineRow extends Cell {
  /** ISO start time. */
  t: string;
  setting: string;
  point: string;
  repetition: number;
  kind: TimelineKind;
  /** The cell's headline metric in its display unit; absent for failed samples. */
  value?: number;
  /** Neighbours' CPU during the sample, in cores; absent where not measured (absent is absent, never 0). */
  neighbourCores?: number;
  stealCores?: number;
  reason?: string;
}

/** The kinds drawn as dots (failed samples have no value: they are rules). */
const VALUED: readonly TimelineKind[] = ['measured', 'warm-up', 'contaminated'];

function kindOf(sample: Sample): TimelineKind | undefined {
  if (sample.status === 'skipped') return undefined; // never ran: no time to place it at
  if (sample.status === 'failed') return 'failed';
  if (sample.warmup) return 'warm-up';
  return sample.contaminated ? 'contaminated' : 'measured';
}

/** The figure a cell's samples are drawn by: goodput where measured, else the first headline metric its samples carry. */
export function headlineOf(samples: readonly Sample[]): string | undefined {
  const present = new Set(samples.flatMap((s) => Object.keys(s.metrics ?? {})));
  if (present.has('throughputBps')) return 'throughputBps';
  return Object.keys(METRICS).find((name) => isMetricName(name) && present.has(name) && 'headline' in METRICS[name]);
}

function allSamples(point: PointResult): Sample[] {
  return [...(point.warmup ?? []).map((s) => ({ ...s, warmup: true as const })), ...point.samples];
}

export function timelineRows(points: readonly PointResult[]): { rows: TimelineRow[]; metrics: Map<string, string> } {
  const byCell = new Map<string, PointResult[]>();
  for (const p of points) {
    const key = JSON.stringify([p.link, p.workload.label]);
    byCell.set(key, [...(byCell.get(key) ?? []), p]);
  }
  const rows: TimelineRow[] = [];
  const metrics = new Map<string, string>();
  for (const [key, cellPoints] of byCell) {
    const metric = headlineOf(cellPoints.flatMap(allSamples));
    if (metric) metrics.set(key, metric);
    const { scale } = metricDisplay(metric ?? '');
    for (const point of cellPoints) {
      const view = pointView(point);
      for (const s of allSamples(point)) {
        const kind = kindOf(s);
        if (!kind || Number.isNaN(Date.parse(s.startedAt))) continue;
        const v = metric ? (s.metrics as Record<string, number | undefined> | undefined)?.[metric] : undefined;
        const row: TimelineRow = { t: s.startedAt, setting: view.setting, point: point.label, workload: view.workload, link: view.link, repetition: s.repetition, kind };
        if (kind !== 'failed' && typeof v === 'number' && Number.isFinite(v)) row.value = v * scale;
        if (s.interference) { row.neighbourCores = s.interference.neighbourCores; row.stealCores = s.interference.stealCores; }
        if (s.reason) row.reason = s.reason;
        if (kind === 'failed' || row.value !== undefined) rows.push(row);
      }
    }
  }
  return { rows: rows.sort((a, b) => a.t.localeCompare(b.t)), metrics };
}

const WIDTH = 900;
const x = { field: 't', type: 'temporal' as const, title: 'wall clock (UTC)', scale: { type: 'utc' as const }, axis: { format: '%H:%M:%S', labelOverlap: true } };

function cellView(cell: Cell, metric: string | undefined, settings: readonly string[], multiLink: boolean) {
  const info = metricDisplay(metric ?? '');
  return {
    title: multiLink ? `${cell.workload} on ${cell.link}` : cell.workload,
    width: WIDTH,
    height: 150,
    transform: cellFilter(cell),
    layer: [
      {
        transform: [{ filter: { field: 'kind', equal: 'failed' } }],
        mark: { type: 'rule' as const, color: '#b42318', strokeDash: [3, 3], strokeWidth: 1.2, tooltip: rawTooltip({ failed: 'point', repetition: 'repetition', started: 't', why: 'reason' }) },
        encoding: { x },
      },
      ...(['plain', 'contaminated'] as const).map((layer) => ({
        transform: [{ filter: { field: 'value', valid: true } }, { filter: layer === 'contaminated' ? "datum.kind === 'contaminated'" : "datum.kind !== 'contaminated'" }],
        // Contaminated samples drawn apart: bigger triangles outlined in black, over the others.
        mark: {
          type: 'point' as const, filled: true, ...(layer === 'contaminated' ? { size: 130, stroke: '#1f2933', strokeWidth: 1.2, opacity: 1 } : { size: 36 }),
          tooltip: rawTooltip({ point: 'point', sample: 'kind', repetition: 'repetition', started: 't', [`${info.label}${info.unit ? ` (${info.unit})` : ''}`]: 'value', 'neighbour CPU (cores)': 'neighbourCores' }),
        },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' as const, title: axisTitle(info), scale: { zero: false } },
          color: colorBySetting(settings, true),
          shape: { field: 'kind', type: 'nominal' as const, title: 'sample', scale: { domain: [...VALUED], range: ['circle', 'square', 'triangle-up'] }, legend: { symbolFillColor: '#5f6b7a', symbolStrokeColor: '#5f6b7a' } },
          ...(layer === 'plain' ? { opacity: { condition: { test: "datum.kind === 'warm-up'", value: 0.3 }, value: 0.85 } } : {}),
        },
      })),
    ],
  };
}

function interferenceView() {
  return {
    title: 'neighbours\u2019 CPU during each sample (cores; not drawn where not measured)',
    width: WIDTH,
    height: 80,
    transform: [{ filter: { field: 'neighbourCores', valid: true } }],
    mark: { type: 'bar' as const, width: 3, color: '#9a5b00', tooltip: rawTooltip({ point: 'point', started: 't', 'neighbour CPU (cores)': 'neighbourCores', 'steal (cores)': 'stealCores' }) },
    encoding: { x, y: { field: 'neighbourCores', type: 'quantitative' as const, title: 'cores' } },
  };
}

export function timelineChart(results: RunResults, settings: readonly string[]): ReportChart | undefined {
  const { rows, metrics } = timelineRows(results.points);
  // Failures alone are in the warnings with their reasons; the timeline needs values to show drift against.
  if (!rows.some((r) => r.value !== undefined)) return undefined;
  const cells = cellsOf(results.points.map((p) => pointView(p))).filter((c) => rows.some((r) => r.workload === c.workload && r.link === c.link));
  const multiLink = distinct(cells.map((c) => c.link)).length > 1;
  const counted = (k: TimelineKind) => rows.filter((r) => r.kind === k).length;
  const measured = rows.some((r) => r.neighbourCores !== undefined);
  const views = cells.map((cell) => cellView(cell, metrics.get(JSON.stringify([cell.link, cell.workload])), settings, multiLink));
  return {
    id: chartId('timeline'),
    title: 'Every sample on the wall clock',
    caption: `One mark per sample at the time it started (${counted('measured')} measured, ${counted('warm-up')} warm-up, ${counted('contaminated')} contaminated, ${counted('failed')} failed): `
      + `circles are measured samples, faint squares warm-up (discarded), triangles samples taken while neighbours used more than ${results.run.settings.maxNeighbourCpu ?? DEFAULT_MAX_NEIGHBOUR_CPU} core(s) (--max-neighbour-cpu; kept, left out of summaries and effects), red dashed rules failed samples. `
      + 'A slope along the run is drift; a cluster of outliers at one time is interference. '
      + (measured ? 'The lane below shows the neighbours\u2019 CPU per sample.' : 'Neighbours\u2019 CPU was not measured in this run.'),
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      data: { values: rows },
      vconcat: [...views, ...(measured ? [interferenceView()] : [])],
      resolve: { scale: { x: 'shared' as const, y: 'independent' as const } },
    } as ReportChart['spec'],
  };
}
