// Pure: one metric of a run as a chart, grouped by knob — x is one swept knob, colour the others (gro on the axis,
// one bar per tso value), so an effect reads as the step between bars of one colour instead of from combined labels.
// Per group the median as a bar with its error bar (CI with its level when the results carry one, else min–max) and
// every sample as a dot beside it, one view per workload.
import type { PointResult } from '../../../results/schema.ts';
import { CHART_CONFIG, cellFilter, cellsOf, chartId, rawTooltip, SAMPLES, smallMultiples, tip, VEGA_LITE_SCHEMA, type Cell, type ReportChart } from '../shared/chart-helpers.ts';
import { axisTitle, metricDisplay } from '../../../metrics/format.ts';
import { distinct, errorRange, pointView, summaryOf, type SampleRow } from './report-data.ts';
import { knobGrouping, type KnobGrouping } from './knob-grouping.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';

/** A point's summary of the metric, in the display unit (Gbit/s, µs …). */
interface MedianRow extends Cell {
  setting: string;
  xLevel: string;
  group: string;
  median: number;
  lo: number;
  hi: number;
  range: 'CI' | 'min–max';
  n: number;
  cvPercent: number;
  /** The CI's real confidence, "75%"; "–" for min–max. */
  level: string;
}

function medianRows(points: readonly PointResult[], metric: string, grouping: KnobGrouping): MedianRow[] {
  const { scale } = metricDisplay(metric);
  return points.flatMap((point) => {
    const summary = summaryOf(point, metric);
    if (!summary) return [];
    const { setting, workload, link } = pointView(point);
    const { lo, hi, kind } = errorRange(summary);
    const { xLevel, group } = grouping.of.get(setting)!;
    const level = kind === 'CI' && typeof summary.ciConfidence === 'number' ? confidenceText(summary.ciConfidence) : '–';
    return [{ setting, xLevel, group, level, workload, link, median: summary.median * scale, lo: lo * scale, hi: hi * scale, range: kind, n: summary.n, cvPercent: summary.cv * 100 }];
  });
}

/** `samples` is the page's shared per-sample dataset (sampleRows); the chart reads its `metric` column. */
export function metricChart(points: readonly PointResult[], metric: string, _settings: readonly string[], samples: readonly SampleRow[]): ReportChart | undefined {
  const grouping = knobGrouping(points);
  const medians = medianRows(points, metric, grouping);
  if (medians.length === 0) return undefined;
  const info = metricDisplay(metric);
  const ranges = distinct(medians.map((r) => r.range));
  const levels = distinct(medians.filter((r) => r.range === 'CI' && r.level !== '–').map((r) => r.level));
  const ciText = levels.length ? `CI of the median (${levels.join(', ')})` : 'CI of the median';
  const rangeText = ranges.length === 1 ? (ranges[0] === 'CI' ? ciText : 'min–max') : `${ciText} where recorded, else min–max`;
  const unit = info.unit || metric;
  const x = { field: 'xLevel', type: 'nominal' as const, sort: [...grouping.xLevels], title: grouping.xTitle, axis: { labelAngle: 0, labelLimit: 160 } };
  const xOffset = { field: 'group', type: 'nominal' as const, sort: [...grouping.groups], scale: { paddingInner: 0.12 } };
  const color = { field: 'group', type: 'nominal' as const, title: grouping.groupTitle, scale: { domain: [...grouping.groups], scheme: 'tableau10' } };
  const lookup = { lookup: 'setting', from: { data: { values: grouping.table }, key: 'setting', fields: ['xLevel', 'group'] } };
  const y = { type: 'quantitative' as const, title: axisTitle(info) };
  const view = (cell: Cell) => ({
    width: { step: Math.max(40, 22 * grouping.groups.length + 14) },
    height: 200,
    layer: [
      {
        data: { values: medians.filter((r) => r.workload === cell.workload && r.link === cell.link) },
        encoding: { x, xOffset },
        layer: [
          {
            mark: { type: 'bar' as const, opacity: 0.7 },
            encoding: {
              y: { ...y, field: 'median' },
              color,
              tooltip: [tip('setting', 'setting'), tip('workload', 'workload'), tip('link', 'link'), tip('median', `median (${unit})`, 'quantitative'), tip('lo', `low (${rangeText})`, 'quantitative'), tip('hi', `high (${rangeText})`, 'quantitative'), tip('level', 'CI level'), tip('n', 'samples', 'quantitative'), tip('cvPercent', 'CV %', 'quantitative')],
            },
          },
          { mark: { type: 'rule' as const, color: '#2b3440', strokeWidth: 1.5 }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        ],
      },
      {
        data: { name: SAMPLES },
        transform: [...cellFilter(cell), { filter: { field: metric, valid: true } }, { calculate: `datum[${JSON.stringify(metric)}] * ${info.scale}`, as: 'value' }, lookup],
        mark: { type: 'circle' as const, size: 20, opacity: 0.55, color: '#1f2933', tooltip: rawTooltip({ setting: 'setting', workload: 'workload', repetition: 'repetition', [`${info.label} (${unit})`]: 'value', ...(info.scale === 1 ? {} : { [metric]: metric }) }) },
        encoding: { x, xOffset, y: { ...y, field: 'value' } },
      },
    ],
  });
  return {
    id: chartId(metric),
    title: axisTitle(info),
    caption: `${grouping.caption} Bars: median, whiskers: ${rangeText}; dots: every measured sample.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      datasets: { [SAMPLES]: samples as SampleRow[] },
      ...smallMultiples(cellsOf(medians), view),
    },
  };
}
