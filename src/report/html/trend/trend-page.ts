// Pure: the HTML trend page of the nightly runs (trend.html beside trend.json) — the latest night and the change
// points first, then per headline metric the nightly medians with their CI, regressed nights and change points
// marked, then every change point and every night in tables.
import { formatP, formatValue, metricDisplay, signedPercent } from '../../../metrics/format.ts';
import type { Verdict } from '../../../compare/types.ts';
import { changePointLines } from '../../../nightly/summary.ts';
import type { NightOutcome, Trend } from '../../../results/nightly-schema.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { chartSection, renderPage, type VegaRuntime } from '../shared/html-page.ts';
import { nightOrder, trendCharts } from './trend-charts.ts';
import { verdictClass } from '../shared/verdict-colors.ts';

function utc(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}

export function outcomeBadge(outcome: NightOutcome, busy = false): SafeHtml {
  return html`<span class="badge outcome-${outcome}${busy ? ' host-busy' : ''}">${busy ? 'invalid: host busy' : outcome}</span>`;
}

function verdictBadge(verdict: Verdict): SafeHtml {
  return html`<span class="badge verdict ${verdictClass(verdict)}">${verdict}</span>`;
}

/** Per night (oldest first): its date, outcome and the verdict of every point that was compared. */
export interface NightSummary {
  dir: string;
  date: string;
  outcome: NightOutcome;
  /** Invalid because the host was busy (not a regression). */
  busy: boolean;
  /** Point label → verdict against the baseline. */
  verdicts: Map<string, Verdict>;
}

export function nightSummaries(trend: Trend): NightSummary[] {
  const byDir = new Map<string, NightSummary>();
  for (const s of trend.series) {
    for (const n of s.nights) {
      if (!byDir.has(n.dir)) byDir.set(n.dir, { dir: n.dir, date: n.date, outcome: n.outcome, busy: n.hostBusy === true, verdicts: new Map() });
      if (n.verdict) byDir.get(n.dir)!.verdicts.set(s.label, n.verdict);
    }
  }
  return nightOrder(trend).map((dir) => byDir.get(dir)!);
}

function header(trend: Trend, nights: readonly NightSummary[]): SafeHtml {
  const span = nights.length ? `${nights.length} night(s), ${nights[0]!.date} to ${nights.at(-1)!.date}` : 'no nights yet';
  return html`<header>
<h1>Nightly trend</h1>
<p>${span}: the last ${trend.lastNights} nights of the history are kept.</p>
<div class="meta"><span>generated ${utc(trend.generatedAt)}</span><span>${trend.series.length} series (point × metric)</span></div>
</header>`;
}

function latestSection(trend: Trend, nights: readonly NightSummary[]): SafeHtml {
  const last = nights.at(-1);
  const changes = changePointLines(trend);
  const regressed = last ? [...last.verdicts].filter(([, v]) => v === 'regressed').map(([label]) => label) : [];
  return html`<section class="card" id="latest"><h2>Latest night</h2>
${last
    ? last.busy ? html`<p>${last.dir}: ${outcomeBadge(last.outcome, true)} — not judged: neighbours used the CPU during the night, so it is neither a regression nor a pass</p>` : html`<p>${last.dir}: ${outcomeBadge(last.outcome)}${regressed.length ? html` — regressed: ${regressed.join(', ')}` : last.verdicts.size ? ' — no point regressed' : ' — not compared (no baseline yet)'}</p>`
    : html`<p class="muted">The history has no night yet.</p>`}
<h3 class="spaced">Change points of the headline metrics</h3>
${changes.length ? html`<ul class="warnings">${changes.map((l) => html`<li><span class="tag">step</span> ${l}</li>`)}</ul>` : html`<p class="muted">None: no lasting step in the last ${trend.lastNights} nights (Pettitt's test, steps of at least 2 % over at least 3 nights on each side).</p>`}
</section>`;
}

function changePointTable(trend: Trend): SafeHtml {
  const rows = trend.series.flatMap((s) => s.changePoints.map((c) => ({ s, c })));
  if (rows.length === 0) return html``;
  return html`<section class="card" id="change-points"><h2>Every change point</h2>
<p class="muted">All metrics, the ones that do not decide verdicts too; the date is the first night after the step. Reported, not gated on.</p>
<div class="table-wrap"><table><thead><tr><th>point</th><th>metric</th><th>from</th><th>step</th><th>effect</th><th>median before → after</th><th>p</th></tr></thead>
<tbody>${rows.map(({ s, c }) => html`<tr><td>${s.label}</td><td>${metricDisplay(s.metric).label}${s.gates ? '' : html` <span class="muted">(does not gate)</span>`}</td><td>${c.date}</td><td class="num">${signedPercent(c.shiftPercent)}</td><td>${c.effect}</td><td class="num">${formatValue(c.beforeMedian, s.unit)} → ${formatValue(c.afterMedian, s.unit)}</td><td class="num">${formatP(c.pValue)}</td></tr>`)}</tbody></table></div>
</section>`;
}

function nightTable(nights: readonly NightSummary[]): SafeHtml {
  if (nights.length === 0) return html``;
  return html`<section class="card" id="nights"><h2>Every night</h2>
<p class="muted">Newest first; a night's directory is named by its date (-2, -3 … when it ran again that day).</p>
<div class="table-wrap"><table><thead><tr><th>night</th><th>outcome</th><th>verdicts against the baseline</th></tr></thead>
<tbody>${[...nights].reverse().map((n) => html`<tr><td class="mono">${n.dir}${n.dir === n.date ? '' : html` <span class="muted">(${n.date})</span>`}</td><td>${outcomeBadge(n.outcome, n.busy)}</td><td class="wrap">${n.verdicts.size ? [...n.verdicts].map(([label, v]) => html`<span>${label} ${verdictBadge(v)}</span> `) : html`<span class="muted">no baseline</span>`}</td></tr>`)}</tbody></table></div>
</section>`;
}

export function renderTrendPage(trend: Trend, runtime: VegaRuntime, toolVersion: string): string {
  const charts = trendCharts(trend);
  const nights = nightSummaries(trend);
  const body = html`${header(trend, nights)}
${latestSection(trend, nights)}
${charts.length ? html`<div class="charts">${charts.map(chartSection)}</div>` : html`<section class="card"><h2>Charts</h2><p class="muted">No headline metric in the history yet: nothing to chart.</p></section>`}
${changePointTable(trend)}
${nightTable(nights)}
<footer>Written by vethbench ${toolVersion} from trend.json. Everything this page shows is inside it: it opens offline from any folder.</footer>`;
  return renderPage({ title: 'Nightly trend — vethbench', body, charts, runtime });
}
