import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holmAdjust } from '../../src/stats/holm.ts';

const round = (xs: number[]) => xs.map((x) => Number(x.toFixed(10)));

describe('Holm correction', () => {
  it('R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02', () =>
    assert.deepEqual(round(holmAdjust([0.01, 0.04, 0.03, 0.005])), [0.03, 0.06, 0.06, 0.02]));
  it('the step-down stops at the first non-rejection: later adjusted values never fall below it', () =>
    assert.deepEqual(round(holmAdjust([0.001, 0.2, 0.011, 0.012])), [0.004, 0.2, 0.033, 0.033]));
  it('capped at 1; one test is left as it is', () => {
    assert.deepEqual(holmAdjust([0.6, 0.9]), [1, 1]);
    assert.deepEqual(holmAdjust([0.04]), [0.04]);
    assert.deepEqual(holmAdjust([]), []);
  });
});
