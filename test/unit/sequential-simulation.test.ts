// The sequential rule's error rates, measured by resampling REAL captured iperf3 samples
// (test/fixtures/results/gro-tso-off-40: 80 TCP samples over veth on the shared 2-vCPU VM, see its README).
// Each simulated sweep draws every point's samples from the pool of their log-residuals, takes the looks exactly
// as `run --until-decided` does and counts the verdicts. Figures are printed; docs/statistics.md quotes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clopperPearsonUpper } from '../../src/stats/binomial.ts';
import { planSequential } from '../../src/stats/sequential.ts';
import { logResiduals, rescalePool, simulateSweeps, type SimulatedEffect } from '../../src/stats/simulate-sweeps.ts';

interface FixturePoint { label: string; samples: { status: string; metrics?: { throughputBps?: number } }[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/results/gro-tso-off-40/results.json', import.meta.url), 'utf8')) as { points: FixturePoint[] };
const groups = fixture.points.map((p) => p.samples.flatMap((s) => (s.status === 'ok' && s.metrics?.throughputBps ? [s.metrics.throughputBps] : [])));
const pool = logResiduals(groups);
const sd = (xs: Float64Array) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / (xs.length - 1));

const SWEEPS = 2000;
const ONE: SimulatedEffect[] = [{ reference: 0, level: 1 }];
// gro.ts for TCP: points (gro, tso) = 0 (off,on) 1 (on,on) 2 (off,off) 3 (on,off); four simple effects sharing points.
const GRO_BY_TSO: SimulatedEffect[] = [{ reference: 0, level: 1 }, { reference: 2, level: 3 }, { reference: 0, level: 2 }, { reference: 1, level: 3 }];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

describe('sequential rule on real samples (≥ 1,000 simulated sweeps each)', () => {
  it('the pool: 80 real samples, their log-residuals', () => {
    assert.equal(pool.length, 80);
    console.log(`pool: ${pool.length} log-residuals of real iperf3 TCP samples, sd ${sd(pool).toFixed(3)} (≈ CV)`);
  });

  for (const [name, effects, points] of [['one effect (m = 1)', ONE, 2], ['gro × tso, four simple effects (m = 4)', GRO_BY_TSO, 4]] as const) {
    it(`A/A, ${name}: the Clopper-Pearson upper bound of the share of sweeps with any false better/worse ≤ 6.5 %`, () => {
      const plan = planSequential({ familySize: effects.length, thresholdPercent: 5 });
      const started = Date.now();
      const out = simulateSweeps({ pool, pointShifts: Array(points).fill(0), effects, plan, direction: 'higher', sweeps: SWEEPS, seed: 20261201 + effects.length });
      const upper = clopperPearsonUpper(out.anyBetterOrWorse, SWEEPS);
      console.log(`A/A ${name}: α′ = ${plan.alphaPrime.toFixed(4)}, level per look ${pct(plan.levelAtLook)}; `
        + `${out.anyBetterOrWorse}/${SWEEPS} sweeps with a false better/worse = ${pct(out.anyBetterOrWorse / SWEEPS)} (95 % CP upper ${pct(upper)}); `
        + `effect 1: ${JSON.stringify(out.verdicts[0])}; mean rounds ${(out.roundsTotal / SWEEPS).toFixed(1)}; ${Date.now() - started} ms`);
      assert.ok(upper <= 0.065, `upper bound ${upper}`);
    });
  }

  it('why looks: re-testing at 95 % after every round (n = 5 … 60) calls far more A/A effects better or worse', () => {
    const plan = planSequential({ familySize: 1, thresholdPercent: 5 });
    const everyRound = { ...plan, looks: Array.from({ length: 56 }, (_, i) => i + 5), levelAtLook: 0.95 };
    const out = simulateSweeps({ pool, pointShifts: [0, 0], effects: ONE, plan: everyRound, direction: 'higher', sweeps: 500, seed: 99 });
    console.log(`A/A, re-tested at 95 % after every round: ${pct(out.anyBetterOrWorse / 500)} of 500 sweeps with a false better/worse`);
    assert.ok(out.anyBetterOrWorse / 500 > 0.1, `${out.anyBetterOrWorse}/500`);
  });

  it('a 10 % effect at CV 15 % (the real pool rescaled) is correctly called better in ≥ 80 % within the maximum (m = 1)', () => {
    const scaled = rescalePool(pool, 0.15);
    const plan = planSequential({ familySize: 1, thresholdPercent: 5 });
    const started = Date.now();
    const out = simulateSweeps({ pool: scaled, pointShifts: [0, Math.log(1.1)], effects: ONE, plan, direction: 'higher', sweeps: SWEEPS, seed: 7 });
    const better = out.verdicts[0]!.better / SWEEPS;
    console.log(`+10 % at CV 15 %, m = 1: better ${pct(better)}, worse ${out.verdicts[0]!.worse}, ${JSON.stringify(out.verdicts[0])}; mean rounds per arm ${(out.roundsTotal / SWEEPS).toFixed(1)}; ${Date.now() - started} ms`);
    assert.ok(better >= 0.8, `better in ${better}`);
    // Calling a real +10 % "worse" (the wrong sign) is bounded by α′/2 per look family: rare, not impossible.
    assert.ok(out.verdicts[0]!.worse / SWEEPS <= 0.005, `worse in ${out.verdicts[0]!.worse}`);
  });

  it('the same effect inside gro × tso (m = 4, the other three A/A): the price of a bigger family, printed', () => {
    const scaled = rescalePool(pool, 0.15);
    const plan = planSequential({ familySize: 4, thresholdPercent: 5 });
    const out = simulateSweeps({ pool: scaled, pointShifts: [0, Math.log(1.1), 0, 0], effects: GRO_BY_TSO, plan, direction: 'higher', sweeps: 1000, seed: 8 });
    const better = out.verdicts[0]!.better / 1000;
    console.log(`+10 % at CV 15 %, m = 4: better ${pct(better)}; ${JSON.stringify(out.verdicts[0])}`);
    assert.ok(out.verdicts[0]!.worse <= 5);
    assert.ok(better >= 0.6, `better in ${better}`);
  });
});
