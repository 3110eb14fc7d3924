// Pure: the charts of the comparison page as vega-lite specs — per comparison the Δ of medians per point, coloured
// by verdict, with the CI of the shift and the threshold; with more than two runs, every run side by side
// (throughput and packet rate, absolute and per logical CPU) for capacity planning.
import { formatP, formatValue, signedPercent } from '../../../metrics/format.ts';
import type { CapacityMetric, CapacityView, ComparisonReport, ComparisonSettings, PairComparison, RunRef, Verdict } from '../../../compare/types.ts';
import { CHART_CONFIG, chartId, tip, VEGA_LITE_SCHEMA, type ReportChart } from '../shared/chart-helpers.ts';
import { metricDisplay as displayInfo } from '../../../metrics/format.ts';
import { colorByVerdict } from '../shared/verdict-colors.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';

/** Point labels as shown: the label, or label and key when two points of a comparison share a label. */
export function pointNames(points: readonly { key: string; label: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of points) count.set(p.label, (count.get(p.label) ?? 0) + 1);
  return new Map(points.map((p) => [p.key, count.get(p.label)! > 1 ? `${p.label} (${p.key})` : p.label]));
}

/** "run 1 (base)", "run 2" …: how the page names the compared runs, in the report's order. */
export function runName(index: number): string {
  return index === 0 ? 'run 1 (base)' : `run ${index + 1}`;
}

/** A run as the capacity legend shows it: its number and host. */
export function runLegend(run: RunRef, index: number): string {
  const host = run.host ? `${run.host.hostname}, ${run.host.cores} CPUs, ${run.host.kernel}` : 'host not recorded';
  return `${index + 1}${index === 0 ? ' base' : ''} · ${host}`;
}

/** One bar of the Δ chart: a point's deciding metric, in % of the base median. */
export interface DeltaRow {
  key: string;
  point: string;
  metric: string;
  verdict: Verdict;
  /** Δ of the medians, % of the base median. */
  delta: number;
  /** The CI of the shift (Hodges-Lehmann / Moses), % of the base median. */
  lo: number;
  hi: number;
  /** Its exact confidence, in %. */
  confidence: number;
  base: string;
  new: string;
  p: number;
  pAdjusted: number;
  reason: string;
  /** The text beside the plot: Δ, metric and adjusted p. */
  text: string;
}

/** Points whose deciding metric has a Δ % (not when the base median is 0), in the comparison's severity order. */
export function deltaRows(pair: PairComparison): DeltaRow[] {
  const names = pointNames(pair.points);
  return pair.points.flatMap((p) => {
    const m = p.metrics.find((x) => x.metric === p.decidingMetric);
    if (!m || m.deltaPercent === null || m.deltaCi === null) return [];
    return [{
      key: p.key, point: names.get(p.key)!, metric: m.label, verdict: p.verdict,
      delta: m.deltaPercent, lo: m.deltaCi.lowPercent, hi: m.deltaCi.highPercent, confidence: m.deltaCi.confidence * 100,
      base: formatValue(m.base.median, m.unit), new: formatValue(m.new.median, m.unit),
      p: m.shift.p ?? Number.NaN, pAdjusted: m.pAdjusted ?? Number.NaN, reason: p.reason,
      text: `${signedPercent(m.deltaPercent)} ${m.label}${m.pAdjusted === null ? '' : `, Holm p ${formatP(m.pAdjusted)}`}`,
    }];
  });
}

