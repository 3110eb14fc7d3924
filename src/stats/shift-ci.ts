// Confidence interval of the shift between two groups (new − base): the Hodges-Lehmann estimate and the
// distribution-free interval of Moses, read off the sorted pairwise differences at the Mann-Whitney U critical
// ranks. It agrees with the Mann-Whitney test: the interval at level 1 − α excludes 0 roughly when p < α.
import { EXACT_MAX_N, exactUCdf } from './mann-whitney.ts';
import { CI_LEVEL } from './median-ci.ts';
import { normalUpperQuantile, normalUpperTail } from './normal.ts';

export interface ShiftCi {
  /** Hodges-Lehmann: the median of all pairwise differences new − base. */
  estimate: number;
  low: number;
  high: number;
  /** The interval's confidence: exact for small groups (ties aside), approximate beyond; below the level asked for when the groups are too small to reach it. */
  confidence: number;
}

export interface CriticalRank {
  /** 1-based: the interval is [d(k), d(m+1-k)] of the m = n1·n2 sorted differences. */
  k: number;
  confidence: number;
}

// Sequential sampling asks for the same few (n1, n2, level) thousands of times: the exact null distribution is cached.
const cdfCache = new Map<string, number[]>();
function cachedUCdf(n1: number, n2: number): number[] {
  const key = n1 <= n2 ? `${n1},${n2}` : `${n2},${n1}`;
  let cdf = cdfCache.get(key);
  if (!cdf) cdfCache.set(key, (cdf = exactUCdf(Math.min(n1, n2), Math.max(n1, n2))));
  return cdf;
}

/** The widest k whose interval still reaches `level` (k = 1 — the full range — when none does; see `confidence`). */
export function criticalRank(n1: number, n2: number, level: number = CI_LEVEL): CriticalRank {
  const m = n1 * n2;
  if (n1 + n2 <= EXACT_MAX_N) {
    const cdf = cachedUCdf(n1, n2);
    let k = 1;
    while (k + 1 <= m + 1 - (k + 1) && 1 - 2 * cdf[k]! >= level) k++;
    return { k, confidence: Math.max(0, 1 - 2 * cdf[k - 1]!) };
  }
  // Normal approximation of U's null distribution (no ties).
  const sd = Math.sqrt((m * (n1 + n2 + 1)) / 12);
  const k = Math.max(1, Math.floor(m / 2 - normalUpperQuantile((1 - level) / 2) * sd));
  return { k, confidence: 1 - 2 * normalUpperTail((m / 2 - k + 0.5) / sd) };
}

/** The n1·n2 differences next − base, sorted ascending. */
export function sortedDifferences(base: ArrayLike<number>, next: ArrayLike<number>): Float64Array {
  const out = new Float64Array(base.length * next.length);
  let i = 0;
  for (let j = 0; j < next.length; j++) for (let b = 0; b < base.length; b++) out[i++] = next[j]! - base[b]!;
  return out.sort();
}

/** Moses interval at `level` (default 95 %, CI_LEVEL, like every other interval vethbench reports). */
export function shiftCi(base: readonly number[], next: readonly number[], level: number = CI_LEVEL): ShiftCi {
  if (base.length === 0 || next.length === 0) throw new Error('shiftCi needs at least one value in each group');
  const d = sortedDifferences(base, next);
  const { k, confidence } = criticalRank(base.length, next.length, level);
  const mid = d.length >> 1;
  const estimate = d.length % 2 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
  return { estimate, low: d[k - 1]!, high: d[d.length - k]!, confidence };
}
