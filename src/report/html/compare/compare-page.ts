// Pure: the HTML page of `vethbench compare … --html FILE` — the answer first (verdict counts, what differs between
// the runs), then per comparison the Δ chart and every metric of every point, the hosts side by side and, with more
// than two runs, the capacity view. Rendered from the ComparisonReport plus the runs' own host facts.
import { formatDelta, formatP, formatRange, formatValue, signedPercent, absoluteShiftParts } from '../../../metrics/format.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';
import { capacityRows, verdictRule } from '../../../compare/rows.ts';
import { VERDICT_SEVERITY, type ComparisonReport, type MetricComparison, type PairComparison, type PointComparison, type RunRef, type SideStats, type Verdict } from '../../../compare/types.ts';
import type { RunResults } from '../../../results/schema.ts';
import { metricSpec } from '../../../metrics/registry.ts';
import type { ReportChart } from '../shared/chart-helpers.ts';
import { comparisonCharts, pointNames, runName } from './compare-charts.ts';
import { machineFacts, toolFacts, type Facts } from '../shared/host-panel.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { chartSection, renderPage, type VegaRuntime } from '../shared/html-page.ts';
import { verdictClass } from '../shared/verdict-colors.ts';
import { quietnessLines, undecidedLines } from '../../../compare/render-lines.ts';

export interface ComparisonPageInput {
  report: ComparisonReport;
  /** The compared runs as read, in the report's order (base first, as `report.capacity.runs`): their host facts. */
  runs: readonly RunResults[];
  /** Links from the page to each results file, same order; without them the paths are shown as text. */
  resultsHrefs?: readonly string[];
}

/** "2026-11-27T21:21:18.123Z" → "2026-11-27 21:21:18 UTC". */
function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

export function verdictBadge(verdict: Verdict, why?: string): SafeHtml {
  return html`<span class="badge verdict ${verdictClass(verdict)}"${why ? html` title="${why}"` : ''}>${verdict}</span>`;
}

function runItem(run: RunRef, index: number, href: string | undefined): SafeHtml {
  const host = run.host ? `${run.host.hostname}, ${run.host.cpuModel}, ${run.host.cores} CPUs, kernel ${run.host.kernel}` : 'host facts not recorded';
  const file = href ? html`<a class="mono" href="${href}">${run.file}</a>` : html`<span class="mono">${run.file}</span>`;
  return html`<li><b>${runName(index)}</b>: ${file} — <span class="mono">${run.runId}</span>, ${utc(run.startedAt)}, ${run.status}; ${host}</li>`;
}

function header(input: ComparisonPageInput): SafeHtml {
  const { report } = input;
  const runs = report.capacity.runs;
  const scenarios = [...new Set(runs.map((r) => r.scenario))];
  const s = report.settings;
  return html`<header>
<h1>Comparison: ${scenarios.join(' vs ')}</h1>
<p>${runs.length === 2 ? 'Two runs: the new one against the base.' : `${runs.length} runs: each against the first (the base), then all side by side.`}</p>
<ol class="runs">${runs.map((r, i) => runItem(r, i, input.resultsHrefs?.[i]))}</ol>
<div class="meta"><span>generated ${utc(report.generatedAt)}</span><span>${verdictRule(s)}</span></div>
</header>`;
}

function pairTitle(index: number, pairs: number, what: string): string {
  return pairs > 1 ? `${what}: ${runName(index + 1)} against the base` : what;
}

