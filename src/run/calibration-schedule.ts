// vethbench calibrate's rounds after the plan's own: a sample contaminated by neighbours does not count towards a
// configuration's noise, so its point is measured again in that round, up to MAX_REMEASURES times (as --until-decided
// does), the lowest round first. Stops when every configuration has a clean sample in every round, or is given up on.
import type { Plan } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import { roundSettled, roundTrials, type NextRound } from './decisions.ts';
import type { RoundSchedule } from './runner.ts';

export const calibrationSchedule: RoundSchedule = {
  next(plan: Plan, samples: readonly Sample[]): NextRound {
    const measured = samples.filter((s) => !s.warmup);
    for (let round = 0; round < plan.settings.repetitions; round++) {
      const missing = new Set(plan.points.filter((p) => !roundSettled(measured, p.id, round)).map((p) => p.id));
      if (!missing.size) continue;
      const firstIndex = samples.reduce((i, s) => Math.max(i, s.trial), plan.trials.length - 1) + 1;
      return { trials: roundTrials(plan.points, missing, round, plan.settings.seed, firstIndex) };
    }
    return { stop: 'every configuration has a clean sample in every round (or was measured again as often as allowed)' };
  },
};
