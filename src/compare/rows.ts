// Pure: the cells of the comparison tables as text, shared by the terminal and the markdown rendering.
import { metricSpec, type Unit } from '../metrics/registry.ts';
import { absoluteShiftText, formatDelta, formatNumber, formatP, formatRange, formatValue, shiftUnitName, signedPercent } from '../metrics/format.ts';
import { confidenceText } from '../stats/confidence-text.ts';
import type { CapacityMetric, CapacityView, ComparisonSettings, HostSummary, MetricComparison, PairComparison, RunRef, SideStats } from './types.ts';

function hostLine(host: HostSummary | undefined): string {
  return host ? `${host.hostname}, ${host.cpuModel}, ${host.cores} CPUs, kernel ${host.kernel}` : 'host facts not recorded';
}

export function runLine(run: RunRef): string {
  return `${run.file} (${run.scenario}, ${run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}; ${hostLine(run.host)})`;
}

/** Every interval names its own level (a median of 3 has a 75 % CI), so the header names none. */
export const COMPARISON_HEAD = ['verdict', 'point', 'metric', 'base median [CI] level', 'new median [CI] level', 'shift [CI] level', 'p (Holm)', 'n base/new', 'CV % base/new'];

const sideCell = (s: SideStats, unit: MetricComparison['unit']) => `${formatValue(s.median, unit)} [${formatRange(s.ciLow, s.ciHigh, unit)}] ${confidenceText(s.ciConfidence)}`;

/** The shift cell: in percent, or in the metric's own unit when a side has 0s and no ratio exists (Shift.absolute). */
export function shiftCell(m: MetricComparison): string {
  if (m.shift.absolute) return `${absoluteShiftText(m.shift.absolute)} ${confidenceText(m.shift.confidence)}`;
  const ci = m.deltaCi ? ` [${signedPercent(m.deltaCi.lowPercent)} … ${signedPercent(m.deltaCi.highPercent)}] ${confidenceText(m.deltaCi.confidence)}` : '';
  return `${formatDelta(m.deltaPercent, m.base.median, m.new.median)}${ci}`;
}

/** The smallest change an undecided row's samples could show: "±12%", or "±1.50 count" on the absolute scale. */
export function detectableText(m: MetricComparison): string | undefined {
  const a = m.shift.absolute;
  if (a) return `±${formatNumber((a.ciHigh - a.ciLow) / 2, a.unit as Unit)} ${shiftUnitName(a.unit)}`.trimEnd();
  return m.shift.smallestDetectablePercent === null ? undefined : `±${m.shift.smallestDetectablePercent.toFixed(0)}%`;
}

function metricRow(verdict: string, label: string, m: MetricComparison): string[] {
  const delta = shiftCell(m);
  const detectable = m.verdict === 'undecided' ? detectableText(m) : undefined;
  const shown = detectable ? `${verdict} (${detectable})` : verdict;
  return [
    `${shown}${m.noisy ? ' noisy' : ''}`, label, m.label, sideCell(m.base, m.unit), sideCell(m.new, m.unit),
    delta, m.pAdjusted === null ? '–' : formatP(m.pAdjusted), `${m.base.n}/${m.new.n}`, `${(m.base.cv * 100).toFixed(1)}/${(m.new.cv * 100).toFixed(1)}`,
  ];
}

/**
 * One row per point for the metric that decided its verdict, then (verdict in parentheses) any other metric of the
 * point that moved significantly beyond the threshold: worth a look, but it does not decide. Detail metrics,
 * which repeat another one, stay in the JSON.
 */
export function comparisonRows(pair: PairComparison): string[][] {
  return pair.points.flatMap((p) => {
    const deciding = p.metrics.find((m) => m.metric === p.decidingMetric);
    const head = deciding ? metricRow(p.verdict, p.label, deciding) : [p.verdict, p.label, '–', '–', '–', p.reason, '–', '–', '–'];
    const moved = p.metrics.filter((m) => m !== deciding && !metricSpec(m.metric)?.detail && (m.verdict === 'regressed' || m.verdict === 'improved'));
    return [head, ...moved.map((m) => metricRow(`(${m.verdict})`, '', m))];
  });
}

export function countsLine(pair: PairComparison): string {
  const parts = Object.entries(pair.counts).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`);
  return `${pair.points.length} matched point(s): ${parts.join(', ') || 'none'}`;
}

export function factWarnings(pair: PairComparison): string[] {
  if (pair.factDifferences.length === 0) return [];
  return [`the runs differ in ${pair.factDifferences.length} fact(s), a delta may be theirs: ${pair.factDifferences.map((d) => `${d.fact} ${d.base} → ${d.new}`).join('; ')}`];
}

export function onlyOneSideLines(pair: PairComparison): string[] {
  return [
    ...pair.onlyInBase.map((p) => `only in base: ${p.label} (${p.key})`),
    ...pair.onlyInNew.map((p) => `only in new: ${p.label} (${p.key})`),
  ];
}

function capacityText(m: CapacityMetric | undefined, unit: Unit): string[] {
  if (!m) return [];
  return [`${formatValue(m.median, unit)} [${formatRange(m.ciLow, m.ciHigh, unit)}]`, ...(m.perCore !== undefined ? [`${formatValue(m.perCore, unit)} per CPU`] : [])];
}

/** Header cells (one per run: file, host, CPU, cores, kernel) and one row per point; cell lines joined by `newline`. */
export function capacityRows(view: CapacityView, newline: string): { head: string[]; rows: string[][] } {
  const head = ['point', ...view.runs.map((r) => [r.file, ...(r.host ? [r.host.hostname, r.host.cpuModel, `${r.host.cores} CPUs, kernel ${r.host.kernel}`] : ['host facts not recorded'])].join(newline))];
  const rows = view.rows.map((row) => [row.label, ...row.cells.map((c) => (c ? [...capacityText(c.throughputBps, 'bit/s'), ...capacityText(c.pps, 'packets/s')].join(newline) || '–' : 'not run'))]);
  return { head, rows };
}

/** How the verdicts are decided, in one line for every rendering. */
export function verdictRule(s: ComparisonSettings): string {
  return `regressed/improved: the shift's CI (Hodges-Lehmann on logs, Moses interval at 1 − ${Number(s.alpha.toPrecision(3))}/m over the m gating comparisons) excludes 0 and the shift is beyond ±${s.thresholdPercent}%; no change: the CI lies inside ±${s.thresholdPercent}%; undecided: neither (the samples cannot tell); a metric with 0s on a side (counts: retransmits, loss, drops) has no ratio and is judged by the same rule in its own unit, ±${s.thresholdPercent}% of the larger side's mean; noisy flags a CV above ${s.noisyCv * 100}%`;
}

/** The gating family of a comparison: which metrics gate, m, and the level of each gating CI. */
export function familyLine(pair: PairComparison): string {
  return `gating${pair.family.source ? ` (${pair.family.source})` : ''}: ${pair.family.metrics.join(', ')} — ${pair.family.size} comparison(s), each CI at ${confidenceText(pair.family.confidence)}`;
}
