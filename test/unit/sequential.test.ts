import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clopperPearsonUpper } from '../../src/stats/binomial.ts';
import { advance, interimShift, looksUpTo, planSequential, pocockBoundary, START } from '../../src/stats/sequential.ts';

const fromLogs = (logs: number[]) => logs.map(Math.exp);
const ramp = (n: number, offset: number) => fromLogs(Array.from({ length: n }, (_, i) => offset + i / 100));

describe('sequential plan: looks and the calibrated level', () => {
  it('the planned looks up to the maximum, which becomes the last look', () => {
    assert.deepEqual(looksUpTo(60), [5, 8, 12, 18, 27, 40, 60]);
    assert.deepEqual(looksUpTo(30), [5, 8, 12, 18, 27, 30]);
    assert.deepEqual(looksUpTo(5), [5]);
    assert.throws(() => looksUpTo(4), /--max-repetitions must be an integer ≥ 5/);
  });

  it('one look is a plain two-sided test: the boundary is z(0.975) = 1.96', () => {
    assert.ok(Math.abs(pocockBoundary([5], 0.05) - 1.96) < 0.01, `${pocockBoundary([5], 0.05)}`);
  });

  it('seven looks need a stricter level per look (Pocock: α′ ≈ 0.011 for m = 1), and α′ shrinks slowly with m', () => {
    const one = planSequential({ familySize: 1, thresholdPercent: 5 });
    assert.ok(one.alphaPrime > 0.009 && one.alphaPrime < 0.013, `α′ ${one.alphaPrime}`);
    assert.equal(one.levelAtLook, 1 - one.alphaPrime);
    const four = planSequential({ familySize: 4, thresholdPercent: 5 });
    assert.ok(four.alphaPrime < one.alphaPrime && four.alphaPrime > 0.008, `α′ ${four.alphaPrime}`);
    assert.ok(Math.abs(four.levelAtLook - (1 - four.alphaPrime / 4)) < 1e-15);
    assert.deepEqual(planSequential({ familySize: 1, thresholdPercent: 5 }), one, 'seeded: the same plan every time');
    assert.throws(() => planSequential({ familySize: 0, thresholdPercent: 5 }), /family size/);
  });
});

describe('sequential rule: looks, finality, the maximum', () => {
  const plan = planSequential({ familySize: 1, thresholdPercent: 5 });

  it('before the first look nothing happens', () => {
    assert.deepEqual(advance(plan, START, { reference: ramp(4, 0), level: ramp(4, 0.5) }, 'higher'), START);
  });

  it('a clear effect is decided at the first look (5 vs 5 reaches 99.2 % ≥ the look level) and the decision is final', () => {
    const decided = advance(plan, START, { reference: ramp(5, 0), level: ramp(5, 0.5) }, 'higher');
    assert.equal(decided.nextLook, 1);
    assert.equal(decided.final?.verdict, 'better');
    assert.equal(decided.final?.nLevel, 5);
    // more data that would say otherwise changes nothing
    const later = advance(plan, decided, { reference: ramp(12, 0.5), level: ramp(12, 0) }, 'higher');
    assert.equal(later, decided);
  });

  it('with m = 4 the level (99.75 %) is out of reach at 5 vs 5: the first decision comes at the second look (n = 8)', () => {
    const four = planSequential({ familySize: 4, thresholdPercent: 5 });
    const p = advance(four, START, { reference: ramp(8, 0), level: ramp(8, 0.5) }, 'higher');
    assert.equal(p.nextLook, 2);
    assert.equal(p.final?.verdict, 'better');
    assert.equal(p.final?.nReference, 8);
  });

  it('a look uses exactly its first n rounds; after a resume with more data the missed looks are taken in order', () => {
    // Rounds 1–5 separate clearly, later rounds would not: the look at n = 5 decides.
    const reference = [...ramp(5, 0), ...ramp(7, 0.5)];
    const level = [...ramp(5, 0.5), ...ramp(7, 0)];
    const p = advance(plan, START, { reference, level }, 'higher');
    assert.equal(p.nextLook, 1);
    assert.equal(p.final?.nReference, 5);
  });

  it('undecided at the last look is final, with about how many more samples per arm would decide it', () => {
    const short = planSequential({ familySize: 1, thresholdPercent: 5, maxRepetitions: 8 });
    const overlap = { reference: fromLogs([0, 0.3, 0.1, 0.2, 0.4, 0.05, 0.25, 0.35]), level: fromLogs([0.1, 0.35, 0.2, 0.3, 0.45, 0.15, 0.4, 0.25]) };
    const p = advance(short, START, overlap, 'higher');
    assert.equal(p.nextLook, 2);
    assert.equal(p.final?.verdict, 'undecided');
    assert.ok((p.final?.moreSamplesPerArm ?? 0) > 0, JSON.stringify(p.final));
  });

  it('stopped between looks (budget), the interim shift stays undecided and counts the rounds to the next look', () => {
    const wide = { reference: fromLogs([0, 0.1, 0.2, 0.3, 0.4, 0.5]), level: fromLogs([0.05, 0.15, 0.25, 0.35, 0.45, 0.55]) };
    const p = advance(plan, START, wide, 'higher');
    assert.equal(p.nextLook, 1);
    assert.equal(p.final, undefined);
    const interim = interimShift(plan, p, wide, 'higher');
    assert.equal(interim.verdict, 'undecided');
    assert.ok((interim.moreSamplesPerArm ?? 0) >= 2, JSON.stringify(interim));
  });
});

describe('Clopper-Pearson upper bound', () => {
  it('0 of 1000 → 1 − 0.025^(1/1000) ≈ 0.00368; 50 of 1000 ≈ 0.0653 (the textbook values)', () => {
    assert.ok(Math.abs(clopperPearsonUpper(0, 1000) - (1 - 0.025 ** (1 / 1000))) < 1e-9);
    assert.ok(Math.abs(clopperPearsonUpper(50, 1000) - 0.0653) < 0.0005, `${clopperPearsonUpper(50, 1000)}`);
    assert.equal(clopperPearsonUpper(3, 3), 1);
  });
});
