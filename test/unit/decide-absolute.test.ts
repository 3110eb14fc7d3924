// decide() on the absolute scale: a non-negative metric with a 0 on a side (retransmits, lost packets, drops) has
// no ratio, so it is decided on the shift in its own unit. The rule's edges; its error rates on real samples are
// in decide-absolute-simulation.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectNumbers } from '../../src/report/terminal/effect-lines.ts';
import { absoluteTolerance, decide } from '../../src/stats/decide.ts';

const lower = { direction: 'lower' as const, thresholdPercent: 5, confidence: 0.95, unit: 'count' };

describe('decide on the absolute scale (zeros on one side)', () => {
  it('retransmits 0,0,0 vs 0,2,1: +1 per sample [0, +2], no ratio; 3 vs 3 cannot reach 95 %, so undecided with the reason', () => {
    const s = decide([0, 0, 0], [0, 2, 1], lower);
    assert.deepEqual(s.absolute, { estimate: 1, ciLow: 0, ciHigh: 2, unit: 'count', tolerance: 0.05 });
    assert.equal(s.estimatePercent, null);
    assert.equal(s.ciLowPercent, null);
    assert.equal(s.ciHighPercent, null);
    assert.equal(s.smallestDetectablePercent, null);
    assert.equal(s.verdict, 'undecided');
    assert.match(s.reason!, /3 vs 3 samples reach 90% at most, not the 95%/);
    assert.ok(s.moreSamplesPerArm !== undefined && s.moreSamplesPerArm! >= 1, `moreSamplesPerArm ${s.moreSamplesPerArm}`);
    assert.ok(s.p !== null && s.p > 0.05);
  });

  it('a clear rise from 0 is worse for a lower-is-better count, better for a higher-is-better one', () => {
    const zeros = Array(8).fill(0);
    const some = [2, 3, 1, 4, 2, 3, 2, 5];
    const worse = decide(zeros, some, lower);
    assert.equal(worse.verdict, 'worse');
    assert.equal(worse.absolute!.estimate, 2.5);
    assert.ok(worse.absolute!.ciLow > 0);
    assert.ok(worse.p! < 0.01);
    assert.equal(decide(zeros, some, { ...lower, direction: 'higher' }).verdict, 'better');
    assert.equal(decide(some, zeros, lower).verdict, 'better', 'a fall to 0');
  });

  it('0 vs 0 on both sides stays equivalent (no absolute needed)', () => {
    const s = decide([0, 0, 0, 0], [0, 0, 0], lower);
    assert.equal(s.verdict, 'equivalent');
    assert.equal(s.absolute, undefined);
  });

  it('negative values stay invalid, with the value and why', () => {
    const s = decide([0, 1, 2], [0, -3, 1], lower);
    assert.equal(s.verdict, 'invalid');
    assert.equal(s.absolute, undefined);
    assert.match(s.reason!, /level side has a value < 0 \(-3\)/);
  });

  it('a rare count (1 retransmit in 20 samples vs none): the typical sample did not move, equivalent', () => {
    // The tolerance uses the sides' means: with medians it would be 0 and "equivalent" unreachable here.
    const ref = Array(20).fill(0);
    const lvl = [...Array(19).fill(0), 1];
    assert.equal(absoluteTolerance(ref, lvl, 5), 0.05 * (1 / 20));
    const s = decide(ref, lvl, lower);
    assert.deepEqual([s.absolute!.estimate, s.absolute!.ciLow, s.absolute!.ciHigh], [0, 0, 0]);
    assert.equal(s.verdict, 'equivalent');
  });

  it('a shift inside the tolerance is not a regression: it needs |estimate| > tolerance as well as 0 outside the interval', () => {
    // lossPercent 40 % ± 1 with some zero-loss samples: +0.5 percentage points is beyond 0 but inside 5 % × 40.
    const ref = [0, 40, 40.2, 39.8, 40.1, 39.9, 40, 40.3, 39.7, 40];
    const lvl = ref.map((v) => (v === 0 ? 0 : v + 0.5));
    const s = decide(ref, lvl, { ...lower, unit: '%' });
    assert.ok(Math.abs(s.absolute!.estimate) <= s.absolute!.tolerance, JSON.stringify(s.absolute));
    assert.notEqual(s.verdict, 'worse');
  });

  it('too few samples decide nothing: 2 vs 2 is undecided with the reason, never better or worse', () => {
    const s = decide([0, 0], [50, 60], lower);
    assert.equal(s.verdict, 'undecided');
    assert.match(s.reason!, /2 vs 2 samples reach/);
  });

  it('the unit defaults to an empty string when the caller names none', () => {
    assert.equal(decide([0, 1], [1, 2], { direction: 'lower', thresholdPercent: 5, confidence: 0.95 }).absolute!.unit, '');
  });
});

describe('an effect decided on the absolute scale reads in its unit', () => {
  it('effectNumbers: "+2.50 count [+2, +4] (…% CI)" (a whole count whole)', () => {
    const s = decide(Array(8).fill(0), [2, 3, 1, 4, 2, 3, 2, 5], lower);
    const text = effectNumbers({ ...s, dimension: 'gro', level: 'on', reference: 'off', kind: 'simple', metric: 'retransmits', conditions: { workload: 'tcp', knobs: {} } });
    assert.match(text, /^\+2\.50 count \[\+\d(\.\d\d)?, \+\d(\.\d\d)?\] \(\d+(\.\d)?% CI\)$/);
  });
});
