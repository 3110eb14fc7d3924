// THE two-arm decision of vethbench (docs/statistics.md): an effect within a run and a new run against
// its baseline are both judged here, callers never copy it. On log values, so a shift is a ratio and reads in
// percent: the Hodges-Lehmann estimate with its distribution-free Moses interval at the confidence asked for,
// the Mann-Whitney p, and a TOST-style rule —
//   better / worse  the interval excludes 0 and |estimate| > threshold (which way is better comes from the metric)
//   equivalent      the interval lies inside ±threshold
//   undecided       otherwise, with the half-width the samples could show and about how many more samples per arm
//                   would decide it
//   invalid         a side has no valid sample, or a negative value (with the reason)
// A non-negative metric with a 0 on a side (retransmits 0,0,0 vs 0,2,1; loss; drops) has no ratio: it is decided on
// the ABSOLUTE scale instead (Shift.absolute), by the same rule with the threshold turned into a tolerance in the
// metric's unit (absoluteTolerance). An interval that cannot reach the confidence asked for (too few samples: 3 vs 3
// reaches 90 % at best) decides nothing. Pure.
import { holmAdjust } from './holm.ts';
import { mannWhitney } from './mann-whitney.ts';
import { normalUpperQuantile } from './normal.ts';
import { criticalRank, sortedDifferences } from './shift-ci.ts';
import type { z } from 'zod';
import type { shiftSchema } from './shift-schema.ts';
import type { BetterDirection, Verdict } from './verdict.ts';
import { confidenceText } from './confidence-text.ts';

/** The two-arm decision's result; its shape and field docs are src/stats/shift-schema.ts. */
export type Shift = z.infer<typeof shiftSchema>;

export type AbsoluteShift = NonNullable<Shift['absolute']>;

