// The racing rule's hit rate, measured by resampling REAL captured iperf3 samples
// (test/fixtures/results/gro-tso-off-40: 80 TCP samples over veth on the shared 2-vCPU VM, see its README), as
// test/unit/sequential-simulation.test.ts does for --until-decided. Each simulated race has 8 candidates; every
// candidate's samples are drawn from the pool of real log-residuals plus its true shift; the race takes its looks
// exactly as `vethbench tune` does (src/tune/race.ts on stats/decide + stats/sequential). Figures are printed;
// docs/tuning.md quotes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clopperPearsonUpper } from '../../src/stats/binomial.ts';
import { mulberry32 } from '../../src/stats/random.ts';
import { planSequential } from '../../src/stats/sequential.ts';
import { logResiduals } from '../../src/stats/simulate-sweeps.ts';
import { raceState, type CandidateSamples } from '../../src/tune/race.ts';
import { recommend } from '../../src/tune/recommend.ts';

interface FixturePoint { samples: { status: string; metrics?: { throughputBps?: number } }[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/results/gro-tso-off-40/results.json', import.meta.url), 'utf8')) as { points: FixturePoint[] };
const pool = logResiduals(fixture.points.map((p) => p.samples.flatMap((s) => (s.status === 'ok' && s.metrics?.throughputBps ? [s.metrics.throughputBps] : []))));
const sd = Math.sqrt(pool.reduce((a, x) => a + x * x, 0) / (pool.length - 1));

interface RaceSim { races: number; shifts: number[]; seed: number }

function simulate({ races, shifts, seed }: RaceSim) {
  const plan = planSequential({ familySize: shifts.length - 1, thresholdPercent: 5 });
  const max = plan.looks.at(-1)!;
  const random = mulberry32(seed);
  const picks = new Array<number>(shifts.length).fill(0);
  let samples = 0;
  let decided = 0;
  for (let race = 0; race < races; race++) {
    // Candidate order is shuffled per race, so the rule cannot profit from the best being first or last.
    const ids = shifts.map((_, i) => i).sort(() => random() - 0.5);
    const candidates: CandidateSamples[] = ids.map((i) => {
      const values = new Map<number, number>();
      for (let r = 0; r < max; r++) values.set(r, 1e10 * Math.exp(pool[Math.floor(random() * pool.length)]! + shifts[i]!));
      return { id: String(i), values, attempted: new Set(values.keys()) };
    });
    const state = raceState(candidates, plan, 'higher');
    // Every candidate costs the rounds it ran: up to the look that dropped it, else up to the race's last look.
    const lastN = state.looks.at(-1)!.n;
    samples += state.dropped.reduce((n, d) => n + d.n, 0) + state.remaining.length * lastN;
    if (state.remaining.length === 1) decided++;
    const { recommended } = recommend(state, candidates.map((c) => ({ id: c.id, knobs: {}, nonDefault: 1 })));
    picks[Number(recommended)]!++;
  }
  return { picks, samples, decided, fullSweep: races * shifts.length * max };
}

describe('tune: the racing rule on real samples', () => {
  it('in 200 races among 8 candidates, one 15 % better, the better one is picked in ≥ 90 %', () => {
    const shifts = [Math.log(1.15), 0, 0, 0, 0, 0, 0, 0];
    const started = Date.now();
    const out = simulate({ races: 200, shifts, seed: 20261201 });
    const hit = out.picks[0]! / 200;
    console.log(`pool: ${pool.length} real log-residuals, sd ${sd.toFixed(3)} (≈ CV); 200 races, 8 candidates, one +15 %: `
      + `picked ${out.picks[0]}/200 = ${(100 * hit).toFixed(1)} %, decided against all 7 others in ${out.decided}/200; `
      + `samples spent ${out.samples} = ${(100 * out.samples / out.fullSweep).toFixed(1)} % of a full sweep at 60 rounds (${out.fullSweep}); `
      + `mean ${(out.samples / 200).toFixed(0)} samples per race; ${Date.now() - started} ms`);
    assert.ok(hit >= 0.9, `picked in ${hit}`);
  });

  it('A/A: 8 equal candidates: no candidate is favoured (each picked ≤ 25 % of 200 races)', () => {
    const out = simulate({ races: 200, shifts: new Array(8).fill(0), seed: 7 });
    console.log(`A/A, 8 equal candidates: picks ${JSON.stringify(out.picks)}; decided (a single survivor) in ${out.decided}/200 `
      + `(95 % CP upper ${(100 * clopperPearsonUpper(out.decided, 200)).toFixed(1)} %); samples ${(100 * out.samples / out.fullSweep).toFixed(1)} % of a full sweep`);
    assert.ok(Math.max(...out.picks) <= 50, JSON.stringify(out.picks));
    // A single survivor among equals needs 7 false "worse" calls: the family rate keeps that rare.
    assert.ok(out.decided <= 10, `decided ${out.decided}`);
  });
});
