// The decision first, one line per effect, hyperfine-style, before any table:
//   gro on vs off (tcp, tso=off): +25.0% [+8.0%, +41.0%] (98.9% CI) — better
// The one wording of an effect: the terminal prints these lines and the HTML report's Effects section and forest
// plot label its rows with the same pieces. Every interval carries its real confidence (3 vs 3 reaches 90 % at most).
import { absoluteShiftText, signedPercent } from '../../metrics/format.ts';
import { confidenceText } from '../../stats/confidence-text.ts';
import type { Effect, EffectConditions } from '../../stats/effects.ts';
import { metricSpec } from '../../metrics/registry.ts';
import { LINK, WORKLOAD_PREFIX } from '../../stats/effects.ts';
import type { Verdict } from '../../stats/verdict.ts';

/** An effect as computed (stats/effects.ts) or as stored in results.json: the fields its wording reads. */
export type EffectLike = Pick<Effect, 'dimension' | 'level' | 'reference' | 'kind' | 'metric' | 'estimatePercent' | 'ciLowPercent' | 'ciHighPercent' | 'confidence' | 'verdict'>
  & { conditions: Conditions; versus?: Conditions | undefined; moreSamplesPerArm?: number | null | undefined; reason?: string | undefined; absolute?: Effect['absolute'] | undefined };

/** EffectConditions, or as read back from results.json (where an absent link may be undefined). */
type Conditions = Omit<EffectConditions, 'link'> & { link?: string | undefined };

export function conditionText(c: Conditions): string {
  return [c.link && c.link !== 'veth' ? c.link : undefined, c.workload, ...Object.entries(c.knobs).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(', ');
}

export function dimensionText(dimension: string): string {
  if (dimension === LINK) return 'link';
  return dimension.startsWith(WORKLOAD_PREFIX) ? dimension.slice(WORKLOAD_PREFIX.length) : dimension;
}

const FAR = 1000;

export function verdictText(e: EffectLike, thresholdPercent: number): string {
  switch (e.verdict) {
    case 'equivalent': return `equivalent within ±${thresholdPercent} %`;
    case 'undecided': {
      // Past a thousand the figure is noise over a near-zero distance (an estimate near ±threshold), not a plan.
      const more = !e.moreSamplesPerArm ? '' : e.moreSamplesPerArm > FAR ? `, far from decidable at this noise (over ${FAR} more per arm)` : `, needs about ${e.moreSamplesPerArm} more per arm`;
      return `undecided${more}${e.reason ? ` (${e.reason})` : ''}`;
    }
    case 'invalid': return `invalid: ${e.reason ?? 'no valid samples'}`;
    default: return e.kind === 'interaction' ? 'interaction: the effect differs between these conditions' : e.verdict;
  }
}

/** "gro on vs off (tcp, tso=off)", "… (tcp, tso=off) vs (tcp, tso=on)" for an interaction, "… (pooled: tcp)". */
export function effectSubject(e: EffectLike): string {
  const what = `${dimensionText(e.dimension)} ${e.level} vs ${e.reference}`;
  if (e.kind === 'interaction') return `${what} (${conditionText(e.conditions)}) vs (${conditionText(e.versus ?? { workload: '?', knobs: {} })})`;
  if (e.kind === 'pooled') return `${what} (pooled${conditionText(e.conditions) ? `: ${conditionText(e.conditions)}` : ''})`;
  return `${what} (${conditionText(e.conditions)})`;
}

/** "+25.0% [+8.0%, +41.0%] (98.9% CI)", "+1.00 count [0, +2.00] (95% CI)" on the absolute scale; '' when the effect has no numbers (invalid). */
export function effectNumbers(e: EffectLike): string {
  if (e.absolute) return `${absoluteShiftText(e.absolute)} (${confidenceText(e.confidence)} CI)`;
  if (e.estimatePercent === null || e.ciLowPercent === null || e.ciHighPercent === null) return '';
  return `${signedPercent(e.estimatePercent)} [${signedPercent(e.ciLowPercent)}, ${signedPercent(e.ciHighPercent)}] (${confidenceText(e.confidence)} CI)`;
}

export function metricLabel(metric: string): string {
  return metricSpec(metric)?.label ?? metric;
}

const ANSI: Readonly<Record<Verdict, string>> = { better: '32', worse: '31', equivalent: '36', undecided: '33', invalid: '35' };

/** `color`: the verdict in its colour (the caller decides by NO_COLOR / FORCE_COLOR / TTY). */
export function effectLine(e: EffectLike, thresholdPercent: number, withMetric: boolean, color = false): string {
  const metric = withMetric ? ` ${metricLabel(e.metric)}` : '';
  const numbers = effectNumbers(e);
  const verdict = verdictText(e, thresholdPercent);
  return `${effectSubject(e)}${metric}:${numbers ? ` ${numbers}` : ''} — ${color ? `\x1b[${ANSI[e.verdict]}m${verdict}\x1b[39m` : verdict}`;
}

const ORDER = { simple: 0, interaction: 1, pooled: 2 } as const;

/** Simple effects first, then flagged interactions and pooled effects (stable within each kind). */
export function orderEffects<T extends Pick<EffectLike, 'kind'>>(effects: readonly T[]): T[] {
  return [...effects].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

export function effectLines(effects: readonly EffectLike[], thresholdPercent: number, color = false): string[] {
  const withMetric = new Set(effects.map((e) => e.metric)).size > 1;
  return orderEffects(effects).map((e) => effectLine(e, thresholdPercent, withMetric, color));
}
