// Flags + scenario defaults → the settings of one run (shared by run and plan, so plan shows what run does).
import type { RunSettings } from '../plan/expand.ts';
import type { Scenario } from '../scenario/scenario.ts';

export interface SweepFlags {
  quick?: boolean;
  repetitions?: number;
  warmup?: number;
  duration?: number;
  omit?: number;
  seed?: number;
  filter?: Record<string, string[]>;
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
