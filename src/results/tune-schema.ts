// The search record `vethbench tune` adds to results.json (field `tune`): the objective, the space, every candidate
// with when and why it was dropped, the race look by look, the recommendation and how to apply it. The samples stay
// in the run's points (this record names their point ids and rounds); the winner's confirmation against the host's
// defaults is an ordinary effect in results.effects, named here by its id.
import { z } from 'zod';

const text = z.string();
const count = z.int().min(0);
const knobSettings = z.record(text, z.union([text, z.number()]));

const dropSchema = z.object({
  /** Index into `sequential.looks`, and the rounds per candidate that look used. */
  look: count,
  n: count,
  /** Point id of the leader it lost to ("" when it had no valid sample at all). */
  leader: text,
  why: text,
  /** The candidate's shift against the leader at that look, in percent, with the interval's real confidence. */
  estimatePercent: z.number().optional(),
  ciLowPercent: z.number().optional(),
  ciHighPercent: z.number().optional(),
  confidence: z.number().optional(),
});

export const tuneCandidateSchema = z.object({
  pointId: text,
  label: text,
  knobs: knobSettings,
  /** Knobs not at their kernel default: the tie-break (fewest wins). */
  nonDefaultKnobs: z.array(text),
  /** Race rounds measured (valid objective values). */
  raceSamples: count,
  status: z.enum(['leader', 'contender', 'dropped']),
  dropped: dropSchema.optional(),
});

export const tuneLookSchema = z.object({
  look: count,
  n: count,
  leader: text,
  /** Median of the objective over the first n rounds, per remaining candidate (point id). */
  medians: z.record(text, z.number()),
  /** Each other remaining candidate's verdict against the leader. */
  verdicts: z.record(text, text),
});

export const applyLineSchema = z.object({
  knob: text,
  value: z.union([text, z.number()]),
  command: text,
  persistent: z.array(z.object({ form: text, reachesContainers: z.boolean(), note: text.optional() })),
  cniTuning: z.record(text, z.unknown()).optional(),
});

export const tuneRecordSchema = z.object({
  objective: z.object({ metric: text, direction: z.enum(['higher', 'lower']), workload: text, link: text }),
  thresholdPercent: z.number(),
  /** The planned looks and the level each candidate-vs-leader decision was taken at (m = candidates − 1). */
  sequential: z.object({ looks: z.array(count), familySize: count, levelAtLook: z.number() }),
  space: z.object({ points: count, candidates: count, seed: z.number(), sampledNote: text.optional() }),
  candidates: z.array(tuneCandidateSchema),
  looks: z.array(tuneLookSchema),
  /** Why the race ended (decided, tie, maximum, budget, interrupted). */
  raceStopped: text,
  /** Race rounds are repetitions [0, confirmFromRound); confirmation rounds start there. */
  confirmFromRound: count,
  leader: text.optional(),
  /** Point ids not decided worse than the leader (a tie when more than one). */
  contenders: z.array(text),
  recommended: text,
  recommendedWhy: text,
  noDifference: z.array(text),
  defaults: z.object({ pointId: text, label: text, knobs: knobSettings, inRace: z.boolean() }),
  /** Id of the effect in results.effects: the recommendation against the defaults in fresh rounds. */
  confirmationEffect: text.optional(),
  /** Why there is no confirmation (the defaults won, the budget ended). */
  confirmationNote: text.optional(),
  applyLines: z.array(applyLineSchema),
  samples: z.object({ race: count, confirmation: count, fullSweep: count }),
});

export type TuneRecord = z.infer<typeof tuneRecordSchema>;
export type TuneCandidateRecord = z.infer<typeof tuneCandidateSchema>;
export type StoredApplyLine = z.infer<typeof applyLineSchema>;