function verdictSection(pair: PairComparison, index: number, pairs: number): SafeHtml {
  const names = pointNames(pair.points);
  const counts = VERDICT_SEVERITY.map((v) => html`<span class="${pair.counts[v] ? '' : 'zero'}">${verdictBadge(v)} ${pair.counts[v]}</span>`);
  const notable = pair.points.filter((p) => p.verdict !== 'no change');
  const quiet = pair.points.length - notable.length;
  return html`<section class="card" id="verdict-${index + 2}"><h2>${pairTitle(index, pairs, 'Verdict')}</h2>
<div class="counts">${counts}<span class="muted">of ${pair.points.length} matched point(s)</span></div>
${notable.length ? html`<ul class="points">${notable.map((p) => html`<li>${verdictBadge(p.verdict)} <b>${names.get(p.key)!}</b>: ${p.reason}</li>`)}</ul>` : ''}
${quiet ? html`<p class="muted">${notable.length ? `The other ${quiet} point(s): no change.` : `All ${quiet} point(s): no change.`}</p>` : ''}
${pair.points.length === 0 ? html`<p class="muted">No point of the base run is in the new run: nothing to compare.</p>` : ''}
${undecidedSection(pair)}
<ul class="quietness muted">${quietnessLines(pair).map((l) => html`<li>${l}</li>`)}</ul>
</section>`;
}

/** Undecided gating metrics: the smallest change their samples could show and the repetitions that would decide it. */
function undecidedSection(pair: PairComparison): SafeHtml {
  const lines = undecidedLines(pair);
  return lines.length ? html`<ul class="points undecided">${lines.map((l) => html`<li>${verdictBadge('undecided')} ${l.replace(/^undecided: /, '')}</li>`)}</ul>` : html``;
}

function warningSection(pair: PairComparison, index: number, pairs: number): SafeHtml {
  const only = [
    ...pair.onlyInBase.map((p) => html`<li><span class="tag">only in base</span> ${p.label} <span class="mono muted">${p.key}</span></li>`),
    ...pair.onlyInNew.map((p) => html`<li><span class="tag">only in new</span> ${p.label} <span class="mono muted">${p.key}</span></li>`),
  ];
  if (pair.factDifferences.length === 0 && pair.warnings.length === 0 && only.length === 0) return html``;
  const facts = pair.factDifferences.length
    ? html`<p><span class="tag">differs</span> The runs differ in ${pair.factDifferences.length} fact(s): a delta may be theirs, not the knob's.</p>
<div class="table-wrap full"><table><thead><tr><th>fact</th><th>base</th><th>new</th></tr></thead><tbody>${pair.factDifferences.map((d) => html`<tr><td>${d.fact}</td><td class="mono">${d.base}</td><td class="mono">${d.new}</td></tr>`)}</tbody></table></div>`
    : '';
  return html`<section class="card warn" id="warnings-${index + 2}"><h2>${pairTitle(index, pairs, 'Warnings')}</h2>
${facts}
${pair.warnings.length || only.length ? html`<ul class="warnings">${pair.warnings.map((w) => html`<li><span class="tag">warning</span> ${w}</li>`)}${only}</ul>` : ''}
</section>`;
}

function sideText(side: SideStats, m: MetricComparison): SafeHtml {
  // Every interval names its level: a median of 3 has a 75 % CI, of 6 a 96.9 % one.
  const confidence = html` <span class="muted">(${confidenceText(side.ciConfidence)})</span>`;
  return html`<td class="num" title="${String(side.median)}">${formatValue(side.median, m.unit)}<br><span class="muted">[${formatRange(side.ciLow, side.ciHigh, m.unit)}]</span>${confidence}</td>`;
}

/** The Δ and CI cells: in percent, or in the metric's own unit when a side has 0s and no ratio exists (Shift.absolute). */
function shiftTexts(m: MetricComparison): { delta: string; ci: string } {
  const a = m.shift.absolute;
  if (a) {
    const t = absoluteShiftParts(a);
    return { delta: `${t.estimate} ${t.unit}`.trimEnd(), ci: `${t.low} … ${t.high}${t.unit ? ` ${t.unit}` : ''} (${confidenceText(m.shift.confidence)})` };
  }
  const ci = m.deltaCi ? `${signedPercent(m.deltaCi.lowPercent)} … ${signedPercent(m.deltaCi.highPercent)} (${confidenceText(m.deltaCi.confidence)})` : '–';
  return { delta: formatDelta(m.deltaPercent, m.base.median, m.new.median), ci };
}

