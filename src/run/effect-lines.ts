// The decision first, one line per effect, hyperfine-style, before any table:
//   gro on vs off (tcp, tso=off): +25.0% [+8.0%, +41.0%] (98.9 % CI) — better
import { signedPercent } from '../metrics/format.ts';
import type { Effect, EffectConditions } from '../stats/effects.ts';
import { metricSpec } from '../metrics/registry.ts';
import { LINK, WORKLOAD_PREFIX } from '../stats/effects.ts';

function conditionText(c: EffectConditions): string {
  return [c.link && c.link !== 'veth' ? c.link : undefined, c.workload, ...Object.entries(c.knobs).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(', ');
}

function dimensionText(dimension: string): string {
  if (dimension === LINK) return 'link';
  return dimension.startsWith(WORKLOAD_PREFIX) ? dimension.slice(WORKLOAD_PREFIX.length) : dimension;
}

function verdictText(e: Effect, thresholdPercent: number): string {
  switch (e.verdict) {
    case 'equivalent': return `equivalent within ±${thresholdPercent} %`;
    case 'undecided': {
      const more = e.moreSamplesPerArm ? `, needs about ${e.moreSamplesPerArm} more per arm` : '';
      return `undecided${more}${e.reason ? ` (${e.reason})` : ''}`;
    }
    case 'invalid': return `invalid: ${e.reason ?? 'no valid samples'}`;
    default: return e.kind === 'interaction' ? 'interaction: the effect differs between these conditions' : e.verdict;
  }
}

export function effectLine(e: Effect, thresholdPercent: number, withMetric: boolean): string {
  const what = `${dimensionText(e.dimension)} ${e.level} vs ${e.reference}`;
  const where = e.kind === 'interaction'
    ? ` (${conditionText(e.conditions)}) vs (${conditionText(e.versus!)})`
    : e.kind === 'pooled' ? ` (pooled${conditionText(e.conditions) ? `: ${conditionText(e.conditions)}` : ''})` : ` (${conditionText(e.conditions)})`;
  const metric = withMetric ? ` ${metricSpec(e.metric)?.label ?? e.metric}` : '';
  const numbers = e.estimatePercent === null
    ? ''
    : ` ${signedPercent(e.estimatePercent)} [${signedPercent(e.ciLowPercent!)}, ${signedPercent(e.ciHighPercent!)}] (${(100 * e.confidence).toFixed(1)} % CI)`;
  return `${what}${where}${metric}:${numbers} — ${verdictText(e, thresholdPercent)}`;
}

/** Simple effects first, then flagged interactions and pooled effects. */
export function effectLines(effects: readonly Effect[], thresholdPercent: number): string[] {
  const withMetric = new Set(effects.map((e) => e.metric)).size > 1;
  const order = { simple: 0, interaction: 1, pooled: 2 } as const;
  return [...effects].sort((a, b) => order[a.kind] - order[b.kind]).map((e) => effectLine(e, thresholdPercent, withMetric));
}
