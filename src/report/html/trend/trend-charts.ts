// Pure: the charts of the trend page as vega-lite specs — per headline metric one chart, one view per point: the
// nightly median as a line with its CI as a band, regressed nights marked, change points as dated rules.
import { signedPercent } from '../../../metrics/format.ts';
import type { Verdict } from '../../../compare/types.ts';
import type { NightOutcome, Trend, TrendSeries } from '../../../results/nightly-schema.ts';
import { CHART_CONFIG, chartId, tip, VEGA_LITE_SCHEMA, type ReportChart } from '../shared/chart-helpers.ts';
import { CHARTED_METRICS } from '../../../metrics/registry.ts';
import { metricDisplay as displayInfo } from '../../../metrics/format.ts';

/** One night of one series, in the display unit (Gbit/s, Mpps). */
export interface TrendNightRow {
  point: string;
  night: string;
  date: string;
  median: number;
  lo: number;
  hi: number;
  n: number;
  outcome: NightOutcome;
  verdict: Verdict | 'no baseline';
  regressed: boolean;
  /** Invalid because the host was busy: not a regression, drawn apart. */
  busy: boolean;
}

/** One change point of one series: the first night after the step. */
export interface ChangePointRow {
  point: string;
  night: string;
  date: string;
  shiftPercent: number;
  effect: 'worse' | 'better';
  marker: string;
  before: number;
  after: number;
  pValue: number;
  text: string;
}

/** The legend of the trend charts: what each colour marks. */
export const TREND_MARKERS = { median: 'nightly median', regressed: 'regressed night', busy: 'invalid: host busy', worse: 'change point: worse', better: 'change point: better' } as const;
const MARKER_COLORS = { median: '#2f5fb3', regressed: '#c62828', busy: '#7b8190', worse: '#d9480f', better: '#2e7d32' } as const;

/** The metrics that decide verdicts, each a chart: the headline of every point. */
export function headlineSeries(trend: Trend): TrendSeries[] {
  return trend.series.filter((s) => s.gates);
}

/** Every night of the trend, oldest first: by date, then by directory (2026-11-21, 2026-11-21-2, 2026-11-21-10). */
export function nightOrder(trend: Trend): string[] {
  const dates = new Map<string, string>();
  for (const s of trend.series) for (const n of s.nights) if (!dates.has(n.dir)) dates.set(n.dir, n.date);
  return [...dates].sort(([a, da], [b, db]) => da.localeCompare(db) || a.localeCompare(b, 'en', { numeric: true })).map(([dir]) => dir);
}

export function nightRows(series: TrendSeries): TrendNightRow[] {
  const { scale } = displayInfo(series.metric);
  return series.nights.map((n) => ({
    point: series.label, night: n.dir, date: n.date, median: n.median * scale, lo: n.ciLow * scale, hi: n.ciHigh * scale, n: n.n,
    outcome: n.outcome, verdict: n.verdict ?? 'no baseline', regressed: n.verdict === 'regressed' && !n.hostBusy, busy: n.hostBusy === true,
  }));
}

export function changePointRows(series: TrendSeries): ChangePointRow[] {
  const { scale } = displayInfo(series.metric);
  return series.changePoints.map((c) => ({
    point: series.label, night: series.nights[c.index]?.dir ?? c.date, date: c.date, shiftPercent: c.shiftPercent, effect: c.effect,
    marker: TREND_MARKERS[c.effect], before: c.beforeMedian * scale, after: c.afterMedian * scale, pValue: c.pValue,
    text: `${c.date} ${signedPercent(c.shiftPercent)}`,
  }));
}

const markerScale = {
  domain: Object.values(TREND_MARKERS),
  range: (Object.keys(TREND_MARKERS) as (keyof typeof TREND_MARKERS)[]).map((k) => MARKER_COLORS[k]),
};

