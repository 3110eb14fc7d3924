// Seeded simulation of whole sweeps under the sequential rule, for the tests and docs/statistics.md: each point
// draws its samples from a pool of real log-residuals (resampled with replacement) plus its true log shift, the
// effects take their looks exactly as a run does, and the outcome of every effect is counted. Pure.
import { mulberry32 } from './random.ts';
import { advanceLogs, START, type EffectProgress, type SequentialPlan } from './sequential.ts';
import type { BetterDirection, Verdict } from './verdict.ts';

export interface SimulatedEffect {
  reference: number;
  level: number;
}

export interface SweepSimulation {
  /** Log residuals of real samples around their point's centre. */
  pool: Float64Array;
  /** True log shift of each point (0 everywhere: A/A). */
  pointShifts: readonly number[];
  effects: readonly SimulatedEffect[];
  plan: SequentialPlan;
  direction: BetterDirection;
  sweeps: number;
  seed: number;
}

export interface SweepOutcome {
  sweeps: number;
  /** Sweeps in which at least one effect was called better or worse. */
  anyBetterOrWorse: number;
  /** verdicts[e][verdict]: how often effect e ended with that verdict. */
  verdicts: Record<Verdict, number>[];
  /** Samples per arm each sweep needed until every effect was final, summed (mean = / sweeps). */
  roundsTotal: number;
}

const emptyCounts = (): Record<Verdict, number> => ({ better: 0, worse: 0, equivalent: 0, undecided: 0, invalid: 0 });

export function simulateSweeps(spec: SweepSimulation): SweepOutcome {
  const { pool, pointShifts, effects, plan, direction } = spec;
  const random = mulberry32(spec.seed);
  const maxN = plan.looks.at(-1)!;
  const samples = pointShifts.map(() => new Float64Array(maxN));
  const outcome: SweepOutcome = { sweeps: spec.sweeps, anyBetterOrWorse: 0, verdicts: effects.map(emptyCounts), roundsTotal: 0 };
  for (let sweep = 0; sweep < spec.sweeps; sweep++) {
    samples.forEach((values, point) => {
      for (let i = 0; i < maxN; i++) values[i] = pool[Math.floor(random() * pool.length)]! + pointShifts[point]!;
    });
    const progress: EffectProgress[] = effects.map(() => START);
    let rounds = 0;
    for (const n of plan.looks) {
      if (progress.every((p) => p.final)) break;
      rounds = n;
      effects.forEach((e, i) => {
        progress[i] = advanceLogs(plan, progress[i]!, samples[e.reference]!.subarray(0, n), samples[e.level]!.subarray(0, n), direction);
      });
    }
    outcome.roundsTotal += rounds;
    let falseCall = false;
    progress.forEach((p, i) => {
      const verdict = p.final!.verdict;
      outcome.verdicts[i]![verdict]++;
      if (verdict === 'better' || verdict === 'worse') falseCall = true;
    });
    if (falseCall) outcome.anyBetterOrWorse++;
  }
  return outcome;
}

/** Log residuals of groups of real values around each group's median: the pool simulations draw from. */
export function logResiduals(groups: readonly (readonly number[])[]): Float64Array {
  const out: number[] = [];
  for (const group of groups) {
    const logs = group.filter((v) => Number.isFinite(v) && v > 0).map(Math.log).sort((a, b) => a - b);
    if (logs.length === 0) continue;
    const mid = logs.length >> 1;
    const centre = logs.length % 2 ? logs[mid]! : (logs[mid - 1]! + logs[mid]!) / 2;
    for (const l of logs) out.push(l - centre);
  }
  return Float64Array.from(out);
}

/** The pool rescaled so its standard deviation (≈ the CV of the raw values) is `cv`; its shape is kept. */
export function rescalePool(pool: Float64Array, cv: number): Float64Array {
  const mean = pool.reduce((a, b) => a + b, 0) / pool.length;
  const sd = Math.sqrt(pool.reduce((a, b) => a + (b - mean) ** 2, 0) / (pool.length - 1));
  return pool.map((x) => ((x - mean) * cv) / sd);
}
