// Pieces every vega-lite chart of the reports shares: the chart record, the look, colour by setting, the
// small-multiples layout and the shared samples dataset. Comparison and trend pages build on these too.
import type { TopLevelSpec } from 'vega-lite';
import { distinct } from '../run/report-data.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One chart of a page: its container id, a heading, one sentence on how to read it, and the spec. */
export interface ReportChart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

/** A chart id usable as an HTML id and in a CSS selector, whatever the metric name is. */
export function chartId(...parts: string[]): string {
  return `chart-${parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The look shared by all charts (set per spec, so a spec copied out of the page renders the same). */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: '#e3e6ea' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, gridColor: '#eef0f3', domainColor: '#9aa3ad', tickColor: '#9aa3ad' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 12, fontWeight: 600, anchor: 'start', offset: 6 },
  concat: { spacing: 28 },
} as const;

/** Colour encodes the knob setting, with the same colour for the same setting in every chart of a page. */
export function colorBySetting(settings: readonly string[], legend: boolean) {
  return {
    field: 'setting',
    type: 'nominal' as const,
    title: 'setting',
    scale: { domain: [...settings], scheme: 'tableau10' },
    ...(legend ? {} : { legend: null }),
  };
}

/** A tooltip entry; numbers get enough significant digits to be the exact figure for a reader. */
export function tip(field: string, title: string, type: 'nominal' | 'quantitative' = 'nominal') {
  return type === 'quantitative' ? { field, title, type, format: ',.6~g' } : { field, title, type };
}

/**
 * A tooltip built by one expression per item, for marks drawn once per sample (thousands of them): unlike
 * encoding tooltips it formats nothing while drawing, and shows numbers with every digit.
 * `fields` maps the label shown to the datum field.
 */
export function rawTooltip(fields: Readonly<Record<string, string>>) {
  const entries = Object.entries(fields).map(([label, field]) => `${JSON.stringify(label)}: datum[${JSON.stringify(field)}]`);
  return { expr: `{${entries.join(', ')}}` };
}

/** One small multiple: the workload (and link kind) whose points it shows. */
export interface Cell {
  workload: string;
  link: string;
}

/** The cells present in rows, in first-seen order. */
export function cellsOf(rows: readonly Cell[]): Cell[] {
  const seen = new Map<string, Cell>();
  for (const r of rows) {
    const key = JSON.stringify([r.link, r.workload]);
    if (!seen.has(key)) seen.set(key, { workload: r.workload, link: r.link });
  }
  return [...seen.values()];
}

/** Keeps the rows of one cell (field predicates: no expression strings built from names). */
export function cellFilter(cell: Cell) {
  return [{ filter: { field: 'workload', equal: cell.workload } }, { filter: { field: 'link', equal: cell.link } }];
}

/**
 * Small multiples as a concat of one view per cell, each with its own y scale (TCP runs at ten times UDP's
 * rate), titled by workload; with more than one link kind, one row per link kind.
 * A concat rather than a facet: its views may layer different data (medians inline, samples shared).
 */
export function smallMultiples<T>(cells: readonly Cell[], view: (cell: Cell) => T) {
  const resolve = { scale: { y: 'independent' as const } };
  const links = distinct(cells.map((c) => c.link));
  if (links.length === 1) {
    return { concat: cells.map((cell) => ({ title: cell.workload, ...view(cell) })), columns: 3, resolve };
  }
  return {
    vconcat: links.map((link) => ({
      hconcat: cells.filter((c) => c.link === link).map((cell) => ({ title: `${cell.workload} on ${link}`, ...view(cell) })),
      resolve,
    })),
    resolve,
  };
}

/** A spec with its rows inline (each naming its workload and link): one 280×200 view per cell, over the cell's rows. */
export function inlineCellsSpec<T extends object>(rows: readonly Cell[], view: (cell: Cell) => T) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    config: CHART_CONFIG,
    data: { values: [...rows] },
    ...smallMultiples(cellsOf(rows), (cell) => ({ width: 280, height: 200, transform: cellFilter(cell), ...view(cell) })),
  };
}

/** The name of the per-sample dataset: stored once in a page and shared by the charts that use it. */
export const SAMPLES = 'samples';
