// Sampling until decided (docs/statistics.md): repeated confidence intervals at planned looks.
// At each look (n = 5, 8, 12, 18, 27, 40, 60 per arm) every undecided effect is judged by decide() at the level
// 1 − α′/m, m = the family size fixed from the plan before sampling. α′ is calibrated by simulation so that the
// chance of any false better/worse over the whole sweep (all m effects, all looks) stays ≤ 5 %: re-testing after
// every round at 95 % would call about one A/A effect in five better or worse. A decision is final; an effect
// still undecided at the last look ends undecided with about how many more samples per arm would decide it.
//
// Calibration: under "no effect" the look-by-look statistics of a rank interval behave like a Gaussian random
// walk observed at the looks (correlation √(n_i/n_j) between looks), whatever the distribution of the samples.
// So the per-look level is the Pocock-style constant c with P(max over looks |Z| > c) = 0.05/m, found by a seeded
// simulation of that walk (deterministic, cached). The threshold is ignored there (as if it were 0): the rule then
// holds for every threshold. Small looks are exact rank intervals whose attainable levels are discrete, always at
// least the level asked for; m effects are joined by Bonferroni. Both only make the real rate lower — the tests
// measure it by resampling real captured iperf3 samples (docs/statistics.md has the figures).
import { mulberry32 } from './random.ts';
import { decide, decideLogs, type DecideOptions, type Shift } from './decide.ts';
import { normalUpperTail } from './normal.ts';
import type { BetterDirection } from './verdict.ts';

/** Samples per arm at which effects are judged. */
export const PLANNED_LOOKS: readonly number[] = [5, 8, 12, 18, 27, 40, 60];
export const DEFAULT_MAX_REPETITIONS = 60;
export const FAMILY_ERROR_RATE = 0.05;

export interface SequentialPlan {
  /** Samples per arm at each look, ascending; the last is the maximum. */
  looks: number[];
  /** m: effects × gating metrics, fixed before sampling. */
  familySize: number;
  /** α′: the per-look level is 1 − α′/m. */
  alphaPrime: number;
  /** 1 − α′/m. */
  levelAtLook: number;
  thresholdPercent: number;
  /** The chance of any false better/worse the calibration aimed at (0.05). */
  familyErrorRate: number;
}

/** The planned looks up to `maxRepetitions`, which becomes the last look when it is not one already. */
export function looksUpTo(maxRepetitions: number): number[] {
  if (!Number.isInteger(maxRepetitions) || maxRepetitions < PLANNED_LOOKS[0]!) {
    throw new Error(`--max-repetitions must be an integer ≥ ${PLANNED_LOOKS[0]} (the first look), got ${maxRepetitions}`);
  }
  const looks = PLANNED_LOOKS.filter((n) => n <= maxRepetitions);
  if (looks.at(-1) !== maxRepetitions) looks.push(maxRepetitions);
  return looks;
}

const SIMULATED_WALKS = 400_000;
const boundaryCache = new Map<string, number>();

/**
 * c such that a Gaussian walk observed at `looks` crosses ±c (standardised) at some look with probability
 * `errorRate`. Seeded, so the same plan always gets the same level.
 */
export function pocockBoundary(looks: readonly number[], errorRate: number): number {
  const key = `${looks.join(',')}|${errorRate}`;
  const cached = boundaryCache.get(key);
  if (cached !== undefined) return cached;
  const uniform = mulberry32(0x5e9ce1);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const maxima = new Float64Array(SIMULATED_WALKS);
  for (let w = 0; w < SIMULATED_WALKS; w++) {
    let sum = 0;
    let previous = 0;
    let max = 0;
    for (const n of looks) {
      sum += gaussian() * Math.sqrt(n - previous);
      previous = n;
      max = Math.max(max, Math.abs(sum) / Math.sqrt(n));
    }
    maxima[w] = max;
  }
  maxima.sort();
  const c = maxima[Math.min(SIMULATED_WALKS - 1, Math.ceil((1 - errorRate) * SIMULATED_WALKS))]!;
  boundaryCache.set(key, c);
  return c;
}

export interface PlanOptions {
  familySize: number;
  thresholdPercent: number;
  maxRepetitions?: number;
  familyErrorRate?: number;
}

