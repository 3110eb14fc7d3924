import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianCi, medianCiRank } from '../../src/stats/median-ci.ts';
import { shiftCi } from '../../src/stats/shift-ci.ts';
import { seededNormal } from '../helpers/random.ts';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('confidence interval of the median (order statistics)', () => {
  it('n = 20 → [x(6), x(15)], confidence 1 − 2·P(B ≤ 5) = 0.9586 (the textbook table)', () => {
    assert.equal(medianCiRank(20), 6);
    const ci = medianCi(Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual([ci.low, ci.high], [6, 15]);
    assert.equal(ci.confidence, 1 - (2 * 21700) / 2 ** 20);
  });
  it('n = 10 → [x(2), x(9)], confidence 0.978515625', () => {
    const ci = medianCi(Array.from({ length: 10 }, (_, i) => i + 1));
    assert.deepEqual(ci, { low: 2, high: 9, confidence: 1 - (2 * 11) / 1024 });
  });
  it('n ≤ 5 cannot reach 95%: [min, max] with its true confidence (n = 5: 0.9375, n = 1: 0)', () => {
    assert.deepEqual(medianCi([1, 2, 3, 4, 5]), { low: 1, high: 5, confidence: 0.9375 });
    assert.deepEqual(medianCi([4]), { low: 4, high: 4, confidence: 0 });
  });

  it('coverage on 1000 seeded log-normal samples of n = 10 matches the exact confidence (≥ 95%)', () => {
    const normal = seededNormal(20261127);
    const trueMedian = Math.exp(3); // log-normal(μ = 3, σ = 0.5): skewed, median e^μ
    let hits = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const ci = medianCi(sorted(Array.from({ length: 10 }, () => Math.exp(3 + 0.5 * normal()))));
      if (ci.low <= trueMedian && trueMedian <= ci.high) hits++;
    }
    // Exact confidence 0.9785; 3 binomial standard deviations over 1000 trials ≈ 0.014.
    assert.ok(hits >= 950, `${hits}/1000 intervals hold the true median`);
    assert.ok(Math.abs(hits / 1000 - 0.9785) < 0.014, `${hits}/1000 vs 978.5 expected`);
  });
});

describe('confidence interval of the shift (Hodges-Lehmann / Moses)', () => {
  it('5 vs 5: the interval is [d(3), d(23)] of the 25 differences, confidence 1 − 2·4/252', () => {
    const ci = shiftCi([0, 1, 2, 3, 4], [10, 20, 30, 40, 50]);
    // differences y − x: 10−4=6 … 50−0=50; sorted, the 3rd is 8 and the 23rd is 48.
    assert.deepEqual(ci, { estimate: 28, low: 8, high: 48, confidence: 1 - 8 / 252 });
  });
  it('coverage on 1000 seeded normal pairs of 6 vs 6 with a true shift of +2 is at least the stated confidence', () => {
    const normal = seededNormal(7);
    let hits = 0;
    let stated = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const base = Array.from({ length: 6 }, () => 10 + normal());
      const next = Array.from({ length: 6 }, () => 12 + normal());
      const ci = shiftCi(base, next);
      stated = ci.confidence;
      if (ci.low <= 2 && 2 <= ci.high) hits++;
    }
    assert.ok(stated >= 0.95, `stated ${stated}`);
    assert.ok(hits / 1000 >= stated - 0.015, `${hits}/1000 vs stated ${stated}`);
  });
  it('large groups use the normal approximation and still cover', () => {
    const normal = seededNormal(11);
    const ci = shiftCi(Array.from({ length: 30 }, () => normal()), Array.from({ length: 30 }, () => 1 + normal()));
    assert.ok(ci.low < 1 && 1 < ci.high, JSON.stringify(ci));
    assert.ok(Math.abs(ci.confidence - 0.95) < 0.01, `confidence ${ci.confidence}`);
  });
});
