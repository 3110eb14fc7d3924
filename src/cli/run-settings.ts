// Flags + scenario defaults → the settings of one run (shared by run and plan, so plan shows what run does).
import { InputError } from '../errors.ts';
import { expandPlan, type Plan, type RunSettings } from '../plan/expand.ts';
import { duration } from '../metrics/format.ts';
import type { Scenario } from '../scenario/scenario.ts';

export interface SweepFlags {
  quick?: boolean;
  repetitions?: number;
  warmup?: number;
  duration?: number;
  omit?: number;
  seed?: number;
  filter?: Record<string, string[]>;
  /** Refuse a sweep whose estimate is longer (seconds). */
  maxDuration?: number;
}

/** --quick is a smoke test: 1 s per sample, 1 repetition, no warm-up round, nothing omitted; explicit flags still win. */
export function runSettings(scenario: Scenario, flags: SweepFlags, seed: number): RunSettings {
  return {
    repetitions: flags.repetitions ?? (flags.quick ? 1 : scenario.repetitions),
    warmupRepetitions: flags.warmup ?? (flags.quick ? 0 : scenario.warmupRepetitions),
    durationS: flags.duration ?? (flags.quick ? 1 : scenario.durationS),
    omitS: flags.omit ?? (flags.quick ? 0 : scenario.omitS),
    seed: flags.seed ?? seed,
    filter: flags.filter ?? {},
  };
}

/** Expands the scenario and refuses, before anything is built, a sweep longer than --max-duration. */
export function planFromFlags(scenario: Scenario, flags: SweepFlags, seed: number): Plan {
  const plan = expandPlan(scenario, runSettings(scenario, flags, seed));
  if (flags.maxDuration !== undefined && plan.estimatedSeconds > flags.maxDuration) {
    throw new InputError(`--max-duration ${flags.maxDuration}: ${scenario.file} is estimated at ${duration(plan.estimatedSeconds)} (${plan.trials.length} trials); narrow it with --filter, fewer --repetitions or a shorter --duration, or raise --max-duration`);
  }
  return plan;
}
