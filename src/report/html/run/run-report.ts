// Pure: the HTML report of one run — the answer first (the Effects section: verdict counts, the forest plot, every
// effect in words, the smallest detectable effect per point), then the warnings, every sample on the wall clock, the
// per-metric charts grouped by knob, the host and every number in a table with a CSV download.
import type { RunResults } from '../../../results/schema.ts';
import { duration } from '../../../metrics/format.ts';
import type { ReportChart } from '../shared/chart-helpers.ts';
import { cpuEfficiencyChart } from './cpu-chart.ts';
import { hostPanel } from '../shared/host-panel.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { chartSection, renderPage, type VegaRuntime } from '../shared/html-page.ts';
import { intervalChart, type SampleIntervals } from './interval-chart.ts';
import { latencyCdfChart } from './latency-cdf-chart.ts';
import { metricChart } from './metric-chart.ts';
import { CHARTED_METRICS } from '../../../metrics/registry.ts';
import { pointTableRows, toCsv } from './point-table.ts';
import { distinct, metricsPresent, pointView, sampleRows } from './report-data.ts';
import { runWarnings, type RunWarning } from './run-warnings.ts';
import { tableSection } from './table-section.ts';
import { verdictLines } from './verdict.ts';
import { effectsSection } from './effects-section.ts';
import { forestChart } from './forest-chart.ts';
import { timelineChart } from './timeline-chart.ts';
import { tuneCharts, tuneSection } from '../tune/tune-section.ts';

export interface RunReportInput {
  results: RunResults;
  /** Per-interval throughput read from the raw iperf3 files (see samplesForTimeSeries). */
  intervals: readonly SampleIntervals[];
  /** Raw files that were referenced but could not be read. */
  missingRaw: readonly string[];
  /** Link to results.json, relative to the page. */
  resultsHref: string;
  /** What the run's host's calibration (vethbench calibrate) says this run could decide; absent: nothing known. */
  noiseFloor?: readonly string[] | undefined;
}

function noiseFloorSection(lines: readonly string[] | undefined): SafeHtml {
  if (!lines?.length) return html``;
  return html`<section class="card" id="noise-floor"><h2>This host's noise floor</h2><ul>${lines.map((l) => html`<li>${l}</li>`)}</ul><p class="muted">From vethbench calibrate (docs/calibrate.md).</p></section>`;
}

/** The charts placed in their own sections (the rest go to the charts grid). */
export const FOREST_ID = 'chart-effects-forest';
export const TIMELINE_ID = 'chart-timeline';

/** Every chart of a run, in reading order; a chart without data is left out rather than drawn empty. */
export function runCharts(input: RunReportInput): ReportChart[] {
  const { points } = input.results;
  const settings = distinct(points.map((p) => pointView(p).setting));
  const samples = sampleRows(points);
  const metrics = metricsPresent(points).filter((m) => CHARTED_METRICS.includes(m));
  const [first, ...rest] = metrics.map((m) => metricChart(points, m, settings, samples));
  return [
    forestChart(input.results),
    timelineChart(input.results, settings),
    first,
    intervalChart(points, input.intervals, settings),
    latencyCdfChart(points, settings),
    ...rest,
    cpuEfficiencyChart(samples, settings),
  ].filter((c): c is ReportChart => c !== undefined);
}

/** "2026-11-27T21:21:18.123Z" → "2026-11-27 21:21:18 UTC" (the same on every machine). */
function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

function header(results: RunResults): SafeHtml {
  const { run, scenario } = results;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const samples = results.points.flatMap((p) => p.samples);
  const ok = samples.filter((s) => s.status === 'ok').length;
  return html`<header>
<h1>${scenario.name}</h1>
<p>${scenario.description}</p>
<div class="meta"><span class="badge ${run.status}">${run.status}</span><span>${utc(run.startedAt)}</span><span>took ${Number.isFinite(seconds) ? duration(seconds) : '?'}</span><span>${results.points.length} points, ${ok} of ${samples.length} samples ok</span><span class="mono">${run.id}</span></div>
</header>`;
}

/** The medians ranked: the answer where the run has no effects, descriptive beside them where it has. */
function verdictSection(results: RunResults): SafeHtml {
  const lines = verdictLines(results.points);
  const items = lines.map((v) => html`<li>${v.scope}: <span class="best">${v.best}</span>: ${v.bestValue}, ${v.versus}${v.caveat ? html` <span class="caveat">(${v.caveat})</span>` : ''}</li>`);
  const title = results.effects?.length ? 'Medians ranked (descriptive: the effects above decide)' : 'Verdict';
  return html`<section class="card" id="verdict"><h2>${title}</h2>${lines.length ? html`<ul class="verdict">${items}</ul>` : html`<p class="muted">No throughput or latency was measured: nothing to rank.</p>`}</section>`;
}

const WARNING_TAGS: Record<RunWarning['kind'], string> = {
  run: 'run', sweep: 'sweep', noisy: 'noisy', failed: 'failed', skipped: 'skipped', knob: 'knob', 'link-kind': 'link kind', raw: 'raw output',
};

function warningSection(input: RunReportInput): SafeHtml {
  const warnings = runWarnings(input.results, input.missingRaw);
  if (warnings.length === 0) return html``;
  return html`<section class="card warn" id="warnings"><h2>Warnings</h2><ul class="warnings">${warnings.map((w) => html`<li><span class="tag">${WARNING_TAGS[w.kind]}</span> ${w.text}</li>`)}</ul></section>`;
}

export function renderRunReport(input: RunReportInput, runtime: VegaRuntime): string {
  const { results } = input;
  const all = [...tuneCharts(results), ...runCharts(input)];
  const forest = all.find((c) => c.id === FOREST_ID);
  const timeline = all.find((c) => c.id === TIMELINE_ID);
  const charts = all.filter((c) => c !== forest && c !== timeline);
  const rows = pointTableRows(results.points);
  const body = html`${header(results)}
${effectsSection(results, forest)}
${verdictSection(results)}
${noiseFloorSection(input.noiseFloor)}
${tuneSection(results)}
${warningSection(input)}
${timeline ? chartSection(timeline) : ''}
${charts.length ? html`<div class="charts">${charts.map(chartSection)}</div>` : html`<section class="card"><h2>Charts</h2><p class="muted">No sample succeeded: there is nothing to chart.</p></section>`}
${hostPanel(results)}
${tableSection(rows, toCsv(rows), input.resultsHref, `${results.run.id}.csv`)}
<footer>Written by vethbench ${results.tool.version}. Everything this page shows is inside it: it opens offline from any folder.</footer>`;
  return renderPage({ title: `${results.scenario.name} — vethbench report`, body, charts: all, runtime });
}
