import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modifiedZScores, outlierPositions } from '../../src/stats/outliers.ts';
import { summarize } from '../../src/stats/summary.ts';

const round = (xs: number[]) => xs.map((x) => Number(x.toFixed(6)));

describe('modified Z-scores', () => {
  it('0.6745·(x − median)/MAD: [1, 2, 3, 4, 100] → median 3, MAD 1', () =>
    assert.deepEqual(round(modifiedZScores([1, 2, 3, 4, 100])), [-1.349, -0.6745, 0, 0.6745, 65.4265]));
  it('flags 100 and only 100 (|M| > 3.5)', () => assert.deepEqual(outlierPositions([1, 2, 3, 4, 100]), [4]));
  it('more than half tied (MAD = 0): falls back to the mean absolute deviation, 4/(1.253314·0.8) = 3.9894', () => {
    assert.deepEqual(round(modifiedZScores([5, 5, 5, 5, 9])), [0, 0, 0, 0, 3.989423]);
    assert.deepEqual(outlierPositions([5, 5, 5, 5, 9]), [4]);
  });
  it('all equal: nothing flagged', () => assert.deepEqual(outlierPositions([2, 2, 2]), []));
});

describe('summarize', () => {
  it('every field, exact', () => {
    const s = summarize([30, 31, 29, 30.5, 60], [0, 1, 2, 3, 4])!;
    assert.equal(s.n, 5);
    assert.equal(s.median, 30.5);
    assert.equal(s.mean, 36.1);
    assert.equal(s.stddev.toFixed(6), Math.sqrt(((30 - 36.1) ** 2 + (31 - 36.1) ** 2 + (29 - 36.1) ** 2 + (30.5 - 36.1) ** 2 + (60 - 36.1) ** 2) / 4).toFixed(6));
    assert.deepEqual([s.min, s.max, s.ciLow, s.ciHigh, s.ciConfidence], [29, 60, 29, 60, 0.9375]);
    assert.equal(s.cv, s.stddev / 36.1);
    assert.deepEqual(s.outliers, [4], 'the 60 is flagged, and still counted in the mean');
  });
  it('outliers are named by the ids given (repetition numbers), skipping non-finite values', () => {
    const s = summarize([10, Number.NaN, 10.2, 9.9, 10.1, 10, 25], [0, 1, 2, 3, 4, 5, 6])!;
    assert.equal(s.n, 6);
    assert.deepEqual(s.outliers, [6]);
  });
  it('no values: undefined, never zeros', () => assert.equal(summarize([]), undefined));
});
