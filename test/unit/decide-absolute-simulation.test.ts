// The absolute-scale rule's error rates, measured by resampling REAL captured counts with zeros: TCP retransmits
// of test/fixtures/results (gro-tso-off-40: 80 samples, 26 of them 0; compare-small-shaped, ab-2026-12-01,
// kinds-2026-12-01, gro-quick, gro-until-decided: the other retransmit samples, with zeros). A/A draws both arms
// from one pool (with replacement) and counts false better/worse; the shifted case adds a known count to every
// sample of one arm and counts how often it is called worse. Every draw goes through decide() as compare calls it
// (a draw without a 0 takes the log path, as it would for real). The captured lostPackets and lossPercent samples
// have no zeros and every messagesDropped sample is 0 (0 vs 0: equivalent by definition), so retransmits are the
// real zero-inflated counts there are. Figures are printed; docs/statistics.md quotes them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clopperPearsonUpper } from '../../src/stats/binomial.ts';
import { decide } from '../../src/stats/decide.ts';
import { mulberry32 } from '../../src/stats/random.ts';

interface FixtureSample { status: string; metrics?: Record<string, number> }
interface FixturePoint { samples: FixtureSample[] }
function countsOf(file: string, metric: string): number[][] {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/results/${file}`, import.meta.url), 'utf8')) as { points: FixturePoint[] };
  return fixture.points.map((p) => p.samples.flatMap((s) => (s.status === 'ok' && s.metrics && Number.isFinite(s.metrics[metric]) ? [s.metrics[metric]!] : [])));
}

const groTsoOff = countsOf('gro-tso-off-40/results.json', 'retransmits');
const others = ['compare-small-shaped.json', 'ab-2026-12-01/capacity-a.json', 'ab-2026-12-01/capacity-b.json', 'kinds-2026-12-01/capacity.json', 'gro-quick/results.json', 'gro-until-decided/results.json']
  .flatMap((f) => countsOf(f, 'retransmits')).filter((point) => point.some((v) => v === 0));
const POOLS: [string, number[]][] = [
  ['gro-tso-off-40, gro off (40 samples)', groTsoOff[0]!],
  ['gro-tso-off-40, gro on (40 samples)', groTsoOff[1]!],
  ['every other captured point with a 0', others.flat()],
];

const RUNS = 2000;
const NOMINAL = 0.05; // two-sided: a 95 % interval that excludes a true 0 in either direction
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const zeros = (xs: readonly number[]) => xs.filter((v) => v === 0).length;

function draw(pool: readonly number[], n: number, random: () => number): number[] {
  return Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]!);
}

interface Tally { better: number; worse: number; equivalent: number; undecided: number; invalid: number; absolute: number }
function simulate(pool: readonly number[], n: number, add: number, seed: number): Tally {
  const random = mulberry32(seed);
  const t: Tally = { better: 0, worse: 0, equivalent: 0, undecided: 0, invalid: 0, absolute: 0 };
  for (let i = 0; i < RUNS; i++) {
    const shift = decide(draw(pool, n, random), draw(pool, n, random).map((v) => v + add), { direction: 'lower', thresholdPercent: 5, confidence: 0.95, unit: 'count', computeP: false });
    t[shift.verdict]++;
    if (shift.absolute) t.absolute++;
  }
  return t;
}

describe('absolute-scale decisions on real retransmit counts (2,000 resampled comparisons each)', () => {
  it('the pools hold real zeros', () => {
    for (const [name, pool] of POOLS) {
      console.log(`pool ${name}: ${pool.length} samples, ${zeros(pool)} zeros, median ${[...pool].sort((a, b) => a - b)[pool.length >> 1]}, max ${Math.max(...pool)}`);
      assert.ok(zeros(pool) >= 5, name);
    }
  });

  for (const [name, pool] of POOLS) {
    for (const n of [6, 10, 20]) {
      it(`A/A ${name}, ${n} vs ${n} at 95 %: false better/worse ≤ ${pct(NOMINAL)} (Clopper-Pearson upper bound)`, () => {
        const t = simulate(pool, n, 0, 1201 + n);
        const falses = t.better + t.worse;
        const upper = clopperPearsonUpper(falses, RUNS);
        console.log(`A/A ${name}, n ${n}: ${falses}/${RUNS} false better/worse = ${pct(falses / RUNS)} (95 % CP upper ${pct(upper)}); `
          + `${t.absolute} decided on the absolute scale; ${JSON.stringify(t)}`);
        assert.equal(t.invalid, 0, 'no count is invalid');
        assert.ok(upper <= NOMINAL, `upper bound ${upper}`);
      });
    }
  }

  it('power: +50 retransmits per sample on one arm (gro on pool, median 1) is called worse, rarely the wrong way', () => {
    const pool = POOLS[1]![1];
    for (const [n, needed] of [[10, 0], [20, 0.8]] as const) {
      const t = simulate(pool, n, 50, 77 + n);
      console.log(`+50 per sample, gro on pool, n ${n}: worse ${pct(t.worse / RUNS)}, better (wrong sign) ${t.better}, ${JSON.stringify(t)}`);
      assert.ok(t.worse / RUNS >= needed, `worse in ${t.worse}/${RUNS}`);
      assert.ok(t.better / RUNS <= 0.005, `wrong sign in ${t.better}`);
    }
  });

  it('+1 retransmit per sample on the gro on pool (mean ≈ 90): inside the 5 % tolerance, so mostly equivalent, rarely worse, never better', () => {
    const pool = POOLS[1]![1];
    const mean = pool.reduce((a, v) => a + v, 0) / pool.length;
    const t = simulate(pool, 20, 1, 5);
    console.log(`+1 per sample, gro on pool (mean ${mean.toFixed(1)}, tolerance ≈ ${(0.05 * (mean + 1)).toFixed(1)}), n 20: equivalent ${pct(t.equivalent / RUNS)}, worse ${pct(t.worse / RUNS)}, better ${t.better}, ${JSON.stringify(t)}`);
    assert.ok(t.worse / RUNS <= NOMINAL / 2, `worse in ${t.worse}`);
    assert.equal(t.better, 0);
  });
});
