// vethbench calibrate's rounds after the plan's own: a sample contaminated by neighbours does not count towards a
// configuration's noise, so its point is measured again in that round, up to MAX_REMEASURES times (as --until-decided
// does), the lowest round first. Stops when every configuration has a clean sample in every round, or is given up on.
import type { Plan } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import { firstUnsettledRound, roundTrials, type NextRound } from './decisions.ts';
import type { RoundSchedule } from './runner.ts';

export const calibrationSchedule: RoundSchedule = {
  next(plan: Plan, samples: readonly Sample[]): NextRound {
    const measured = samples.filter((s) => !s.warmup);
    const open = firstUnsettledRound(measured, plan.points.map((p) => p.id), 0, plan.settings.repetitions);
    if (open) {
      const firstIndex = samples.reduce((i, s) => Math.max(i, s.trial), plan.trials.length - 1) + 1;
      return { trials: roundTrials(plan.points, open.missing, open.round, plan.settings.seed, firstIndex) };
    }
    return { stop: 'every configuration has a clean sample in every round (or was measured again as often as allowed)' };
  },
};
