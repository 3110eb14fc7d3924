// Change points in a series of nightly medians: Pettitt's rank statistic (a Mann-Whitney count between the nights
// before and after every possible split) with a seeded permutation p-value, applied by binary segmentation.
// It finds a lasting step even when every night-to-night delta stays under the comparison threshold, and being
// rank-based, one odd night does not make a step.
import { mulberry32 } from './random.ts';
import { median } from './median.ts';

export interface ChangePoint {
  /** Index of the first value after the step. */
  index: number;
  beforeMedian: number;
  afterMedian: number;
  /** (after − before) / |before| × 100. */
  shiftPercent: number;
  /** Permutation p-value of the split (how often shuffled nights give as strong a split). */
  pValue: number;
}

export interface ChangePointOptions {
  /** Fewest values on each side of a step: shorter runs are outliers, not steps. */
  minSegment: number;
  alpha: number;
  /** Smallest |shift| reported, in %: a significant 0.3 % step is real but not news. */
  minShiftPercent: number;
  permutations: number;
  /** Recorded so the same history always gives the same answer. */
  seed: number;
}

export const CHANGE_POINT_DEFAULTS: ChangePointOptions = { minSegment: 3, alpha: 0.05, minShiftPercent: 2, permutations: 1999, seed: 20261127 };

/** Σ_j sgn(x_t − x_j) for every t: with these, Pettitt's U_t = U_{t−1} + v_t. */
function signSums(values: readonly number[]): number[] {
  return values.map((x) => values.reduce((acc, y) => acc + Math.sign(x - y), 0));
}

/** The best split (first index after it) and its |U|, over splits leaving minSegment values on each side. */
function bestSplit(v: readonly number[], minSegment: number): { index: number; k: number } {
  let u = 0;
  let best = { index: -1, k: -1 };
  for (let t = 0; t < v.length - minSegment; t++) {
    u += v[t]!;
    if (t + 1 >= minSegment && Math.abs(u) > best.k) best = { index: t + 1, k: Math.abs(u) };
  }
  return best;
}

function testSegment(values: readonly number[], options: ChangePointOptions, seed: number): ChangePoint | undefined {
  const v = signSums(values);
  const observed = bestSplit(v, options.minSegment);
  if (observed.index < 0) return undefined;
  const random = mulberry32(seed);
  const shuffled = [...v];
  let asStrong = 0;
  for (let i = 0; i < options.permutations; i++) {
    for (let j = shuffled.length - 1; j > 0; j--) {
      const r = Math.floor(random() * (j + 1));
      [shuffled[j], shuffled[r]] = [shuffled[r]!, shuffled[j]!];
    }
    if (bestSplit(shuffled, options.minSegment).k >= observed.k) asStrong++;
  }
  const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
  const beforeMedian = median(sorted(values.slice(0, observed.index)));
  const afterMedian = median(sorted(values.slice(observed.index)));
  return {
    index: observed.index, beforeMedian, afterMedian,
    shiftPercent: beforeMedian === 0 ? 0 : ((afterMedian - beforeMedian) / Math.abs(beforeMedian)) * 100,
    pValue: (asStrong + 1) / (options.permutations + 1),
  };
}

/** Every change point, in order. Each accepted split is searched again on both sides (binary segmentation). */
export function findChangePoints(values: readonly number[], options: ChangePointOptions = CHANGE_POINT_DEFAULTS): ChangePoint[] {
  const found: ChangePoint[] = [];
  const search = (from: number, to: number): void => {
    if (to - from < 2 * options.minSegment) return;
    const cp = testSegment(values.slice(from, to), options, options.seed + from);
    if (!cp || cp.pValue >= options.alpha || Math.abs(cp.shiftPercent) < options.minShiftPercent) return;
    search(from, from + cp.index);
    found.push({ ...cp, index: from + cp.index });
    search(from + cp.index, to);
  };
  search(0, values.length);
  return found;
}
