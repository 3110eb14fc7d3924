// Pure: the latency CDF of a run — per workload (and link kind) one view, x = latency on a log scale, y = the
// cumulative fraction; one colour per setting, one dash per curve (idle vs under load). The bold line joins the
// median over the samples of each stored percentile, faint lines are each sample's own curve. Drawn for every
// workload that stores percentiles (sockperf, rr, rr over UDP, crr); runs without any get no chart.
import type { PointResult } from '../../../results/schema.ts';
import { formatMetric, formatRange, metricDisplay } from '../../../metrics/format.ts';
import { metricSpec } from '../../../metrics/registry.ts';
import { cellsOf, chartId, colorBySetting, inlineCellsSpec, tip, type Cell, type ReportChart } from '../shared/chart-helpers.ts';
import { distinct } from './report-data.ts';
import { familyAxisTitle, familyDisplay, LATENCY_FAMILIES, latencyCdfRows, type LatencyFamily, type MedianCdfRow, type SampleCdfRow } from './latency-cdf-data.ts';

/** Above this many sample curves in one view the faint lines would bury the medians: that view draws medians only. */
export const MAX_SAMPLE_CURVES_PER_VIEW = 60;

const sameCell = (a: Cell, b: Cell) => a.workload === b.workload && a.link === b.link;
const familyOf = (id: LatencyFamily['id']) => LATENCY_FAMILIES.find((f) => f.id === id)!;

/** "(26,942–31,549 latency observations under load per sample)": the medians' range over the points. */
function countRange(rows: readonly MedianCdfRow[], family: LatencyFamily): string {
  const counts = rows.flatMap((r) => (r.count === undefined ? [] : [r.count]));
  if (counts.length === 0) return '';
  const [lo, hi] = [Math.min(...counts), Math.max(...counts)];
  const unit = metricSpec(family.count)!.unit;
  const text = lo === hi ? formatMetric(lo, family.count) : formatRange(lo, hi, unit);
  return ` (${text} ${metricDisplay(family.count).label.toLowerCase()} per sample)`;
}

/** One sentence per kind of curve present: what its percentiles are, and how many values they rest on. */
function familyNotes(medians: readonly MedianCdfRow[]): string[] {
  const notes: string[] = [];
  for (const family of LATENCY_FAMILIES) {
    const rows = medians.filter((r) => r.family === family.id);
    if (rows.length === 0) continue;
    const binned = rows.filter((r) => r.binUs !== undefined);
    const exact = rows.filter((r) => r.binUs === undefined);
    const label = familyDisplay(family).label;
    if (family.id === 'latency') notes.push(`${label}: sockperf ping-pong, half the round trip; percentiles of every observation${countRange(rows, family)}.`);
    if (family.id === 'loadedLatency') notes.push(`${label}: the same while an iperf3 TCP stream saturates the link${countRange(rows, family)}.`);
    if (family.id === 'rtt' && binned.length) {
      const bins = distinct(binned.map((r) => formatMetric(r.binUs!, 'rttHistogramBinUs'))).join(', ');
      notes.push(`${label} (rr, iperf2 bounceback): full round trips; p50–p99.9 are the upper edges of iperf2's ${bins} histogram bins — the percentile lies at or below, not exactly there; min and max are iperf2's exact figures (a max inside the last bin, below its edge, is left out)${countRange(binned, family)}.`);
    }
    if (family.id === 'rtt' && exact.length) notes.push(`${label} (rr over UDP, sockperf): full round trips, twice sockperf's half round trip; with several flows the worst flow's percentiles (an upper bound)${countRange(exact, family)}.`);
    if (family.id === 'connect') notes.push(`${label} (crr): connect() alone, the handshake; percentiles of iperf2's per-connect times at 10 µs resolution${countRange(rows, family)}.`);
  }
  return notes;
}

