// THE two-arm decision of vethbench (docs/statistics.md): an effect within a run and a new run against
// its baseline are both judged here, callers never copy it. On log values, so a shift is a ratio and reads in
// percent: the Hodges-Lehmann estimate with its distribution-free Moses interval at the confidence asked for,
// the Mann-Whitney p, and a TOST-style rule —
//   better / worse  the interval excludes 0 and |estimate| > threshold (which way is better comes from the metric)
//   equivalent      the interval lies inside ±threshold
//   undecided       otherwise, with the half-width the samples could show and about how many more samples per arm
//                   would decide it
//   invalid         a side has no valid sample (with the reason)
// An interval that cannot reach the confidence asked for (too few samples: 3 vs 3 reaches 90 % at best) decides
// nothing. Pure.
import { holmAdjust } from './holm.ts';
import { mannWhitney } from './mann-whitney.ts';
import { normalUpperQuantile } from './normal.ts';
import { criticalRank, sortedDifferences } from './shift-ci.ts';
import type { z } from 'zod';
import type { shiftSchema } from './shift-schema.ts';
import type { BetterDirection, Verdict } from './verdict.ts';

/** The two-arm decision's result; its shape and field docs are src/stats/shift-schema.ts. */
export type Shift = z.infer<typeof shiftSchema>;

export interface DecideOptions {
  direction: BetterDirection;
  /** Percent, > 0 (--threshold, default 5). */
  thresholdPercent: number;
  /** Level of the interval, e.g. 0.95, or 1 − α′/m at a sequential look. */
  confidence: number;
  /** false skips the Mann-Whitney p (p = null): simulations that only need the verdict. Default true. */
  computeP?: boolean;
}

const percent = (logRatio: number) => 100 * Math.expm1(logRatio);

function invalid(reason: string, nReference: number, nLevel: number, confidence: number): Shift {
  return {
    estimatePercent: null, ciLowPercent: null, ciHighPercent: null, confidence, p: null, pAdjusted: null,
    nReference, nLevel, smallestDetectablePercent: null, verdict: 'invalid', reason,
  };
}

/**
 * A count that was 0 in every sample on both sides (drops, retransmits, an idle CPU share) did not change: exactly
 * equivalent, though it has no ratio. Zeros on one side only stay invalid as a percent shift (logsOf says why).
 */
function allZero(reference: readonly number[], level: readonly number[], confidence: number): Shift | undefined {
  const a = reference.filter(Number.isFinite);
  const b = level.filter(Number.isFinite);
  if (!a.length || !b.length || !a.every((v) => v === 0) || !b.every((v) => v === 0)) return undefined;
  return {
    estimatePercent: 0, ciLowPercent: 0, ciHighPercent: 0, confidence, p: null, pAdjusted: null,
    nReference: a.length, nLevel: b.length, smallestDetectablePercent: 0, verdict: 'equivalent', reason: '0 in every sample on both sides',
  };
}

/** Valid samples: finite. Returns the logs, or why the side cannot be compared as ratios. */
function logsOf(values: readonly number[], side: string): { logs: Float64Array } | { reason: string } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { reason: `no valid samples on the ${side} side (${values.length} given, none finite)` };
  const nonPositive = finite.find((v) => v <= 0);
  if (nonPositive !== undefined) return { reason: `the ${side} side has a value ≤ 0 (${nonPositive}): a shift in percent needs positive values` };
  return { logs: Float64Array.from(finite, Math.log) };
}

/** The verdict of an interval [low, high] (log ratios) with estimate e, oriented by direction. */
export function verdictOf(estimate: number, low: number, high: number, thresholdPercent: number, direction: BetterDirection): Verdict {
  const t = thresholdPercent / 100;
  if (low > Math.log1p(-t) && high < Math.log1p(t)) return 'equivalent';
  const beyond = Math.abs(percent(estimate)) > thresholdPercent;
  const up = low > 0 && beyond;
  const down = high < 0 && beyond;
  if (up || down) return (up === (direction === 'higher')) ? 'better' : 'worse';
  return 'undecided';
}

/**
 * About how many more samples per arm would narrow the interval enough to decide, assuming its half-width
 * shrinks like √(1/n1 + 1/n2) and the estimate stays: below |estimate| to exclude 0 (when the estimate is
 * beyond the threshold), below the distance to ±threshold to show equivalence (when inside).
 */
