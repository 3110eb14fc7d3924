// Pure: the answer first — the Effects section of the run report: how many effects are better, worse, equivalent,
// undecided or invalid; the forest plot; every effect in the words the terminal prints; the interactions called
// out; and per point the smallest effect its samples could show.
import type { RunResults, StoredEffect } from '../../../results/schema.ts';
import { percentText } from '../../../metrics/format.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';
import { VERDICTS, type Verdict } from '../../../stats/verdict.ts';
import { effectLine, orderEffects } from '../../terminal/effect-lines.ts';
import type { ReportChart } from '../shared/chart-helpers.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { detectableRows, effectLevel } from './detectable.ts';
import { effectThreshold, interactionLines } from './forest-chart.ts';
import { metricDisplay } from '../../../metrics/format.ts';

function decisionBadge(verdict: Verdict): SafeHtml {
  return html`<span class="badge verdict d-${verdict}">${verdict}</span>`;
}

function counts(effects: readonly StoredEffect[]): SafeHtml {
  const simple = effects.filter((e) => e.kind === 'simple');
  const n = (v: Verdict) => simple.filter((e) => e.verdict === v).length;
  return html`<div class="counts">${VERDICTS.map((v) => html`<span class="${n(v) ? '' : 'zero'}">${decisionBadge(v)} ${n(v)}</span>`)}<span class="muted">of ${simple.length} simple effect(s)</span></div>`;
}

function effectList(effects: readonly StoredEffect[], threshold: number): SafeHtml {
  const withMetric = new Set(effects.map((e) => e.metric)).size > 1;
  return html`<details${effects.length <= 12 ? html` open` : ''}><summary>Every effect in words (${effects.length})</summary><ul class="points effects">${orderEffects(effects).map((e) => html`<li>${decisionBadge(e.verdict)} <span class="mono">${effectLine(e, threshold, withMetric)}</span></li>`)}</ul></details>`;
}

function detectableTable(results: RunResults): SafeHtml {
  const rows = detectableRows(results);
  if (rows.length === 0) return html``;
  const level = confidenceText(effectLevel(results));
  const body = rows.map((r) => html`<tr><td>${r.point}</td><td>${metricDisplay(r.metric).label}</td><td class="num">${r.n}</td><td class="num">${Number.isFinite(r.cv) ? percentText(r.cv) : '–'}</td><td class="num">${r.detectablePercent === null ? 'none (fewer than 2 samples)' : `±${r.detectablePercent.toFixed(1)} %`}</td><td class="num">${r.detectablePercent === null ? '–' : confidenceText(r.confidence)}</td></tr>`);
  return html`<h3 class="spaced">Smallest detectable effect per point</h3>
<p class="muted">The half-width of the shift's CI of this point's samples against an arm just as noisy (the same two-arm rule as the effects, at ${level}; a lower level where the samples cannot reach it). An effect smaller than this cannot be told from noise with these samples.</p>
<div class="table-wrap full"><table><thead><tr><th>point</th><th>metric</th><th>n</th><th>CV</th><th>smallest detectable</th><th>at level</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Where the run has no effects (one setting, or a file from before effects), the section says why and stays short. */
export function effectsSection(results: RunResults, forest: ReportChart | undefined): SafeHtml {
  const effects = results.effects ?? [];
  const threshold = effectThreshold(results);
  if (effects.length === 0) {
    const why = results.effects === undefined ? 'this results file is from before effects were computed' : 'nothing was swept that could be compared (one setting per workload)';
    return html`<section class="card" id="effects"><h2>Effects</h2><p class="muted">No effects: ${why}.</p>${detectableTable(results)}</section>`;
  }
  const interactions = interactionLines(results);
  const rule = results.run.settings.untilDecided
    ? `sampled until decided (sequential looks, at most ${results.run.settings.untilDecided.maxRepetitions} per point)`
    : `${results.run.settings.repetitions} repetitions per point`;
  return html`<section class="card" id="effects"><h2>Effects</h2>
<p class="muted">Each swept level against its reference, at every combination of the other knobs; threshold ±${threshold} %, ${rule}.</p>
${counts(effects)}
${interactions.length ? html`<div class="callout"><b>Interactions:</b> an effect that differs between conditions is not one number — read it per condition.<ul>${interactions.map((l) => html`<li>${l}</li>`)}</ul></div>` : ''}
${forest ? html`<div class="chart"><h3 class="spaced">${forest.title}</h3><p class="muted">${forest.caption}</p><div id="${forest.id}"></div></div>` : ''}
${effectList(effects, threshold)}
${detectableTable(results)}
</section>`;
}
