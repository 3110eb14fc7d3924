// Pure: a workload kind's end-of-run table with its columns read from the metric registry, not written per kind.
// The metrics the points' summaries hold that are headline or gating figures (or decide the kind's effects) each get
// a median, the CI of the median with its real confidence, and the CV; the kind's other non-detail figures get a
// median each and give way first (host CPU first, the charted ones last) when the table does not fit the width.
import { byMetricOrder, metricSpec, type MetricName } from '../../metrics/registry.ts';
import { formatNumber, metricDisplay, percentText, type MetricDisplay } from '../../metrics/format.ts';
import type { MetricSummary, PointResult, Sample } from '../../results/schema.ts';
import { decidingMetricsWritten } from '../../scenario/decision-metrics.ts';
import { droppedNote, dropToFit, fitTable } from './fit-table.ts';
import { ciCell, contaminatedCount, noisyFlag } from './row-flags.ts';

export interface RegistryTableCells {
  knobs: (p: PointResult) => string;
}

export interface RegistryColumns {
  /** Median, CI and CV each: the headline and gating figures (and the kind's deciding ones) the points hold. */
  primary: MetricName[];
  /** Median only, and left out first to fit. */
  secondary: MetricName[];
}

/**
 * Which registry metrics the points' samples wrote, and the kind's deciding ones, split by the registry's flags. Read
 * from the samples, not only the summaries: a point whose every sample was contaminated has no summary, and its row
 * still shows the kind's columns (with "–" and the flag).
 */
export function registryColumns(points: readonly PointResult[]): RegistryColumns {
  const deciding = new Set(points.flatMap((p) => decidingMetricsWritten(p.workload)));
  const written = points.flatMap((p) => [...Object.keys(p.summary), ...p.samples.flatMap((s) => (s.status === 'ok' ? Object.keys(s.metrics ?? {}) : []))]);
  const held = [...new Set([...written, ...deciding])].sort(byMetricOrder);
  const primary: MetricName[] = [];
  const secondary: MetricName[] = [];
  for (const name of held) {
    const spec = metricSpec(name);
    if (!spec) continue;
    const metric = name as MetricName;
    if (spec.headline || spec.gates || deciding.has(metric)) primary.push(metric);
    else if (!spec.detail && spec.direction !== 'none') secondary.push(metric);
  }
  return { primary, secondary };
}

/** "Transactions/s" or "Arrived (receiver rx) (Mpps)": the display unit once, unless the label already says it. */
function title(d: MetricDisplay): string {
  return d.unit && !d.label.toLowerCase().includes(d.unit.toLowerCase()) ? `${d.label} (${d.unit})` : d.label;
}

function medianCell(summary: MetricSummary | undefined, name: MetricName): string {
  const spec = metricSpec(name);
  return summary && spec ? formatNumber(summary.median, spec.unit) : '–';
}

/** "4/5": the clean ok samples the summaries are over, of all the point's samples. */
function nCell(p: PointResult): string {
  const clean = p.samples.filter((s) => s.status === 'ok').length - contaminatedCount(p);
  return clean === p.samples.length ? String(clean) : `${clean}/${p.samples.length}`;
}

/** "contaminated=1 failed=1 noisy": what a reader should know before trusting the row (one word each: a narrow
 *  column wraps between flags, never inside one). */
function flags(p: PointResult, primary: readonly MetricName[]): string {
  const count = (status: Sample['status']): number => p.samples.filter((s) => s.status === status).length;
  const contaminated = contaminatedCount(p);
  const noisy = primary.some((m) => noisyFlag(p.summary[m]) !== '');
  const [failed, skipped] = [count('failed'), count('skipped')];
  return [contaminated ? `contaminated=${contaminated}` : '', failed ? `failed=${failed}` : '', skipped ? `skipped=${skipped}` : '', noisy ? 'noisy' : ''].filter(Boolean).join(' ');
}

/**
 * One row per point: workload label (and link when the points span several), knobs (when a point has any), n, then
 * per primary metric its median, CI of the median and CV, then the secondary medians, then the flags column when a
 * row has a flag (contaminated, failed or skipped samples, a noisy primary metric).
 * Fits `width`; the columns left out are named in a line under the table.
 */
export function registryTable(heading: string, points: readonly PointResult[], cells: RegistryTableCells, style: { color: boolean; width: number }): string {
  const { primary, secondary } = registryColumns(points);
  const links = new Set(points.map((p) => p.link)).size > 1;
  const knobs = points.some((p) => Object.keys(p.requested).length > 0);
  const head = [...(links ? ['link'] : []), heading, ...(knobs ? ['knobs'] : []), 'n'];
  for (const m of primary) head.push(title(metricDisplay(m)), `CI of median`, 'CV');
  const secondaryTitles = secondary.map((m) => title(metricDisplay(m)));
  head.push(...secondaryTitles);
  const rows = points.map((p) => {
    const row = [...(links ? [p.link] : []), p.workload.label, ...(knobs ? [cells.knobs(p)] : []), nCell(p)];
    for (const m of primary) {
      const s = p.summary[m];
      const unit = metricSpec(m)!.unit;
      row.push(medianCell(s, m), ciCell(s, (v) => formatNumber(v, unit)), s && s.n >= 2 ? percentText(s.cv) : '–');
    }
    row.push(...secondary.map((m) => medianCell(p.summary[m], m)));
    return row;
  });
  const rowFlags = points.map((p) => flags(p, primary));
  if (rowFlags.some(Boolean)) {
    head.push('flags');
    rows.forEach((row, i) => row.push(rowFlags[i]!));
  }
  // Charted figures give way last, the others in registry order: the whole-host CPU block precedes the rr, crr, flows
  // and pps groups there, so host CPU gives way first, as in the iperf3 table, and the kind's own figures after it.
  const expendable = secondary.map((m, i) => ({ chart: metricSpec(m)!.chart === true, i })).sort((a, b) => Number(a.chart) - Number(b.chart) || a.i - b.i);
  const fit = dropToFit(head, rows, style.width, expendable.map((e) => secondaryTitles[e.i]!));
  return [fitTable(fit.head, fit.rows, style), ...droppedNote(fit.dropped, style.width)].join('\n');
}
