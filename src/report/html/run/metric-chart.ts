// Pure: one metric of a run as a chart — per setting the median as a bar with its error bar (CI when the
// results carry one, else min–max) and every sample as a dot beside it, one view per workload.
import type { PointResult } from '../../../results/schema.ts';
import { CHART_CONFIG, cellFilter, cellsOf, chartId, colorBySetting, rawTooltip, SAMPLES, smallMultiples, tip, VEGA_LITE_SCHEMA, type Cell, type ReportChart } from '../shared/chart-helpers.ts';
import { axisTitle, metricDisplay } from '../../../metrics/format.ts';
import { distinct, errorRange, pointView, summaryOf, type SampleRow } from './report-data.ts';

/** A point's summary of the metric, in the display unit (Gbit/s, µs …). */
interface MedianRow extends Cell {
  setting: string;
  median: number;
  lo: number;
  hi: number;
  range: 'CI' | 'min–max';
  n: number;
  cvPercent: number;
}

function medianRows(points: readonly PointResult[], metric: string): MedianRow[] {
  const { scale } = metricDisplay(metric);
  return points.flatMap((point) => {
    const summary = summaryOf(point, metric);
    if (!summary) return [];
    const { setting, workload, link } = pointView(point);
    const { lo, hi, kind } = errorRange(summary);
    return [{ setting, workload, link, median: summary.median * scale, lo: lo * scale, hi: hi * scale, range: kind, n: summary.n, cvPercent: summary.cv * 100 }];
  });
}

/** `samples` is the page's shared per-sample dataset (sampleRows); the chart reads its `metric` column. */
export function metricChart(points: readonly PointResult[], metric: string, settings: readonly string[], samples: readonly SampleRow[]): ReportChart | undefined {
  const medians = medianRows(points, metric);
  if (medians.length === 0) return undefined;
  const info = metricDisplay(metric);
  const ranges = distinct(medians.map((r) => r.range));
  const rangeText = ranges.length === 1 ? ranges[0]! : 'CI where recorded, else min–max';
  const unit = info.unit || metric;
  const x = { field: 'setting', type: 'nominal' as const, sort: [...settings], title: null, axis: { labelAngle: -30, labelLimit: 160 } };
  const xOffset = (slot: 'median' | 'samples') => ({ datum: slot, scale: { domain: ['median', 'samples'], paddingInner: 0.15 } });
  const y = { type: 'quantitative' as const, title: axisTitle(info) };
  const view = (cell: Cell) => ({
    width: { step: 26 },
    height: 200,
    layer: [
      {
        data: { values: medians.filter((r) => r.workload === cell.workload && r.link === cell.link) },
        encoding: { x, xOffset: xOffset('median') },
        layer: [
          {
            mark: { type: 'bar' as const, opacity: 0.75 },
            encoding: {
              y: { ...y, field: 'median' },
              color: colorBySetting(settings, false),
              tooltip: [tip('setting', 'setting'), tip('workload', 'workload'), tip('link', 'link'), tip('median', `median (${unit})`, 'quantitative'), tip('lo', `low (${rangeText})`, 'quantitative'), tip('hi', `high (${rangeText})`, 'quantitative'), tip('n', 'samples', 'quantitative'), tip('cvPercent', 'CV %', 'quantitative')],
            },
          },
          { mark: { type: 'rule' as const, color: '#2b3440', strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        ],
      },
      {
        data: { name: SAMPLES },
        transform: [...cellFilter(cell), { filter: { field: metric, valid: true } }, { calculate: `datum[${JSON.stringify(metric)}] * ${info.scale}`, as: 'value' }],
        mark: { type: 'circle' as const, size: 26, opacity: 0.6, tooltip: rawTooltip({ setting: 'setting', workload: 'workload', repetition: 'repetition', [`${info.label} (${unit})`]: 'value', ...(info.scale === 1 ? {} : { [metric]: metric }) }) },
        encoding: { x, xOffset: xOffset('samples'), y: { ...y, field: 'value' }, color: colorBySetting(settings, false) },
      },
    ],
  });
  return {
    id: chartId(metric),
    title: axisTitle(info),
    caption: `Bars: median per setting, whiskers: ${rangeText}; dots: every sample.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      datasets: { [SAMPLES]: samples as SampleRow[] },
      ...smallMultiples(cellsOf(medians), view),
    },
  };
}