function metricCells(p: PointComparison, m: MetricComparison): SafeHtml {
  const { delta, ci } = shiftTexts(m);
  return html`<td class="metric" title="${m.gates ? 'a headline metric: decides the point\'s verdict' : 'compared and shown; does not decide the point\'s verdict'}">${m.label}</td>
<td>${verdictBadge(m.verdict, m.reason)}</td>${sideText(m.base, m)}${sideText(m.new, m)}
<td class="num">${delta}</td><td class="num">${ci}</td>
<td class="num" title="${String(m.shift.p)}">${m.shift.p === null ? '–' : formatP(m.shift.p)}</td><td class="num" title="${String(m.pAdjusted)}">${m.pAdjusted === null ? '–' : formatP(m.pAdjusted)}</td>
<td class="num">${m.base.n}/${m.new.n}</td><td class="num">${(m.base.cv * 100).toFixed(1)}/${(m.new.cv * 100).toFixed(1)}</td>`;
}

/** Up to this many rows the table is shown whole; longer ones scroll in their box. */
const FULL_TABLE_ROWS = 60;

/** Column headings, one entry per line. */
const TABLE_HEAD: readonly (readonly string[])[] = [['point'], ['metric'], ['verdict'], ['base median', '[CI] (level)'], ['new median', '[CI] (level)'], ['Δ median'], ['CI of', 'the shift'], ['p'], ['p', '(Holm)'], ['n', 'base/new'], ['CV %', 'base/new']];

function tableSection(pair: PairComparison, index: number, pairs: number): SafeHtml {
  if (pair.points.length === 0) return html``;
  const names = pointNames(pair.points);
  const rowCount = pair.points.reduce((n, p) => n + Math.max(1, p.metrics.length), 0);
  const body = pair.points.map((p) => {
    const metrics = p.metrics.length ? p.metrics : [undefined];
    return metrics.map((m, i) => {
      const head = i === 0
        ? html`<td rowspan="${metrics.length}" class="wrap"><b>${names.get(p.key)!}</b><br>${verdictBadge(p.verdict, p.reason)}<br><span class="mono muted">${p.key}</span></td>`
        : '';
      const kind = [i === 0 ? 'first' : '', m && m.metric === p.decidingMetric ? 'deciding' : '', m && metricSpec(m.metric)?.detail ? 'detail' : ''].filter(Boolean).join(' ');
      const cells = m ? metricCells(p, m) : html`<td colspan="${TABLE_HEAD.length - 1}" class="muted">${p.reason}</td>`;
      return html`<tr class="${kind}">${head}${cells}</tr>`;
    });
  });
  return html`<section class="card" id="table-${index + 2}"><h2>${pairTitle(index, pairs, 'Every metric of every point')}</h2>
<p class="muted">Medians with the CI of the median and its exact confidence (order statistics: 3 samples give 75 %), Δ of the medians and the CI of the shift in % of the base median, the Mann-Whitney U p-value and that p after Holm's correction over the points. A point's verdict comes from its headline metrics (throughput, packet rate, reverse throughput), the one that decided it in bold; the others are compared and shown, not judged on; greyed rows repeat another metric. Hover a verdict for its reason.</p>
<div class="table-wrap${rowCount <= FULL_TABLE_ROWS ? ' full' : ''}"><table><thead><tr>${TABLE_HEAD.map((lines) => html`<th>${lines.map((l, i) => html`${i ? html`<br>` : ''}${l}`)}</th>`)}</tr></thead><tbody>${body}</tbody></table></div>
</section>`;
}

function runFacts(run: RunResults, ref: RunRef): Facts {
  const s = ref.settings;
  return [
    ['file', ref.file],
    ['run id', run.run.id],
    ['started', utc(run.run.startedAt)],
    ['status', run.run.status],
    ['scenario', `${run.scenario.name} (sha256 ${run.scenario.sourceSha256.slice(0, 12)}…)`],
    ['repetitions', `${s.repetitions}, after ${s.warmupRepetitions} warm-up round(s)`],
    ['per sample', `${s.durationS} s measured, ${s.omitS} s omitted`],
  ];
}

