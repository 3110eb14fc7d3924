// The shift of src/stats/decide.ts as a zod schema, the one source of its shape: effects within a run and a run
// against its baseline carry it (comparison JSON, results.json effects). `Shift` in decide.ts is derived from it.
import { z } from 'zod';
import { VERDICTS } from './verdict.ts';

/** The verdict enum (src/stats/verdict.ts) as a schema: built from VERDICTS, so the union and the schema are one list. */
export const verdictSchema = z.enum(VERDICTS);

const count = z.int().min(0);

export const shiftSchema = z.object({
  estimatePercent: z.number().nullable().describe('level vs reference, in percent: 100·(e^HL − 1). null when invalid, or when decided on the absolute scale (see absolute).'),
  ciLowPercent: z.number().nullable(),
  ciHighPercent: z.number().nullable(),
  confidence: z.number().describe("The interval's real confidence (exact for small groups); below the level asked for when the samples cannot reach it."),
  p: z.number().nullable().describe('Two-sided Mann-Whitney p. null when invalid (or not computed, see DecideOptions.computeP).'),
  pAdjusted: z.number().nullable().describe("p after the family's correction (adjustFamily); equal to p for a family of one."),
  nReference: count,
  nLevel: count,
  smallestDetectablePercent: z.number().nullable().describe('Half-width of the interval in percent: the smallest effect these samples could show. null when invalid.'),
  verdict: verdictSchema,
  moreSamplesPerArm: z.number().nullable().optional()
    .describe('Undecided: about how many more samples per arm would decide it at this confidence (null: cannot tell, e.g. the estimate sits on the threshold).'),
  reason: z.string().optional().describe('Why invalid, or why undecided when the samples cannot reach the confidence.'),
  absolute: z.object({ estimate: z.number(), ciLow: z.number(), ciHigh: z.number(), unit: z.string(), tolerance: z.number() }).optional()
    .describe('An absolute shift (level − reference, in the metric\'s unit) for counts with zeros on one side, where a ratio has no meaning.'),
});
