import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustFamily, decide, verdictOf } from '../../src/stats/decide.ts';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
const fromLogs = (logs: number[]) => logs.map(Math.exp);
const pct = (log: number) => 100 * Math.expm1(log);

describe('decide: the one two-arm decision', () => {
  const reference = fromLogs([0, 0.01, 0.02, 0.03, 0.04]);
  const level = fromLogs([0.1, 0.2, 0.3, 0.4, 0.5]);

  it('5 vs 5, complete separation: HL of the log differences 0.28, Moses [d(3), d(23)] = [0.08, 0.48] at 1 − 8/252, p = 2/252', () => {
    const s = decide(reference, level, { direction: 'higher', thresholdPercent: 5, confidence: 0.95 });
    close(s.estimatePercent, pct(0.28));
    close(s.ciLowPercent, pct(0.08));
    close(s.ciHighPercent, pct(0.48));
    close(s.confidence, 1 - 8 / 252, 1e-12);
    close(s.p, 2 / 252, 1e-12);
    assert.equal(s.pAdjusted, s.p);
    assert.equal(s.nReference, 5);
    assert.equal(s.nLevel, 5);
    close(s.smallestDetectablePercent, (pct(0.48) - pct(0.08)) / 2);
    assert.equal(s.verdict, 'better');
    assert.equal(s.moreSamplesPerArm, undefined);
  });

  it('the direction of the metric decides better or worse: the same rise is worse for a latency', () => {
    assert.equal(decide(reference, level, { direction: 'lower', thresholdPercent: 5, confidence: 0.95 }).verdict, 'worse');
    assert.equal(decide(level, reference, { direction: 'lower', thresholdPercent: 5, confidence: 0.95 }).verdict, 'better');
    assert.equal(decide(level, reference, { direction: 'higher', thresholdPercent: 5, confidence: 0.95 }).verdict, 'worse');
  });

  it('a higher confidence widens the interval: 5 vs 5 at 99 % is the full range [0.06, 0.50] (1 − 2/252 = 0.992)', () => {
    const s = decide(reference, level, { direction: 'higher', thresholdPercent: 5, confidence: 0.99 });
    close(s.ciLowPercent, pct(0.06));
    close(s.ciHighPercent, pct(0.5));
    close(s.confidence, 1 - 2 / 252, 1e-12);
    assert.equal(s.verdict, 'better');
  });

  it('samples that cannot reach the confidence decide nothing: 3 vs 3 reaches 90 %, so at 95 % even complete separation is undecided', () => {
    const s = decide(fromLogs([0, 0.01, 0.02]), fromLogs([0.5, 0.6, 0.7]), { direction: 'higher', thresholdPercent: 5, confidence: 0.95 });
    close(s.confidence, 0.9, 1e-12);
    close(s.p, 0.1, 1e-12);
    assert.equal(s.verdict, 'undecided');
    assert.match(s.reason ?? '', /3 vs 3 samples reach 90% at most, not the 95%/);
    assert.ok(s.moreSamplesPerArm !== undefined && s.moreSamplesPerArm !== null && s.moreSamplesPerArm >= 1);
  });

  it('equivalent when the interval lies inside ±threshold: 10 vs 10 within ±1 %', () => {
    const logs = [-0.01, -0.008, -0.005, -0.002, 0, 0.001, 0.003, 0.006, 0.008, 0.01];
    const s = decide(fromLogs(logs), fromLogs(logs.map((x) => x + 0.002)), { direction: 'higher', thresholdPercent: 5, confidence: 0.95 });
    assert.equal(s.verdict, 'equivalent');
    assert.ok(s.ciLowPercent! > -5 && s.ciHighPercent! < 5);
    close(s.estimatePercent, pct(0.002), 1e-9);
  });

  it('an interval that excludes 0 with an estimate inside the threshold is undecided, not better', () => {
    // estimate +3 %, interval [+1 %, +6 %]: real but maybe smaller than the threshold, and not shown to be inside it.
    assert.equal(verdictOf(Math.log(1.03), Math.log(1.01), Math.log(1.06), 5, 'higher'), 'undecided');
    assert.equal(verdictOf(Math.log(1.06), Math.log(1.01), Math.log(1.12), 5, 'higher'), 'better');
    assert.equal(verdictOf(Math.log(1.03), Math.log(0.99), Math.log(1.049), 5, 'higher'), 'equivalent');
    assert.equal(verdictOf(Math.log(0.93), Math.log(0.9), Math.log(0.97), 5, 'higher'), 'worse');
  });

  it('undecided says how many more samples per arm would decide it: the half-width shrinks like 1/√n', () => {
    // 5 vs 5 with overlapping groups: estimate ≈ +10 %, interval too wide to exclude 0.
    const s = decide(fromLogs([0, 0.1, 0.2, 0.3, 0.4]), fromLogs([0.1, 0.2, 0.3, 0.4, 0.5]), { direction: 'higher', thresholdPercent: 5, confidence: 0.95 });
    assert.equal(s.verdict, 'undecided');
    close(s.estimatePercent, pct(0.1));
    close(s.ciLowPercent, pct(-0.2));
    close(s.ciHighPercent, pct(0.4));
    // half-width 0.3 must shrink below |estimate| 0.1: 9 × the information, 45 per arm, 40 more.
    assert.equal(s.moreSamplesPerArm, 40);
  });

  it('invalid when a side has no valid sample, or a value a ratio cannot use, with the reason', () => {
    const options = { direction: 'higher' as const, thresholdPercent: 5, confidence: 0.95 };
    const empty = decide([], [1, 2, 3], options);
    assert.equal(empty.verdict, 'invalid');
    assert.match(empty.reason!, /no valid samples on the reference side/);
    assert.equal(empty.estimatePercent, null);
    assert.equal(empty.nLevel, 3);
    const nan = decide([1, 2], [Number.NaN], options);
    assert.equal(nan.verdict, 'invalid');
    assert.match(nan.reason!, /level side \(1 given, none finite\)/);
    const negative = decide([-1, 1], [1, 2], options);
    assert.equal(negative.verdict, 'invalid');
    assert.match(negative.reason!, /reference side has a value < 0 \(-1\)/);
    // 0 in every sample on both sides (drops, retransmits): no ratio, but exactly no change
    const none = decide([0, 0, 0], [0, 0], options);
    assert.equal(none.verdict, 'equivalent');
    assert.equal(none.estimatePercent, 0);
    assert.match(none.reason!, /0 in every sample on both sides/);
    assert.notEqual(decide([0, 0], [0, 1], options).absolute, undefined, 'a zero on one side only: the absolute scale (decide-absolute.test.ts)');
    // non-finite samples are dropped, the rest still count
    assert.equal(decide([...reference, Number.NaN], level, options).nReference, 5);
  });

  it('refuses a threshold or confidence outside its range', () => {
    assert.throws(() => decide([1], [1], { direction: 'higher', thresholdPercent: 0, confidence: 0.95 }), /thresholdPercent/);
    assert.throws(() => decide([1], [1], { direction: 'higher', thresholdPercent: 5, confidence: 1 }), /confidence/);
  });

  it('computeP: false leaves p out (simulations), the verdict is the same', () => {
    const s = decide(reference, level, { direction: 'higher', thresholdPercent: 5, confidence: 0.95, computeP: false });
    assert.equal(s.p, null);
    assert.equal(s.verdict, 'better');
  });

  it('adjustFamily: Holm over the family, invalid members stay null', () => {
    const family = adjustFamily([{ p: 0.01, pAdjusted: 0.01 }, { p: 0.04, pAdjusted: 0.04 }, { p: null, pAdjusted: null }, { p: 0.03, pAdjusted: 0.03 }]);
    assert.deepEqual(family.map((s) => s.pAdjusted), [0.03, 0.06, null, 0.06]);
  });

  it('large groups (27 vs 27) use the normal approximation at the level asked for', () => {
    const ref = Array.from({ length: 27 }, (_, i) => Math.exp(i / 100));
    const lvl = Array.from({ length: 27 }, (_, i) => Math.exp(i / 100 + 0.5));
    const s = decide(ref, lvl, { direction: 'higher', thresholdPercent: 5, confidence: 0.99 });
    assert.ok(Math.abs(s.confidence - 0.99) < 0.003, `confidence ${s.confidence}`);
    close(s.estimatePercent, pct(0.5), 1e-9);
    assert.equal(s.verdict, 'better');
  });
});