/** Every fact of every run, label by label; a row whose value differs from the base's is highlighted. */
function hostSection(input: ComparisonPageInput): SafeHtml {
  const refs = input.report.capacity.runs;
  const groups: [string, Facts[]][] = [
    ['Machine', input.runs.map(machineFacts)],
    ['Tools', input.runs.map(toolFacts)],
    ['Run', input.runs.map((r, i) => runFacts(r, refs[i]!))],
    ['Sysctls (root namespace)', input.runs.map((r) => Object.entries(r.host?.sysctls ?? {}))],
  ];
  const rows = groups.map(([group, perRun]) => {
    const labels = [...new Set(perRun.flatMap((facts) => facts.map(([k]) => k)))];
    const value = (facts: Facts, label: string) => facts.find(([k]) => k === label)?.[1];
    const lines = labels.map((label) => {
      const values = perRun.map((facts) => value(facts, label));
      if (values.every((v) => v === undefined || v === '')) return html``;
      const differs = label !== 'file' && label !== 'run id' && label !== 'started' && values.some((v) => v !== values[0]);
      return html`<tr${differs ? html` class="differs"` : ''}><td>${label}${differs ? html` <span class="tag">differs</span>` : ''}</td>${values.map((v) => html`<td class="wrap">${v ?? '–'}</td>`)}</tr>`;
    });
    return html`<tr class="group"><td colspan="${refs.length + 1}">${group}</td></tr>${lines}`;
  });
  return html`<section class="card" id="hosts"><h2>Hosts and runs side by side</h2>
<p class="muted">Facts that differ from the base's are highlighted: a delta between two kernels, CPUs or tool versions may be theirs, not the knob's.</p>
<div class="table-wrap full"><table><thead><tr><th>fact</th>${refs.map((_, i) => html`<th>${runName(i)}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

function capacitySection(report: ComparisonReport, chart: ReportChart | undefined): SafeHtml {
  if (report.capacity.runs.length <= 2) return html``;
  const { head, rows } = capacityRows(report.capacity, '\n');
  const lines = (text: string) => text.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`);
  return html`${chart ? chartSection(chart) : ''}
<section class="card" id="capacity"><h2>Capacity side by side</h2>
<p class="muted">Median [CI of the median] of throughput and packet rate per run, and per logical CPU of its host.</p>
<div class="table-wrap"><table><thead><tr>${head.map((h, i) => html`<th${i ? html` class="wrap"` : ''}>${i ? html`${runName(i - 1)}<br>` : ''}${lines(h)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c, i) => html`<td class="${i ? 'num' : ''}">${lines(c)}</td>`)}</tr>`)}</tbody></table></div>
</section>`;
}

export function renderComparisonPage(input: ComparisonPageInput, runtime: VegaRuntime): string {
  const { report } = input;
  if (input.runs.length !== report.capacity.runs.length) throw new Error(`renderComparisonPage: ${input.runs.length} runs for a report of ${report.capacity.runs.length}`);
  const charts = comparisonCharts(report);
  const byId = new Map(charts.map((c) => [c.id, c]));
  const pairs = report.comparisons.length;
  const sections = report.comparisons.map((pair, i) => {
    const delta = byId.get(`chart-delta-${i + 2}`);
    return html`${verdictSection(pair, i, pairs)}
${warningSection(pair, i, pairs)}
${delta ? chartSection(delta) : ''}
${tableSection(pair, i, pairs)}`;
  });
  const json = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(report, null, 2))}`;
  const body = html`${header(input)}
${sections}
${hostSection(input)}
${capacitySection(report, byId.get('chart-capacity'))}
<div class="downloads"><a href="${json}" download="comparison.json">Download the comparison as JSON</a></div>
<footer>Written by vethbench ${report.tool.version}. Everything this page shows is inside it: it opens offline from any folder.</footer>`;
  const scenarios = [...new Set(report.capacity.runs.map((r) => r.scenario))].join(' vs ');
  return renderPage({ title: `${scenarios} — vethbench comparison`, body, charts, runtime });
}
