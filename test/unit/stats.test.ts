import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median } from '../../src/stats/median.ts';
import { summarize } from '../../src/stats/summary.ts';

describe('summarize', () => {
  it('gives exact figures for [1, 2, 3, 4]', () => {
    assert.deepEqual(summarize([1, 2, 3, 4]), {
      n: 4, median: 2.5, mean: 2.5, stddev: 1.2909944487358056, min: 1, max: 4, cv: 1.2909944487358056 / 2.5,
      // n = 4: the widest order-statistic interval [x(1), x(4)] covers the median with 1 - 2 × 0.5⁴ = 87.5%.
      ciLow: 1, ciHigh: 4, ciConfidence: 0.875, outliers: [],
    });
  });

  it('does not depend on the input order, and leaves the input alone', () => {
    const values = [4, 1, 3, 2];
    assert.deepEqual(summarize(values), summarize([1, 2, 3, 4]));
    assert.deepEqual(values, [4, 1, 3, 2]);
  });

  it('takes the middle value of an odd count and the sample (n-1) standard deviation', () => {
    assert.deepEqual(summarize([9, 1, 5]), { n: 3, median: 5, mean: 5, stddev: 4, min: 1, max: 9, cv: 0.8, ciLow: 1, ciHigh: 9, ciConfidence: 0.75, outliers: [] });
    // The textbook set: population stddev 2, sample stddev sqrt(32/7).
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9])!;
    assert.deepEqual([s.n, s.median, s.mean, s.min, s.max], [8, 4.5, 5, 2, 9]);
    assert.equal(s.stddev, Math.sqrt(32 / 7));
    assert.equal(s.cv, Math.sqrt(32 / 7) / 5);
  });

  it('gives a stddev and cv of 0 for a single value', () => {
    const one = summarize([31.95e9])!;
    assert.deepEqual([one.n, one.median, one.mean, one.stddev, one.min, one.max, one.cv], [1, 31.95e9, 31.95e9, 0, 31.95e9, 31.95e9, 0]);
  });

  it('is undefined for no values: no samples is not a summary of zeros', () => {
    assert.equal(summarize([]), undefined);
  });

  it('ignores NaN and ±Infinity', () => {
    assert.deepEqual(summarize([1, Number.NaN, 3, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), summarize([1, 3]));
    assert.equal(summarize([1, Number.NaN, 3])!.n, 2);
    assert.equal(summarize([Number.NaN, Number.POSITIVE_INFINITY]), undefined);
  });

  it('has a cv of 0 when the mean is 0, and relative to |mean| when it is negative', () => {
    assert.equal(summarize([-1, 1])!.cv, 0);
    assert.equal(summarize([0, 0])!.cv, 0);
    const negative = summarize([-2, -4])!;
    assert.equal(negative.mean, -3);
    assert.equal(negative.cv, Math.SQRT2 / 3);
  });

  it('gives a cv of 0 for identical values', () => {
    const same = summarize([5, 5, 5])!;
    assert.deepEqual([same.stddev, same.cv, same.ciLow, same.ciHigh, same.outliers], [0, 0, 5, 5, []]);
  });
});

describe('median', () => {
  it('takes the middle of a sorted list, or the mean of the two middle values', () => {
    assert.equal(median([1, 2, 3]), 2);
    assert.equal(median([1, 2, 3, 10]), 2.5);
    assert.equal(median([7]), 7);
  });
});
