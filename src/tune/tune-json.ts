// `vethbench tune --json` as a zod schema with its pure builder: the recommendation (knobs, why), its confirmation
// against the host's defaults (an effect of results.json, or null with the reason), the contenders, and how to apply
// it. Built from the run's results.json, so a stored tune run gives the same document again.
import { z } from 'zod';
import { effectSchema, runResultsSchema, type RunResults } from '../results/schema.ts';
import { applyLineSchema, tuneCandidateSchema, tuneRecordSchema } from '../results/tune-schema.ts';

/** Version of the `tune --json` document; bump it when a field changes meaning or goes away. */
export const TUNE_JSON_SCHEMA_VERSION = 1;

const text = z.string();
const record = tuneRecordSchema.shape;

export const tuneJsonSchema = z.object({
  schemaVersion: z.literal(TUNE_JSON_SCHEMA_VERSION),
  scenario: runResultsSchema.shape.scenario.shape.name,
  resultsFile: text,
  objective: record.objective,
  recommended: z.object({
    pointId: text,
    label: text.describe('"host defaults" when the defaults won.'),
    knobs: tuneCandidateSchema.shape.knobs,
    nonDefaultKnobs: z.array(text),
    why: text,
  }),
  confirmation: effectSchema.nullable().describe('The recommendation against the host defaults in fresh rounds; null when there is none (see confirmationNote).'),
  confirmationNote: text.nullable(),
  contenders: z.array(z.object({ pointId: text, label: text })).describe('Candidates not decided worse than the leader (a tie when more than one).'),
  noDifference: record.noDifference,
  raceStopped: record.raceStopped,
  applyLines: z.array(applyLineSchema),
  samples: record.samples,
});

export type TuneJson = z.output<typeof tuneJsonSchema>;

/** undefined when the run holds no tune record (the race never started). */
export function tuneJson(results: RunResults, runDir: string): TuneJson | undefined {
  const tune = results.tune;
  if (!tune) return undefined;
  const confirmation = results.effects?.find((e) => e.id === tune.confirmationEffect);
  const recommended = tune.candidates.find((c) => c.pointId === tune.recommended);
  return {
    schemaVersion: TUNE_JSON_SCHEMA_VERSION, scenario: results.scenario.name, resultsFile: `${runDir}/results.json`,
    objective: tune.objective,
    recommended: { pointId: tune.recommended, label: recommended?.label ?? 'host defaults', knobs: recommended?.knobs ?? tune.defaults.knobs, nonDefaultKnobs: recommended?.nonDefaultKnobs ?? [], why: tune.recommendedWhy },
    confirmation: confirmation ?? null, confirmationNote: tune.confirmationNote ?? null,
    contenders: tune.contenders.map((id) => ({ pointId: id, label: tune.candidates.find((c) => c.pointId === id)?.label ?? id })),
    noDifference: tune.noDifference, raceStopped: tune.raceStopped, applyLines: tune.applyLines, samples: tune.samples,
  };
}
