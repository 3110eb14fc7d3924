// One colour per comparison verdict, shared by the charts (vega-lite scale) and the page's badges (CSS), so a
// regressed bar and a regressed table cell look the same everywhere.
import { displayVerdict, VERDICT_SEVERITY, type Verdict } from '../../../compare/types.ts';
import { VERDICTS, type Verdict as Decision } from '../../../stats/verdict.ts';

export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  regressed: '#c62828',
  invalid: '#7b4fb3',
  undecided: '#c98a00',
  improved: '#2e7d32',
  'no change': '#7d8b9c',
};

/** The CSS class of a verdict badge: "v-regressed", "v-no-change". */
export function verdictClass(verdict: Verdict): string {
  return `v-${verdict.replace(/ /g, '-')}`;
}

/** A vega-lite colour channel over the `verdict` field: every verdict in severity order, always the same colour. */
export function colorByVerdict(legend: boolean, field = 'verdict') {
  return {
    field,
    type: 'nominal' as const,
    title: 'verdict',
    scale: { domain: [...VERDICT_SEVERITY], range: VERDICT_SEVERITY.map((v) => VERDICT_COLORS[v]) },
    ...(legend ? {} : { legend: null }),
  };
}

export const VERDICT_CSS = VERDICT_SEVERITY.map((v) => `.badge.verdict.${verdictClass(v)} { color: #fff; background: ${VERDICT_COLORS[v]}; border-color: ${VERDICT_COLORS[v]}; }`).join('\n');

/** A run's own verdicts (stats/verdict.ts) in the colours of their comparison words: better looks like improved. */
export const DECISION_COLORS: Readonly<Record<Decision, string>> = Object.fromEntries(VERDICTS.map((v) => [v, VERDICT_COLORS[displayVerdict(v)]])) as Record<Decision, string>;

/** A vega-lite colour channel over a field holding a run's verdicts (better/worse/equivalent/undecided/invalid). */
export function colorByDecision(legend: boolean, field = 'verdict') {
  return {
    field,
    type: 'nominal' as const,
    title: 'verdict',
    scale: { domain: [...VERDICTS], range: VERDICTS.map((v) => DECISION_COLORS[v]) },
    ...(legend ? {} : { legend: null }),
  };
}

export const DECISION_CSS = VERDICTS.map((v) => `.badge.verdict.d-${v} { color: #fff; background: ${DECISION_COLORS[v]}; border-color: ${DECISION_COLORS[v]}; }`).join('\n');
