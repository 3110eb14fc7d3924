// Pure: the tune part of a run report — the recommendation with its confirmed effect, the tie, the candidates and
// when and why each was dropped, and how to apply the settings. Its charts are the race and the winner's effects.
import type { RunResults } from '../../../results/schema.ts';
import { tuneSummaryLines } from '../../terminal/tune-summary.ts';
import type { ReportChart } from '../shared/chart-helpers.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import { effectsChart, raceChart } from './race-chart.ts';

export function tuneCharts(results: RunResults): ReportChart[] {
  const record = results.tune;
  if (!record) return [];
  const confirmation = results.effects?.find((e) => e.id === record.confirmationEffect);
  return [raceChart(record), effectsChart(record, confirmation)].filter((c): c is ReportChart => c !== undefined);
}

export function tuneSection(results: RunResults): SafeHtml {
  const record = results.tune;
  if (!record) return html``;
  const confirmation = results.effects?.find((e) => e.id === record.confirmationEffect);
  const rows = record.candidates.map((c) => html`<tr><td>${c.label}</td><td>${c.status}</td><td>${c.nonDefaultKnobs.join(', ') || '—'}</td><td>${c.raceSamples}</td><td>${c.dropped?.why ?? ''}</td></tr>`);
  return html`<section class="card" id="tune"><h2>Tuning: ${record.objective.metric}</h2>
<pre>${tuneSummaryLines(record, confirmation).join('\n')}</pre>
<table><thead><tr><th>candidate</th><th>status</th><th>non-default knobs</th><th>race samples</th><th>dropped because</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}