function seriesView(series: TrendSeries, nights: readonly string[]) {
  const info = displayInfo(series.metric);
  const x = { field: 'night', type: 'ordinal' as const, scale: { domain: [...nights] }, title: null, axis: { labelAngle: -45, labelOverlap: 'parity' as const } };
  const y = { type: 'quantitative' as const, title: info.unit || series.metric, scale: { zero: false } };
  const color = (marker: string) => ({ datum: marker, type: 'nominal' as const, scale: markerScale, title: null });
  const nightTooltip = [
    tip('point', 'point'), tip('night', 'night'), tip('median', `median (${info.unit})`, 'quantitative'), tip('lo', 'CI low', 'quantitative'),
    tip('hi', 'CI high', 'quantitative'), tip('n', 'samples', 'quantitative'), tip('verdict', 'verdict'), tip('outcome', 'night'),
  ];
  const changes = changePointRows(series);
  return {
    title: series.label,
    width: 420,
    height: 200,
    layer: [
      {
        data: { values: nightRows(series) },
        encoding: { x },
        layer: [
          { mark: { type: 'area' as const, color: MARKER_COLORS.median, opacity: 0.16 }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
          { mark: { type: 'line' as const, strokeWidth: 2, point: { filled: true, size: 28 } }, encoding: { y: { ...y, field: 'median' }, color: color(TREND_MARKERS.median), tooltip: nightTooltip } },
          {
            transform: [{ filter: { field: 'regressed', equal: true } }],
            mark: { type: 'point' as const, shape: 'diamond', filled: true, size: 130, opacity: 1 },
            encoding: { y: { ...y, field: 'median' }, color: color(TREND_MARKERS.regressed), tooltip: nightTooltip },
          },
          {
            transform: [{ filter: { field: 'busy', equal: true } }],
            mark: { type: 'point' as const, shape: 'square', filled: false, strokeWidth: 2, size: 130, opacity: 1 },
            encoding: { y: { ...y, field: 'median' }, color: color(TREND_MARKERS.busy), tooltip: nightTooltip },
          },
        ],
      },
      ...(changes.length ? [{
        data: { values: changes },
        encoding: { x },
        layer: [
          {
            mark: { type: 'rule' as const, strokeDash: [6, 3], strokeWidth: 2 },
            encoding: {
              color: { field: 'marker', type: 'nominal' as const, scale: markerScale, title: null },
              tooltip: [tip('point', 'point'), tip('date', 'first night after the step'), tip('shiftPercent', 'step %', 'quantitative'), tip('effect', 'effect'), tip('before', `median before (${info.unit})`, 'quantitative'), tip('after', `median after (${info.unit})`, 'quantitative'), tip('pValue', 'p (permutation)', 'quantitative')],
            },
          },
          { mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 4, y: 3, fontSize: 11, fontWeight: 600 }, encoding: { text: { field: 'text' }, color: { field: 'marker', type: 'nominal' as const, scale: markerScale, title: null } } },
        ],
      }] : []),
    ],
  };
}

/** One chart per headline metric (throughput, reverse throughput, packet rate), one view per point. */
export function trendCharts(trend: Trend): ReportChart[] {
  const nights = nightOrder(trend);
  const series = headlineSeries(trend);
  const metrics = [...new Set(series.map((s) => s.metric))].sort((a, b) => rank(a) - rank(b));
  return metrics.map((metric) => {
    const info = displayInfo(metric);
    const of = series.filter((s) => s.metric === metric);
    return {
      id: chartId('trend', metric),
      title: `${info.label} per night${info.unit ? ` (${info.unit})` : ''}`,
      caption: `Per point the nightly median (line) with its 95 % CI (band); red diamonds: nights judged regressed against the baseline; grey squares: nights that could not be judged because the host was busy (neighbours used the CPU — not a regression); dashed rules: change points, dated by the first night after the step.`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'bottom', symbolType: 'stroke' } },
        concat: of.map((s) => seriesView(s, nights)),
        columns: 2,
        resolve: { scale: { y: 'independent' } },
      } as ReportChart['spec'],
    };
  });
}

function rank(metric: string): number {
  const i = CHARTED_METRICS.indexOf(metric);
  return i < 0 ? CHARTED_METRICS.length : i;
}