function moreSamplesPerArm(estimate: number, halfWidth: number, n1: number, n2: number, thresholdPercent: number): number | null {
  const t = thresholdPercent / 100;
  const target = Math.abs(percent(estimate)) > thresholdPercent
    ? Math.abs(estimate)
    : Math.min(Math.log1p(t) - estimate, estimate - Math.log1p(-t));
  if (!(target > 0) || !(halfWidth > 0) || !Number.isFinite(halfWidth)) return null;
  const factor = (halfWidth / target) ** 2;
  const perArm = (2 * factor) / (1 / n1 + 1 / n2);
  return Math.max(1, Math.ceil(perArm - Math.min(n1, n2)));
}

function checkOptions({ thresholdPercent, confidence }: DecideOptions): void {
  if (!(thresholdPercent > 0 && thresholdPercent < 100)) throw new Error(`decide: thresholdPercent must be in (0, 100), got ${thresholdPercent}`);
  if (!(confidence > 0 && confidence < 1)) throw new Error(`decide: confidence must be in (0, 1), got ${confidence}`);
}

/** level vs reference: the shift of `level` over `reference` and its verdict. */
export function decide(reference: readonly number[], level: readonly number[], options: DecideOptions): Shift {
  checkOptions(options);
  const zeros = allZero(reference, level, options.confidence);
  if (zeros) return zeros;
  const ref = logsOf(reference, 'reference');
  const lvl = logsOf(level, 'level');
  const nReference = 'logs' in ref ? ref.logs.length : 0;
  const nLevel = 'logs' in lvl ? lvl.logs.length : 0;
  if (!('logs' in ref)) return invalid(ref.reason, nReference, nLevel, options.confidence);
  if (!('logs' in lvl)) return invalid(lvl.reason, nReference, nLevel, options.confidence);
  return decideLogs(ref.logs, lvl.logs, options);
}

/** decide() on values already logged, each side non-empty and finite: for simulations that resample logs. */
export function decideLogs(refLogs: ArrayLike<number>, lvlLogs: ArrayLike<number>, options: DecideOptions): Shift {
  const { direction, thresholdPercent, confidence } = options;
  const nReference = refLogs.length;
  const nLevel = lvlLogs.length;
  const d = sortedDifferences(refLogs, lvlLogs);
  const rank = criticalRank(nReference, nLevel, confidence);
  const mid = d.length >> 1;
  const estimate = d.length % 2 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
  const low = d[rank.k - 1]!;
  const high = d[d.length - rank.k]!;
  const p = options.computeP === false ? null : mannWhitney(Array.from(refLogs), Array.from(lvlLogs)).pValue;
  const ciLowPercent = percent(low);
  const ciHighPercent = percent(high);
  const shift: Shift = {
    estimatePercent: percent(estimate), ciLowPercent, ciHighPercent, confidence: rank.confidence, p, pAdjusted: p,
    nReference, nLevel, smallestDetectablePercent: (ciHighPercent - ciLowPercent) / 2, verdict: 'undecided',
  };
  const reached = rank.confidence >= confidence - 1e-12;
  if (reached) shift.verdict = verdictOf(estimate, low, high, thresholdPercent, direction);
  else shift.reason = `${nReference} vs ${nLevel} samples reach ${(100 * rank.confidence).toFixed(1)} % at most, not the ${(100 * confidence).toFixed(1)} % asked for`;
  if (shift.verdict === 'undecided') {
    // Half-width at the level asked for: scaled by the normal quantiles when the samples could not reach it.
    let halfWidth = (high - low) / 2;
    if (!reached) halfWidth = rank.confidence > 0 ? halfWidth * normalUpperQuantile((1 - confidence) / 2) / normalUpperQuantile((1 - rank.confidence) / 2) : Number.NaN;
    shift.moreSamplesPerArm = moreSamplesPerArm(estimate, halfWidth, nReference, nLevel, thresholdPercent);
  }
  return shift;
}

/** Holm over one family (the gating metrics × the simple effects, or the compared points): sets pAdjusted. */
export function adjustFamily<T extends Pick<Shift, 'p' | 'pAdjusted'>>(family: readonly T[]): T[] {
  const tested = family.flatMap((s, i) => (s.p === null ? [] : [i]));
  const adjusted = holmAdjust(tested.map((i) => family[i]!.p!));
  const out = family.map((s) => ({ ...s, pAdjusted: null as number | null }));
  tested.forEach((i, j) => { out[i]!.pAdjusted = adjusted[j]!; });
  return out;
}