export interface DecideOptions {
  direction: BetterDirection;
  /** Percent, > 0 (--threshold, default 5). */
  thresholdPercent: number;
  /** Level of the interval, e.g. 0.95, or 1 − α′/m at a sequential look. */
  confidence: number;
  /** false skips the Mann-Whitney p (p = null): simulations that only need the verdict. Default true. */
  computeP?: boolean;
  /** The metric's stored unit (src/metrics/registry.ts), carried into Shift.absolute. Default ''. */
  unit?: string;
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
 * equivalent, though it has no ratio. Zeros on one side only are decided on the absolute scale (decideAbsolute).
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

/** A side's valid (finite) samples, or why it has none. */
function finiteOf(values: readonly number[], side: string): number[] | { reason: string } {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length ? finite : { reason: `no valid samples on the ${side} side (${values.length} given, none finite)` };
}

/** Where an interval must lie to be equivalent (low, high), and when an estimate is beyond the threshold. */
interface Scale {
  low: number;
  high: number;
  beyond: (estimate: number) => boolean;
}

function logScale(thresholdPercent: number): Scale {
  const t = thresholdPercent / 100;
  return { low: Math.log1p(-t), high: Math.log1p(t), beyond: (e) => Math.abs(percent(e)) > thresholdPercent };
}

function absoluteScale(tolerance: number): Scale {
  return { low: -tolerance, high: tolerance, beyond: (e) => Math.abs(e) > tolerance };
}

const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/**
 * The threshold on the absolute scale: thresholdPercent/100 × the larger of the two sides' means. Relative to the
 * larger side, as the ratio rule is (a rise from 0 to L is all of L, so any clear rise from 0 is beyond it); the
 * mean, not the median, because a rare count (retransmits in a few samples) has median 0 on both sides, and a
 * tolerance of 0 could never show "equivalent" when the typical sample did not move at all.
 */
export function absoluteTolerance(reference: readonly number[], level: readonly number[], thresholdPercent: number): number {
  return (thresholdPercent / 100) * Math.max(Math.abs(mean(reference)), Math.abs(mean(level)));
}

function verdictOn(estimate: number, low: number, high: number, scale: Scale, direction: BetterDirection): Verdict {
  if (low > scale.low && high < scale.high) return 'equivalent';
  const beyond = scale.beyond(estimate);
  const up = low > 0 && beyond;
  const down = high < 0 && beyond;
  if (up || down) return (up === (direction === 'higher')) ? 'better' : 'worse';
  return 'undecided';
}

/** The verdict of an interval [low, high] (log ratios) with estimate e, oriented by direction. */
export function verdictOf(estimate: number, low: number, high: number, thresholdPercent: number, direction: BetterDirection): Verdict {
  return verdictOn(estimate, low, high, logScale(thresholdPercent), direction);
}

/**
 * About how many more samples per arm would narrow the interval enough to decide, assuming its half-width
 * shrinks like √(1/n1 + 1/n2) and the estimate stays: below |estimate| to exclude 0 (when the estimate is
 * beyond the threshold), below the distance to ±threshold to show equivalence (when inside).
 */
function moreSamplesPerArm(estimate: number, halfWidth: number, n1: number, n2: number, scale: Scale): number | null {
  const target = scale.beyond(estimate) ? Math.abs(estimate) : Math.min(scale.high - estimate, estimate - scale.low);
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
  const ref = finiteOf(reference, 'reference');
  const lvl = finiteOf(level, 'level');
  const nReference = Array.isArray(ref) ? ref.length : 0;
  const nLevel = Array.isArray(lvl) ? lvl.length : 0;
  if (!Array.isArray(ref)) return invalid(ref.reason, nReference, nLevel, options.confidence);
  if (!Array.isArray(lvl)) return invalid(lvl.reason, nReference, nLevel, options.confidence);
  for (const [side, values] of [['reference', ref], ['level', lvl]] as const) {
    const negative = values.find((v) => v < 0);
    if (negative !== undefined) return invalid(`the ${side} side has a value < 0 (${negative}): a shift in percent needs positive values, an absolute shift non-negative ones`, nReference, nLevel, options.confidence);
  }
  if (ref.every((v) => v > 0) && lvl.every((v) => v > 0)) return decideLogs(Float64Array.from(ref, Math.log), Float64Array.from(lvl, Math.log), options);
  return decideAbsolute(ref, lvl, options);
}

interface Judged {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  p: number | null;
  verdict: Verdict;
  moreSamplesPerArm?: number | null;
  reason?: string;
}

/** Hodges-Lehmann of next − base with its Moses interval, and the verdict on `scale`; undecided says what would decide it. */
function judge(base: ArrayLike<number>, next: ArrayLike<number>, options: DecideOptions, scale: Scale): Judged {
  const { direction, confidence } = options;
  const d = sortedDifferences(base, next);
  const rank = criticalRank(base.length, next.length, confidence);
  const mid = d.length >> 1;
  const estimate = d.length % 2 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
  const low = d[rank.k - 1]!;
  const high = d[d.length - rank.k]!;
  const p = options.computeP === false ? null : mannWhitney(Array.from(base), Array.from(next)).pValue;
  const out: Judged = { estimate, low, high, confidence: rank.confidence, p, verdict: 'undecided' };
  const reached = rank.confidence >= confidence - 1e-12;
  if (reached) out.verdict = verdictOn(estimate, low, high, scale, direction);
  else out.reason = `${base.length} vs ${next.length} samples reach ${confidenceText(rank.confidence)} at most, not the ${confidenceText(confidence)} asked for`;
  if (out.verdict === 'undecided') {
    // Half-width at the level asked for: scaled by the normal quantiles when the samples could not reach it.
    let halfWidth = (high - low) / 2;
    if (!reached) halfWidth = rank.confidence > 0 ? halfWidth * normalUpperQuantile((1 - confidence) / 2) / normalUpperQuantile((1 - rank.confidence) / 2) : Number.NaN;
    out.moreSamplesPerArm = moreSamplesPerArm(estimate, halfWidth, base.length, next.length, scale);
  }
  return out;
}

function shiftOf(j: Judged, nReference: number, nLevel: number, percents: Pick<Shift, 'estimatePercent' | 'ciLowPercent' | 'ciHighPercent' | 'smallestDetectablePercent'>): Shift {
  return {
    ...percents, confidence: j.confidence, p: j.p, pAdjusted: j.p, nReference, nLevel, verdict: j.verdict,
    ...(j.reason === undefined ? {} : { reason: j.reason }),
    ...(j.moreSamplesPerArm === undefined ? {} : { moreSamplesPerArm: j.moreSamplesPerArm }),
  };
}

/** decide() on values already logged, each side non-empty and finite: for simulations that resample logs. */
export function decideLogs(refLogs: ArrayLike<number>, lvlLogs: ArrayLike<number>, options: DecideOptions): Shift {
  const j = judge(refLogs, lvlLogs, options, logScale(options.thresholdPercent));
  const ciLowPercent = percent(j.low);
  const ciHighPercent = percent(j.high);
  return shiftOf(j, refLogs.length, lvlLogs.length, { estimatePercent: percent(j.estimate), ciLowPercent, ciHighPercent, smallestDetectablePercent: (ciHighPercent - ciLowPercent) / 2 });
}

/** decide() on the absolute scale, each side non-empty, finite and ≥ 0, not all 0 on both: the shift in the metric's unit. */
export function decideAbsolute(reference: readonly number[], level: readonly number[], options: DecideOptions): Shift {
  const tolerance = absoluteTolerance(reference, level, options.thresholdPercent);
  const j = judge(reference, level, options, absoluteScale(tolerance));
  return {
    ...shiftOf(j, reference.length, level.length, { estimatePercent: null, ciLowPercent: null, ciHighPercent: null, smallestDetectablePercent: null }),
    absolute: { estimate: j.estimate, ciLow: j.low, ciHigh: j.high, unit: options.unit ?? '', tolerance },
  };
}

/** Holm over one family (the gating metrics × the simple effects, or the compared points): sets pAdjusted. */
export function adjustFamily<T extends Pick<Shift, 'p' | 'pAdjusted'>>(family: readonly T[]): T[] {
  const tested = family.flatMap((s, i) => (s.p === null ? [] : [i]));
  const adjusted = holmAdjust(tested.map((i) => family[i]!.p!));
  const out = family.map((s) => ({ ...s, pAdjusted: null as number | null }));
  tested.forEach((i, j) => { out[i]!.pAdjusted = adjusted[j]!; });
  return out;
}