function view(cell: Cell, medians: readonly MedianCdfRow[], curves: readonly string[], settings: readonly string[]) {
  const own = medians.filter((r) => sameCell(r, cell));
  const { unit } = familyDisplay(familyOf(own[0]!.family));
  // Not niced: a log scale would round 7.8–2,143 µs out to 1–10,000 and squeeze the curves into the middle.
  const x = {
    field: 'value', type: 'quantitative' as const, title: familyAxisTitle(familyOf(own[0]!.family)),
    scale: { type: 'log' as const, nice: false, padding: 8 }, axis: { labelOverlap: 'greedy' as const, labelSeparation: 6 },
  };
  const y = { field: 'fraction', type: 'quantitative' as const, title: 'cumulative fraction', scale: { domain: [0, 1] }, axis: { values: [0, 0.25, 0.5, 0.75, 0.9, 1], format: '.2~f' } };
  // Dashes tell idle from under load only; every other curve is solid.
  const loaded = familyDisplay(familyOf('loadedLatency')).label;
  const legend = { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 260 };
  const strokeDash = {
    field: 'curve', type: 'nominal' as const, title: 'curve',
    scale: { domain: [...curves], range: curves.map((c) => (c === loaded ? [6, 3] : [1, 0])) }, legend: { ...legend, symbolType: 'stroke', symbolStrokeColor: '#2b3440', symbolStrokeWidth: 1.5, symbolSize: 300 },
  };
  return {
    // The path follows the fraction, not x: binned percentiles repeat a value (a vertical step).
    encoding: {
      x, y, color: { ...colorBySetting(settings, true), legend }, detail: { field: 'line' }, order: { field: 'fraction' },
      ...(curves.includes(loaded) ? { strokeDash } : {}),
    },
    layer: [
      { transform: [{ filter: { field: 'kind', equal: 'sample' } }], mark: { type: 'line' as const, opacity: 0.25, strokeWidth: 1 } },
      {
        transform: [{ filter: { field: 'kind', equal: 'median' } }],
        mark: { type: 'line' as const, strokeWidth: 2, point: true },
        encoding: {
          tooltip: [
            tip('setting', 'setting'), tip('curve', 'curve'), tip('position', 'percentile'), tip('value', `median over the samples (${unit})`, 'quantitative'),
            tip('lo', `lowest sample (${unit})`, 'quantitative'), tip('hi', `highest sample (${unit})`, 'quantitative'), tip('samples', 'samples', 'quantitative'),
            tip('countText', 'counted per sample (median)'), tip('note', 'value'),
          ],
        },
      },
    ],
  };
}

export function latencyCdfChart(points: readonly PointResult[], settings: readonly string[]): ReportChart | undefined {
  const { medians, samples } = latencyCdfRows(points);
  if (medians.length === 0) return undefined;
  const cells = cellsOf(medians);
  const crowded = cells.filter((cell) => new Set(samples.filter((r) => sameCell(r, cell)).map((r) => r.line)).size > MAX_SAMPLE_CURVES_PER_VIEW);
  const kept: SampleCdfRow[] = samples.filter((r) => !crowded.some((c) => sameCell(r, c)));
  const curves = LATENCY_FAMILIES.map((f) => familyDisplay(f).label).filter((label) => medians.some((r) => r.curve === label));
  const loadedLabel = familyDisplay(familyOf('loadedLatency')).label;
  const crowdedNote = crowded.length
    ? ` ${crowded.map((c) => c.workload).join(', ')}: more than ${MAX_SAMPLE_CURVES_PER_VIEW} sample curves, medians only.`
    : '';
  return {
    id: chartId('latency-cdf'),
    title: 'Latency distribution (CDF)',
    caption: `x: latency (log scale), y: the share of values at or below it; colour: setting${curves.includes(loadedLabel) ? ', dashed: under load' : ''}. The bold line joins the median over the samples of each stored percentile (min at 0, p50 at 0.5 … max at 1), faint lines are each sample's own curve; further left is better.${crowdedNote} ${familyNotes(medians).join(' ')}`,
    spec: inlineCellsSpec([...medians, ...kept], (cell) => view(cell, medians, curves, settings)),
  };
}
