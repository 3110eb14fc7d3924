import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exactUCdf, mannWhitney, smallestPValue } from '../../src/stats/mann-whitney.ts';

/** The largest U whose two-sided exact p-value is ≤ α: what printed critical-value tables list. */
function criticalU(n1: number, n2: number, alpha = 0.05): number | undefined {
  const cdf = exactUCdf(n1, n2);
  let u = -1;
  while (u + 1 <= n1 * n2 && 2 * cdf[u + 1]! <= alpha) u++;
  return u < 0 ? undefined : u;
}

describe('Mann-Whitney U', () => {
  // Critical values of U, two-sided α = 0.05, from the standard published table (e.g. Siegel & Castellan,
  // "Nonparametric Statistics", table J; the same figures appear in most statistics textbooks).
  const table: [number, number, number | undefined][] = [
    [3, 3, undefined], [3, 5, 0], [4, 4, 0], [4, 8, 4], [5, 5, 2], [5, 6, 3], [5, 10, 8], [5, 20, 20],
    [6, 6, 5], [7, 7, 8], [8, 8, 13], [9, 9, 17], [10, 10, 23], [20, 20, 127],
  ];
  for (const [n1, n2, expected] of table) {
    it(`critical U for n1=${n1}, n2=${n2} is ${expected ?? 'none'} (published table)`, () => assert.equal(criticalU(n1, n2), expected));
  }

  it('complete separation of 5 vs 5: U = 0, p = 2/252 (R: wilcox.test(1:5, 6:10) → 0.007937)', () => {
    const r = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    assert.equal(r.u, 0);
    assert.equal(r.method, 'exact');
    assert.equal(r.pValue, 2 / 252);
  });

  it("R's documented example (?wilcox.test, x vs y): W = 35, two-sided exact p = 0.2544", () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = mannWhitney(x, y);
    assert.equal(r.u, 35);
    assert.equal(r.pValue.toFixed(10), '0.2544122544');
  });

  it('the test is symmetric: swapping the groups gives U2 = n1·n2 − U1 and the same p', () => {
    const a = mannWhitney([3, 1, 4, 1.5, 5], [9, 2, 6, 5.5]);
    const b = mannWhitney([9, 2, 6, 5.5], [3, 1, 4, 1.5, 5]);
    assert.equal(a.u + b.u, 20);
    assert.equal(a.pValue, b.pValue);
  });

  it('ties stay exact (conditional permutation): p = 0.0528360528 (scipy.stats.mannwhitneyu, exhaustive permutation)', () => {
    const r = mannWhitney([1, 2, 2, 3, 4, 4, 4, 5], [2, 3, 5, 5, 6, 6, 7]);
    assert.equal(r.u, 11.5);
    assert.equal(r.method, 'exact');
    assert.equal(r.pValue.toFixed(10), '0.0528360528');
  });

  it('large groups with ties: normal approximation with tie and continuity correction (scipy asymptotic: 0.1715207868)', () => {
    const x = [0, 1, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 16, 0, 1, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14];
    const y = [3, 5, 6, 8, 10, 12, 13, 15, 17, 18, 1, 3, 4, 6, 8, 10, 11, 13, 15, 16, 18, 1];
    const r = mannWhitney(x, y);
    assert.equal(r.method, 'normal');
    assert.equal(r.u, 210.5);
    assert.ok(Math.abs(r.pValue - 0.1715207868) < 1e-6, `p = ${r.pValue}`);
  });

  it('identical groups: p = 1', () => {
    assert.equal(mannWhitney([7, 7, 7], [7, 7, 7]).pValue, 1);
    assert.equal(mannWhitney(Array(30).fill(7), Array(30).fill(7)).pValue, 1);
  });

  it('smallest attainable p: 2/C(n1+n2, n1)', () => {
    assert.equal(smallestPValue(5, 5), 2 / 252);
    assert.equal(smallestPValue(6, 6), 2 / 924);
    assert.equal(smallestPValue(1, 1), 1);
    assert.equal(smallestPValue(3, 3), 0.1);
  });
});
