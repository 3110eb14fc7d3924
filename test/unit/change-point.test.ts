import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findChangePoints } from '../../src/stats/change-point.ts';
import { seededNormal } from '../helpers/random.ts';

const series = (seed: number, levels: [number, number][], noisePercent: number): number[] => {
  const normal = seededNormal(seed);
  return levels.flatMap(([level, nights]) => Array.from({ length: nights }, () => level * (1 + (noisePercent / 100) * normal())));
};
const largestNightToNight = (xs: number[]) => Math.max(...xs.slice(1).map((x, i) => Math.abs(x / xs[i]! - 1) * 100));

describe('change points in nightly medians', () => {
  it('a 4 % step that no night-to-night delta reveals (each < 5 %) is found, at the right night', () => {
    const nights = series(1, [[20e9, 12], [19.2e9, 8]], 0.7);
    assert.ok(largestNightToNight(nights) < 5, `largest night-to-night delta ${largestNightToNight(nights).toFixed(2)} %`);
    const found = findChangePoints(nights);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.index, 12);
    assert.ok(Math.abs(found[0]!.shiftPercent + 4) < 1, `shift ${found[0]!.shiftPercent.toFixed(2)} %`);
    assert.ok(found[0]!.pValue < 0.01, `p ${found[0]!.pValue}`);
  });

  it('a slow slide of 0.6 % a night (9 % in all) is flagged although no single night moves more than 3 %', () => {
    const nights = series(2, Array.from({ length: 16 }, (_, i) => [20e9 * (1 - 0.006 * i), 1] as [number, number]), 0.3);
    assert.ok(largestNightToNight(nights) < 3);
    assert.ok(findChangePoints(nights).length >= 1);
  });

  it('two steps: both found, in order', () => {
    const found = findChangePoints(series(3, [[10, 8], [10.5, 8], [9.8, 8]], 0.5));
    assert.deepEqual(found.map((c) => c.index), [8, 16]);
  });

  it('stationary noise (2 % CV over 30 nights) gives nothing', () => assert.deepEqual(findChangePoints(series(4, [[20e9, 30]], 2)), []));

  it('one bad night is an outlier, not a step', () => {
    const nights = series(5, [[20e9, 20]], 0.5);
    nights[10] = 12e9;
    assert.deepEqual(findChangePoints(nights), []);
  });

  it('a step under the 2 % floor is not reported, however significant', () => assert.deepEqual(findChangePoints(series(6, [[100, 10], [99, 10]], 0.05)), []));

  it('too short a history (fewer than 2 × 3 nights) gives nothing', () => assert.deepEqual(findChangePoints([1, 1, 1, 2, 2]), []));

  it('deterministic: the same history gives the same p-values', () => {
    const nights = series(7, [[5, 10], [5.5, 10]], 1);
    assert.deepEqual(findChangePoints(nights), findChangePoints(nights));
  });
});
