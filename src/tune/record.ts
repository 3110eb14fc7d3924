// The tuner's outcome as stored: the search record (src/results/tune-schema.ts) and the confirmation effect —
// the recommendation against the host's defaults in fresh interleaved rounds only (the race's own samples favour
// its winner), decided once at 95 % by stats/decide.ts. Pure.
import type { ApplyLine } from '../knobs/types.ts';
import type { Point } from '../plan/expand.ts';
import type { TuneRecord } from '../results/tune-schema.ts';
import { decide } from '../stats/decide.ts';
import type { Effect } from '../stats/effects.ts';
import type { SequentialPlan } from '../stats/sequential.ts';
import type { BetterDirection } from '../stats/verdict.ts';
import type { TuneSpace } from './candidates.ts';
import { nonDefaultKnobs } from './candidates.ts';
import type { CandidateSamples, RaceState } from './race.ts';
import type { Recommendation } from './recommend.ts';

export const CONFIRMATION_CONFIDENCE = 0.95;
export const CONFIRMATION_EFFECT_ID = 'tune-confirmation';

export interface TuneOutcomeInput {
  metric: string;
  direction: BetterDirection;
  thresholdPercent: number;
  seed: number;
  space: TuneSpace;
  sequential: SequentialPlan;
  race: RaceState;
  recommendation: Recommendation;
  raceStopped: string;
  confirmFrom: number;
  /** Race samples per candidate (rounds before confirmFrom). */
  raceSamples: readonly CandidateSamples[];
  /** Confirmation rounds (from confirmFrom, renumbered from 0) of the recommendation and the defaults. */
  confirmation: { recommended: CandidateSamples; defaults: CandidateSamples };
  applyLines: readonly ApplyLine[];
  maxRounds: number;
}

function confirmationEffect(input: TuneOutcomeInput, recommended: Point): Effect | undefined {
  const { recommended: rec, defaults } = input.confirmation;
  const rounds = [...rec.values.keys()].filter((r) => defaults.values.has(r)).sort((a, b) => a - b);
  if (rounds.length === 0) return undefined;
  const shift = decide(rounds.map((r) => defaults.values.get(r)!), rounds.map((r) => rec.values.get(r)!), { direction: input.direction, thresholdPercent: input.thresholdPercent, confidence: CONFIRMATION_CONFIDENCE });
  const w = recommended.workload;
  return {
    ...shift, id: CONFIRMATION_EFFECT_ID, metric: input.metric, dimension: 'tune', level: recommended.label, reference: input.space.defaults.label,
    conditions: { link: recommended.link, workload: `${w.tool}${'protocol' in w ? ` ${w.protocol}` : ''} ${w.label}`, knobs: {} }, kind: 'simple',
  };
}

export function tuneOutcome(input: TuneOutcomeInput): { record: TuneRecord; effects: Effect[] } {
  const { space, race, recommendation } = input;
  const byId = new Map([...space.candidates, space.defaults].map((p) => [p.id, p]));
  const recommended = byId.get(recommendation.recommended)!;
  const inRace = space.candidates.some((p) => p.id === space.defaults.id);
  const effect = recommendation.recommended === space.defaults.id ? undefined : confirmationEffect(input, recommended);
  const confirmationSamples = input.confirmation.recommended.values.size + input.confirmation.defaults.values.size;
  const record: TuneRecord = {
    objective: { metric: input.metric, direction: input.direction, workload: recommended.workload.label, link: recommended.link },
    thresholdPercent: input.thresholdPercent,
    sequential: { looks: [...input.sequential.looks], familySize: input.sequential.familySize, levelAtLook: input.sequential.levelAtLook },
    space: { points: space.spaceSize, candidates: space.candidates.length, seed: input.seed, ...(space.sampledNote ? { sampledNote: space.sampledNote } : {}) },
    candidates: space.candidates.map((p) => {
      const drop = race.dropped.find((d) => d.candidate === p.id);
      const samples = input.raceSamples.find((c) => c.id === p.id)?.values.size ?? 0;
      return {
        pointId: p.id, label: p.label, knobs: p.knobs, nonDefaultKnobs: nonDefaultKnobs(p.knobs), raceSamples: samples,
        status: drop ? 'dropped' as const : p.id === race.leader ? 'leader' as const : 'contender' as const,
        ...(drop ? { dropped: {
          look: drop.look, n: drop.n, leader: drop.leader, why: drop.why,
          ...(drop.shift && drop.shift.estimatePercent !== null ? { estimatePercent: drop.shift.estimatePercent, ciLowPercent: drop.shift.ciLowPercent!, ciHighPercent: drop.shift.ciHighPercent!, confidence: drop.shift.confidence } : {}),
        } } : {}),
      };
    }),
    looks: race.looks.map((l) => ({ ...l })),
    raceStopped: input.raceStopped,
    confirmFromRound: input.confirmFrom,
    ...(race.leader ? { leader: race.leader } : {}),
    contenders: recommendation.contenders,
    recommended: recommendation.recommended,
    recommendedWhy: recommendation.why,
    noDifference: recommendation.noDifference,
    defaults: { pointId: space.defaults.id, label: space.defaults.label, knobs: space.defaults.knobs, inRace },
    ...(effect ? { confirmationEffect: effect.id } : {
      confirmationNote: recommendation.recommended === space.defaults.id
        ? 'the host defaults are the recommendation: nothing to confirm, no setting to apply'
        : input.confirmation.recommended.attempted.size || input.confirmation.defaults.attempted.size
          ? `${Math.min(input.confirmation.recommended.attempted.size, input.confirmation.defaults.attempted.size)} confirmation round(s) ran, none with a valid ${input.metric} on both sides (the samples' reasons are in the points)`
          : 'no confirmation round was measured (the budget or an interruption ended sampling first)',
    }),
    applyLines: input.applyLines.map((l) => ({ ...l, persistent: [...l.persistent] })),
    samples: { race: input.raceSamples.reduce((n, c) => n + c.values.size, 0), confirmation: confirmationSamples, fullSweep: space.spaceSize * input.maxRounds },
  };
  return { record, effects: effect ? [effect] : [] };
}