/** The Δ of medians per point: a bar coloured by verdict, the CI of the shift as an error bar, ±threshold dashed. */
export function deltaChart(pair: PairComparison, index: number, settings: ComparisonSettings, pairs: number): ReportChart | undefined {
  const rows = deltaRows(pair);
  if (rows.length === 0) return undefined;
  const t = settings.thresholdPercent;
  const y = { field: 'point', type: 'nominal' as const, sort: rows.map((r) => r.point), title: null, axis: { labelLimit: 300, labelFontSize: 12 } };
  const x = { type: 'quantitative' as const, title: `Δ median, % of the base median (dashed: ±${t} % threshold)` };
  const width = 600;
  const skipped = pair.points.length - rows.length;
  return {
    id: chartId('delta', String(index + 2)),
    title: pairs > 1 ? `Δ of medians: ${runName(index + 1)} against the base` : 'Δ of medians per point',
    caption: `Per point its deciding metric: the bar is the change of the median, coloured by verdict; the whisker is the ${confidenceText(rows[0]!.confidence / 100)} CI of the shift; dashed lines at ±${t} %.`
      + (skipped ? ` ${skipped} point(s) without a Δ % (no deciding metric, or a base median of 0) are in the table only.` : ''),
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      width,
      height: { step: 30 },
      layer: [
        { data: { values: [{ x: -t }, { x: t }] }, mark: { type: 'rule', strokeDash: [5, 4], color: '#6b7785', strokeWidth: 1.2 }, encoding: { x: { ...x, field: 'x' } } },
        { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#2b3440' }, encoding: { x: { ...x, field: 'x' } } },
        {
          data: { values: rows },
          layer: [
            {
              mark: { type: 'bar', opacity: 0.85, height: { band: 0.62 } },
              encoding: {
                y, x: { ...x, field: 'delta' }, color: { ...colorByVerdict(true), legend: { orient: 'top' as const, direction: 'horizontal' as const, title: null } },
                tooltip: [
                  tip('point', 'point'), tip('metric', 'metric'), tip('verdict', 'verdict'), tip('delta', 'Δ median %', 'quantitative'),
                  tip('lo', 'CI of the shift, low %', 'quantitative'), tip('hi', 'CI of the shift, high %', 'quantitative'),
                  tip('base', 'base median'), tip('new', 'new median'), tip('p', 'p (Mann-Whitney)', 'quantitative'), tip('pAdjusted', 'p (Holm)', 'quantitative'), tip('reason', 'why'),
                ],
              },
            },
            { mark: { type: 'rule', color: '#1f2933', strokeWidth: 1.6 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
            // Beside the plot, so no label ever covers a bar, a whisker or a threshold line.
            { mark: { type: 'text', align: 'left', fontSize: 11.5, color: '#3d4652' }, encoding: { y, x: { value: width + 12 }, text: { field: 'text' } } },
          ],
        },
      ],
    } as ReportChart['spec'],
  };
}

/** One bar of the capacity chart: one run's median of one metric at one point, absolute or per logical CPU. */
export interface CapacityRowData {
  point: string;
  run: string;
  metric: string;
  per: 'absolute' | 'per CPU';
  /** In the display unit (Gbit/s, Mpps). */
  value: number;
  lo: number;
  hi: number;
  n: number;
  file: string;
  cpus: number | null;
}

const CAPACITY_METRICS = ['throughputBps', 'pps'] as const;

export function capacityData(view: CapacityView): CapacityRowData[] {
  const names = pointNames(view.rows);
  const legends = view.runs.map(runLegend);
  return view.rows.flatMap((row) => row.cells.flatMap((cell, i) => {
    if (!cell) return [];
    const run = view.runs[i]!;
    const cpus = run.host?.cores ?? null;
    return CAPACITY_METRICS.flatMap((metric) => {
      const m: CapacityMetric | undefined = cell[metric];
      if (!m) return [];
      const { scale } = displayInfo(metric);
      const base = { point: names.get(row.key)!, run: legends[i]!, metric, n: m.n, file: run.file, cpus };
      const absolute: CapacityRowData = { ...base, per: 'absolute', value: m.median * scale, lo: m.ciLow * scale, hi: m.ciHigh * scale };
      return cpus ? [absolute, { ...base, per: 'per CPU' as const, value: (m.median / cpus) * scale, lo: (m.ciLow / cpus) * scale, hi: (m.ciHigh / cpus) * scale }] : [absolute];
    });
  }));
}

/** Every run side by side, per point: one view per metric, absolute and per logical CPU, coloured by run. */
export function capacityChart(view: CapacityView): ReportChart | undefined {
  const rows = capacityData(view);
  if (rows.length === 0) return undefined;
  const runs = view.runs.map(runLegend);
  const points = [...new Set(rows.map((r) => r.point))];
  const views = CAPACITY_METRICS.flatMap((metric) => (['absolute', 'per CPU'] as const).flatMap((per) => {
    if (!rows.some((r) => r.metric === metric && r.per === per)) return [];
    const info = displayInfo(metric);
    const y = { type: 'quantitative' as const, title: per === 'absolute' ? info.unit : `${info.unit} per CPU` };
    return [{
      title: `${info.label}${per === 'absolute' ? '' : ' per logical CPU'} (${info.unit})`,
      width: { step: Math.max(40, runs.length * 18) },
      height: 220,
      transform: [{ filter: { field: 'metric', equal: metric } }, { filter: { field: 'per', equal: per } }],
      encoding: {
        x: { field: 'point', type: 'nominal' as const, sort: points, title: null, axis: { labelAngle: points.length > 4 ? -30 : 0, labelLimit: 180 } },
        xOffset: { field: 'run', type: 'nominal' as const, sort: runs },
      },
      layer: [
        {
          mark: { type: 'bar' as const, opacity: 0.8 },
          encoding: {
            y: { ...y, field: 'value' },
            color: { field: 'run', type: 'nominal' as const, title: 'run', scale: { domain: runs, scheme: 'tableau10' }, legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 420 } },
            tooltip: [tip('point', 'point'), tip('run', 'run'), tip('file', 'file'), tip('per', 'scale'), tip('value', `median (${info.unit})`, 'quantitative'), tip('lo', 'CI low', 'quantitative'), tip('hi', 'CI high', 'quantitative'), tip('n', 'samples', 'quantitative'), tip('cpus', 'logical CPUs', 'quantitative')],
          },
        },
        { mark: { type: 'rule' as const, color: '#2b3440', strokeWidth: 1.4 }, encoding: { y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
      ],
    }];
  }));
  return {
    id: chartId('capacity'),
    title: 'Every run side by side: capacity per host',
    caption: 'Per point and run the median with the CI of the median, absolute and divided by the host\'s logical CPUs, so machines of different sizes read on one scale.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      data: { values: rows },
      concat: views,
      columns: 2,
      resolve: { scale: { y: 'independent' } },
    } as ReportChart['spec'],
  };
}

/** Every chart of the comparison page, in reading order: one Δ chart per comparison, then capacity (more than two runs). */
export function comparisonCharts(report: ComparisonReport): ReportChart[] {
  const deltas = report.comparisons.map((pair, i) => deltaChart(pair, i, report.settings, report.comparisons.length));
  const capacity = report.capacity.runs.length > 2 ? capacityChart(report.capacity) : undefined;
  return [...deltas, capacity].filter((c): c is ReportChart => c !== undefined);
}