export function planSequential(options: PlanOptions): SequentialPlan {
  const { familySize, thresholdPercent } = options;
  if (!Number.isInteger(familySize) || familySize < 1) throw new Error(`the family size must be a positive integer, got ${familySize}`);
  const familyErrorRate = options.familyErrorRate ?? FAMILY_ERROR_RATE;
  const looks = looksUpTo(options.maxRepetitions ?? DEFAULT_MAX_REPETITIONS);
  const c = pocockBoundary(looks, familyErrorRate / familySize);
  const perLook = 2 * normalUpperTail(c); // = α′/m
  return { looks, familySize, alphaPrime: perLook * familySize, levelAtLook: 1 - perLook, thresholdPercent, familyErrorRate };
}

/** Where one effect stands: the next look to take, and its decision once final. */
export interface EffectProgress {
  /** Index into plan.looks of the next look; plan.looks.length once the last was taken. */
  nextLook: number;
  /** The shift at the look that decided it (or at the last look, undecided); absent while sampling goes on. */
  final?: Shift;
}

export const START: EffectProgress = { nextLook: 0 };

export interface PairedSamples {
  /** Values of the two points in the rounds where both were measured (valid), round by round. */
  reference: readonly number[];
  level: readonly number[];
}

/**
 * Takes every look the paired samples have reached (several at once after a resume with more data), each on
 * exactly the first looks[i] rounds, and stops at the first decision. Pure: returns the new progress.
 */
/** `unit`: the metric's stored unit, which names an absolute shift (a count with zeros on one side). */
export function advance(plan: SequentialPlan, progress: EffectProgress, samples: PairedSamples, direction: BetterDirection, computeP = true, unit?: string): EffectProgress {
  if (progress.final) return progress;
  const paired = Math.min(samples.reference.length, samples.level.length);
  const options: DecideOptions = { direction, thresholdPercent: plan.thresholdPercent, confidence: plan.levelAtLook, computeP, ...(unit === undefined ? {} : { unit }) };
  let next = progress.nextLook;
  while (next < plan.looks.length && paired >= plan.looks[next]!) {
    const n = plan.looks[next]!;
    const shift = decide(samples.reference.slice(0, n), samples.level.slice(0, n), options);
    next++;
    if (shift.verdict !== 'undecided' || next === plan.looks.length) return { nextLook: next, final: shift };
  }
  return { nextLook: next };
}

/** advance() on logged samples (the simulations): the same rule without re-taking logarithms. */
export function advanceLogs(plan: SequentialPlan, progress: EffectProgress, refLogs: Float64Array, lvlLogs: Float64Array, direction: BetterDirection): EffectProgress {
  if (progress.final) return progress;
  const paired = Math.min(refLogs.length, lvlLogs.length);
  const options: DecideOptions = { direction, thresholdPercent: plan.thresholdPercent, confidence: plan.levelAtLook, computeP: false };
  let next = progress.nextLook;
  while (next < plan.looks.length && paired >= plan.looks[next]!) {
    const n = plan.looks[next]!;
    const shift = decideLogs(refLogs.subarray(0, n), lvlLogs.subarray(0, n), options);
    next++;
    if (shift.verdict !== 'undecided' || next === plan.looks.length) return { nextLook: next, final: shift };
  }
  return { nextLook: next };
}

/**
 * What to report for an effect sampling stopped on before its last look (budget): the interval over all paired
 * samples at the look level, undecided — a verdict comes only from a look.
 */
export function interimShift(plan: SequentialPlan, progress: EffectProgress, samples: PairedSamples, direction: BetterDirection, unit?: string): Shift {
  if (progress.final) return progress.final;
  const shift = decide(samples.reference, samples.level, { direction, thresholdPercent: plan.thresholdPercent, confidence: plan.levelAtLook, ...(unit === undefined ? {} : { unit }) });
  if (shift.verdict === 'invalid') return shift;
  const nextLook = plan.looks[progress.nextLook];
  const paired = Math.min(samples.reference.length, samples.level.length);
  // Nothing is decided before the next look, whatever the projection says.
  const toNextLook = nextLook === undefined ? 0 : nextLook - paired;
  const projected = shift.verdict === 'undecided' ? shift.moreSamplesPerArm : toNextLook;
  const reason = nextLook === undefined ? shift.reason : `sampling stopped at ${paired} per arm, before the look at ${nextLook}`;
  return { ...shift, verdict: 'undecided', ...(reason ? { reason } : {}), moreSamplesPerArm: projected === null || projected === undefined ? null : Math.max(projected, toNextLook) };
}
