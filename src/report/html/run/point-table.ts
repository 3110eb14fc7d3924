// Pure: every point × metric with its full summary — the table at the end of the report and, with the same
// rows and columns, the CSV download. The CSV keeps the stored units (the metric name says which).
import type { PointResult } from '../../../results/schema.ts';
import { metricDisplay } from '../../../metrics/format.ts';
import { metricsPresent, pointView, summaryOf, type SummaryWithCi } from './report-data.ts';

/** The columns that name the point; a point's rows repeat them. */
export const POINT_COLUMNS = ['link', 'workload', 'setting', 'effective', 'samplesOk', 'samplesNotOk'] as const;

export const TABLE_COLUMNS = [...POINT_COLUMNS, 'metric', 'n', 'median', 'mean', 'stddev', 'min', 'max', 'cv', 'ciLow', 'ciHigh'] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number];
export type TableRow = Record<TableColumn, string | number | undefined>;

const STATS = ['n', 'median', 'mean', 'stddev', 'min', 'max', 'cv', 'ciLow', 'ciHigh'] as const;

function effectiveText(point: PointResult): string {
  return Object.entries(point.effective).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

/** One row per point and metric; a point without any summary (every sample failed) still gets one row. */
export function pointTableRows(points: readonly PointResult[]): TableRow[] {
  const metrics = metricsPresent(points);
  return points.flatMap((point) => {
    const view = pointView(point);
    const ok = point.samples.filter((s) => s.status === 'ok').length;
    const base = { link: view.link, workload: view.workload, setting: view.setting, effective: effectiveText(point), samplesOk: ok, samplesNotOk: point.samples.length - ok };
    const own = metrics.map((m) => [m, summaryOf(point, m)] as const).filter((e): e is [string, SummaryWithCi] => e[1] !== undefined);
    if (own.length === 0) return [{ ...base, metric: undefined, ...Object.fromEntries(STATS.map((k) => [k, undefined])) } as TableRow];
    return own.map(([metric, s]) => ({ ...base, metric, ...Object.fromEntries(STATS.map((k) => [k, s[k]])) }) as TableRow);
  });
}

/** The display unit of a row's statistics in the HTML table (medians etc. are scaled to it). */
export function rowUnit(row: TableRow): { unit: string; scale: number } {
  if (typeof row.metric !== 'string') return { unit: '', scale: 1 };
  const { unit, scale } = metricDisplay(row.metric);
  return { unit, scale };
}

/** Columns whose values are in the metric's unit (n and cv are not). */
export const SCALED_STATS: ReadonlySet<TableColumn> = new Set(['median', 'mean', 'stddev', 'min', 'max', 'ciLow', 'ciHigh']);

/**
 * RFC 4180 CSV. Text cells starting with = + - @ or a tab get a leading apostrophe, so a spreadsheet never
 * runs a scenario-supplied name as a formula; numbers are written as they are.
 */
export function toCsv(rows: readonly TableRow[]): string {
  const cell = (v: string | number | undefined): string => {
    if (v === undefined) return '';
    if (typeof v === 'number') return String(v);
    const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [TABLE_COLUMNS.join(','), ...rows.map((r) => TABLE_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
