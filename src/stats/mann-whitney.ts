// Mann-Whitney U (Wilcoxon rank-sum) test, two-sided. Exact for small samples: the permutation distribution of
// the rank sum, counted by dynamic programming over midranks, so it stays exact with ties (conditional on them).
// Larger samples: the normal approximation with tie correction and continuity correction.
import { normalUpperTail } from './normal.ts';

/** Up to this many values in both groups together the p-value is exact. */
export const EXACT_MAX_N = 40;

export interface MannWhitney {
  /** U of the first group: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  n1: number;
  n2: number;
}

/** Midranks (1-based) of the pooled values, first group first, and the sizes of the tie groups. */
function pooledRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = (start + end) / 2 + 1;
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/**
 * counts[s] = number of ways to choose `k` of the items whose doubled ranks sum to s. Doubled, so midranks
 * (x.5) stay integers. Counts are doubles: their ratios are what matters and C(40, 20) is far below 2^1023.
 */
function rankSumCounts(doubledRanks: readonly number[], k: number): Float64Array {
  const maxSum = [...doubledRanks].sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0);
  const table = Array.from({ length: k + 1 }, () => new Float64Array(maxSum + 1));
  table[0]![0] = 1;
  doubledRanks.forEach((r, i) => {
    for (let j = Math.min(i + 1, k); j >= 1; j--) {
      const row = table[j]!;
      const prev = table[j - 1]!;
      for (let s = maxSum; s >= r; s--) row[s]! += prev[s - r]!;
    }
  });
  return table[k]!;
}

/** P(U ≤ u) for u = 0 … n1·n2 under the null hypothesis, without ties. */
export function exactUCdf(n1: number, n2: number): number[] {
  const counts = rankSumCounts(Array.from({ length: n1 + n2 }, (_, i) => 2 * (i + 1)), n1);
  const offset = n1 * (n1 + 1); // doubled minimum rank sum: U = (sum - offset) / 2
  const total = counts.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let running = 0;
  for (let u = 0; u <= n1 * n2; u++) {
    running += counts[offset + 2 * u] ?? 0;
    cdf.push(running / total);
  }
  return cdf;
}

/** The smallest two-sided p-value any data can give with these group sizes (complete separation, no ties). */
export function smallestPValue(n1: number, n2: number): number {
  let combinations = 1;
  for (let i = 1; i <= n1; i++) combinations = (combinations * (n2 + i)) / i;
  return Math.min(1, 2 / combinations);
}

export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitney {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitney needs at least one value in each group');
  const { ranks, tieSizes } = pooledRanks([...x, ...y]);
  const rankSum = ranks.slice(0, n1).reduce((a, b) => a + b, 0);
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;

  if (n <= EXACT_MAX_N) {
    const counts = rankSumCounts(ranks.map((r) => Math.round(2 * r)), n1);
    const observed = Math.round(2 * rankSum);
    let total = 0;
    let atMost = 0;
    let atLeast = 0;
    counts.forEach((c, s) => {
      total += c;
      if (s <= observed) atMost += c;
      if (s >= observed) atLeast += c;
    });
    return { u, pValue: Math.min(1, (2 * Math.min(atMost, atLeast)) / total), method: 'exact', n1, n2 };
  }

  const tieTerm = tieSizes.reduce((acc, t) => acc + t ** 3 - t, 0) / (n * (n - 1));
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm);
  if (variance <= 0) return { u, pValue: 1, method: 'normal', n1, n2 };
  const z = Math.max(0, Math.abs(u - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * normalUpperTail(z)), method: 'normal', n1, n2 };
}
