// Pure: runs differ by more than their samples do. Once ≥ 5 passed nights exist, the gate's interval for a point
// and metric adds the between-night spread of the nightly medians; before that the verdict says "within-run only".
//
// Arithmetic (docs/compare-nightly-ci.md, "Runs differ by more than their samples"): on log values, a night's
// median = the true level + a night effect (variance τ²) + sampling noise (variance v, the square of the median's
// standard error, from its stored CI: (ln ciHigh − ln ciLow) / (2·1.96)). Over the passed nights the medians' sample
// variance s² estimates τ² + v̄, so τ² = max(0, s² − v̄). The new night and its baseline each carry a night effect,
// so their shift has 2τ² beyond what the within-run interval covers: each side of the interval (half-width h, at the
// comparison's level with quantile z) becomes √(h² + 2·z²·τ²), and the verdict is decided again on it by the same
// rule (src/stats/decide.ts verdictOf).
import type { NightRecord } from '../results/nightly-schema.ts';
import { verdictOf } from '../stats/decide.ts';
import { normalUpperQuantile } from '../stats/normal.ts';
import { metricVerdict, pointVerdict } from '../compare/verdict.ts';
import { VERDICT_SEVERITY, type ComparisonSettings, type MetricComparison, type PairComparison, type Verdict } from '../compare/types.ts';

export const MIN_PASSED_NIGHTS = 5;
const CI_Z = 1.96;

export interface NightSpread {
  /** Between-night standard deviation of log medians, beyond what the within-night CIs explain. */
  tau: number;
  nights: number;
}

const id = (key: string, metric: string) => `${key}\u0000${metric}`;

/** τ per point and metric, over the passed nights that measured it; only where ≥ MIN_PASSED_NIGHTS exist. */
export function betweenNightSpread(history: readonly NightRecord[]): Map<string, NightSpread> {
  const values = new Map<string, { log: number; v: number }[]>();
  for (const night of history.filter((r) => r.outcome === 'pass')) {
    for (const point of night.points) {
      for (const [metric, m] of Object.entries(point.metrics)) {
        if (!(m.median > 0 && m.ciLow > 0 && m.ciHigh > 0)) continue;
        const se = (Math.log(m.ciHigh) - Math.log(m.ciLow)) / (2 * CI_Z);
        values.set(id(point.key, metric), [...(values.get(id(point.key, metric)) ?? []), { log: Math.log(m.median), v: se * se }]);
      }
    }
  }
  const out = new Map<string, NightSpread>();
  for (const [k, list] of values) {
    if (list.length < MIN_PASSED_NIGHTS) continue;
    const mean = list.reduce((a, b) => a + b.log, 0) / list.length;
    const s2 = list.reduce((a, b) => a + (b.log - mean) ** 2, 0) / (list.length - 1);
    const vBar = list.reduce((a, b) => a + b.v, 0) / list.length;
    out.set(k, { tau: Math.sqrt(Math.max(0, s2 - vBar)), nights: list.length });
  }
  return out;
}

export type IntervalKind = 'within-run only' | 'with between-night spread';

export interface NightGate {
  pair: PairComparison;
  interval: IntervalKind;
  /** One line for the night's output: which interval the gate used and why. */
  note: string;
}

const logOf = (percent: number) => Math.log1p(percent / 100);
const percentOf = (log: number) => 100 * Math.expm1(log);

function widen(m: MetricComparison, spread: NightSpread, settings: ComparisonSettings): MetricComparison {
  const s = m.shift;
  if (m.verdict === 'invalid' || s.estimatePercent === null || s.ciLowPercent === null || s.ciHighPercent === null) return m;
  const est = logOf(s.estimatePercent);
  const add2 = 2 * (normalUpperQuantile((1 - s.confidence) / 2) * spread.tau) ** 2;
  const low = est - Math.sqrt((est - logOf(s.ciLowPercent)) ** 2 + add2);
  const high = est + Math.sqrt((logOf(s.ciHighPercent) - est) ** 2 + add2);
  // An interval that could not reach its level decides nothing, widened or not.
  const verdict = s.reason ? s.verdict : verdictOf(est, low, high, settings.thresholdPercent, m.direction);
  const ciLowPercent = percentOf(low);
  const ciHighPercent = percentOf(high);
  const shift = { ...s, ciLowPercent, ciHighPercent, smallestDetectablePercent: (ciHighPercent - ciLowPercent) / 2, verdict };
  const judged = metricVerdict(shift, 0, settings);
  const why = `${judged.reason}; the interval adds the between-night spread of medians (±${percentOf(CI_Z * Math.SQRT2 * spread.tau).toFixed(1)} % at 95 %, over ${spread.nights} passed nights)`;
  return { ...m, shift, deltaCi: { lowPercent: ciLowPercent, highPercent: ciHighPercent, confidence: s.confidence }, ...judged, reason: why };
}

/** The night's comparison with the gate's interval widened where ≥ 5 passed nights exist; said "within-run only" elsewhere. */
export function gateWithHistory(pair: PairComparison, history: readonly NightRecord[], settings: ComparisonSettings): NightGate {
  const spread = betweenNightSpread(history);
  let widened = 0;
  let gating = 0;
  const points = pair.points.map((p) => {
    if (!p.metrics.length) return p; // nothing to widen, and the point's own reason (e.g. "host busy") stands
    const metrics = p.metrics.map((m) => {
      if (!m.gates) return m;
      gating++;
      const s = spread.get(id(p.key, m.metric));
      if (!s) return { ...m, reason: `${m.reason} (within-run only)` };
      widened++;
      return widen(m, s, settings);
    });
    return { ...p, ...pointVerdict(metrics), metrics };
  });
  points.sort((a, b) => VERDICT_SEVERITY.indexOf(a.verdict) - VERDICT_SEVERITY.indexOf(b.verdict) || a.label.localeCompare(b.label));
  const counts = Object.fromEntries(VERDICT_SEVERITY.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const p of points) counts[p.verdict]++;
  const passed = history.filter((r) => r.outcome === 'pass').length;
  const interval: IntervalKind = gating > 0 && widened === gating ? 'with between-night spread' : 'within-run only';
  const note = interval === 'with between-night spread'
    ? `gate interval: within-run CI plus the between-night spread of medians over ${passed} passed nights`
    : widened > 0
      ? `gate interval: within-run only for ${gating - widened} of ${gating} gating comparison(s) (fewer than ${MIN_PASSED_NIGHTS} passed nights measured them); the others add the between-night spread`
      : `gate interval: within-run only — ${passed} passed night(s) so far, the between-night spread of medians joins from ${MIN_PASSED_NIGHTS} on (runs differ by more than their samples do)`;
  return { pair: { ...pair, points, counts }, interval, note };
}
