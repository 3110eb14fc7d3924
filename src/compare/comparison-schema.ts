// The comparison of runs as a zod schema: `vethbench compare --json` prints a ComparisonReport, the HTML comparison
// page embeds the same object, and every type of it (src/compare/types.ts) is derived from here. Units are in the
// field names or in `unit`; percentages are in percent (5 means 5 %); every interval is a 95% interval with its
// exact confidence. docs/comparison.schema.json is generated from this schema (src/compare/comparison-json-schema.ts).
import { z } from 'zod';
import { METRICS, type Unit } from '../metrics/registry.ts';
import { runResultsSchema } from '../results/schema.ts';
import { shiftSchema } from '../stats/shift-schema.ts';
import type { BetterDirection } from '../stats/verdict.ts';

/** Version 2: the ComparisonReport since the decision of src/stats/decide.ts (shift, family, quietness). */
export const COMPARISON_SCHEMA_VERSION = 2;

/**
 * The decision of src/stats/decide.ts (better | worse | equivalent | undecided | invalid) in the words of a
 * comparison of NEW against BASE:
 * - `regressed` / `improved`: the shift's CI (at 1 − alpha/m over the gating family) excludes 0 and the estimate is
 *   beyond ±threshold, in the metric's bad / good direction;
 * - `no change`: the CI lies inside ±threshold (equivalent);
 * - `undecided`: neither — the samples cannot tell; shown with the smallest change they could show;
 * - `invalid`: failed samples, or no valid sample on a side, with the reason.
 */
export const displayVerdictSchema = z.enum(['regressed', 'improved', 'no change', 'undecided', 'invalid']);

const text = z.string();
const count = z.int().min(0);

/** The registry's units (src/metrics/registry.ts), collected from its metrics: no second list to keep in step. */
const UNITS = [...new Set(Object.values(METRICS).map((m) => m.unit))] as [Unit, ...Unit[]];
const unitSchema = z.enum(UNITS);
/** A compared metric has a better direction (registry metrics with direction "none" are never compared). */
const directionSchema = z.enum(['higher', 'lower'] satisfies BetterDirection[]);

export const comparisonSettingsSchema = z.object({
  thresholdPercent: z.number().describe('|shift| must exceed this (in %) for regressed/improved; the CI inside ±threshold is "no change". Default 5.'),
  alpha: z.number().describe('Family-wise error rate of the gating family (gating metrics × matched points): each CI is at 1 − alpha/m. 0.05.'),
  noisyCv: z.number().describe('Coefficient of variation above which a side is flagged noisy (0.1 = 10 %): a flag, not a verdict.'),
  gate: z.array(text).readonly().optional().describe("The metrics that gate (decide a point's verdict and the exit code); absent: the registry's defaults."),
});

/** The host facts that tell machines apart, for headers (capacity planning: CPU model, cores, kernel). */
export const hostSummarySchema = z.object({
  hostname: text,
  cpuModel: text,
  cores: count.describe('Logical CPUs.'),
  kernel: text,
  os: text,
  memoryBytes: z.number().optional(),
  toolVersions: z.record(text, text),
});

/** How quiet the host was during a run, from its samples' interference records (src/compare/quietness.ts). */
export const hostQuietnessSchema = z.object({
  samples: count.describe('Measured (not warm-up) samples that ran: ok or failed.'),
  measured: count.describe('Of those, how many carry an interference record.'),
  contaminated: count.describe('Samples marked contaminated (kept, left out of summaries and verdicts).'),
  neighbourCoresMedian: z.number().optional().describe("Neighbours' CPU in cores over the measured samples; absent when none was measured."),
  neighbourCoresMax: z.number().optional(),
  stealCoresMax: z.number().optional(),
  otherRuns: z.array(text).describe('Other vethbench runs live during some sample.'),
});

/** One compared results file. */
export const runRefSchema = z.object({
  file: text.describe('The path as given on the command line.'),
  runId: text,
  scenario: text,
  startedAt: text,
  status: runResultsSchema.shape.run.shape.status,
  toolVersion: text,
  settings: z.object({ repetitions: count, warmupRepetitions: count, durationS: z.number(), omitS: z.number() }),
  host: hostSummarySchema.optional().describe('Absent when the run could not record host facts.'),
  quietness: hostQuietnessSchema.optional().describe('How quiet the host was, from the samples\' interference records (absent in reports written before it).'),
});

/** One point as identified across runs. */
export const pointRefSchema = z.object({
  key: text.describe('Link kind + knob values + workload: what runs are matched on.'),
  label: text,
  link: text,
  workload: text,
  requested: z.record(text, z.unknown()),
});

/** One side's samples of one metric at one point (successful, measured samples only). */
export const sideStatsSchema = z.object({
  n: count,
  failed: count.describe('Failed samples of this point on this side.'),
  median: z.number(),
  ciLow: z.number().describe('95% CI of the median (order statistics); its exact confidence is ciConfidence (below 0.95 for n ≤ 5).'),
  ciHigh: z.number(),
  ciConfidence: z.number(),
  cv: z.number().describe('Coefficient of variation (stddev / mean).'),
  outliers: z.array(z.number()).describe('Repetition numbers flagged by the modified Z-score (|M| > 3.5); they are still in every statistic.'),
  values: z.array(z.number()).describe('The values compared, in repetition order.'),
});

export const metricComparisonSchema = z.object({
  metric: text,
  label: text,
  unit: unitSchema,
  direction: directionSchema,
  gates: z.boolean().describe("Whether this metric decides the point's verdict and the exit code (the registry's default, or --gate)."),
  base: sideStatsSchema,
  new: sideStatsSchema,
  deltaPercent: z.number().nullable().describe('(new median − base median) / |base median| × 100; null when the base median is 0.'),
  deltaCi: z.object({ lowPercent: z.number(), highPercent: z.number(), confidence: z.number() }).nullable()
    .describe("95% CI of the shift new − base (Hodges-Lehmann estimate, Moses' distribution-free interval), in % of the base median; null when the base median is 0."),
  shift: shiftSchema.describe("The two-arm decision (src/stats/decide.ts): shift on log values, its CI at the family's level, p, verdict."),
  pAdjusted: z.number().nullable().describe('Holm-adjusted over the gating family of this comparison (the same family the CI level is corrected for).'),
  verdict: displayVerdictSchema,
  noisy: z.boolean().describe("A side's coefficient of variation is above noisyCv: a flag on the row, not a verdict."),
  reason: text.describe('Why, in words.'),
});

export const pointComparisonSchema = pointRefSchema.extend({
  verdict: displayVerdictSchema,
  decidingMetric: text.optional().describe("The metric whose verdict became the point's (the most severe gating metric); absent when none was compared."),
  reason: text,
  metrics: z.array(metricComparisonSchema),
});

/** A fact that differs between the two runs (host, kernel, tool versions, sysctls, scenario, settings). */
export const factDifferenceSchema = z.object({ fact: text, base: text, new: text });

/** One NEW file against the BASE file. */
export const pairComparisonSchema = z.object({
  base: runRefSchema,
  new: runRefSchema,
  points: z.array(pointComparisonSchema).describe('Matched points, most severe verdict first.'),
  onlyInBase: z.array(pointRefSchema),
  onlyInNew: z.array(pointRefSchema),
  family: z.object({ size: count, confidence: z.number(), metrics: z.array(text), source: text.optional() })
    .describe("The gating family: its size m, the confidence of each gating CI (1 − alpha/m), and where its metrics came from (--gate, the new run's scenario `gate: [...]`, or the registry's defaults)."),
  factDifferences: z.array(factDifferenceSchema),
  warnings: z.array(text),
  counts: z.record(displayVerdictSchema, count),
});

export const capacityMetricSchema = z.object({
  median: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  n: count,
  perCore: z.number().optional().describe("median ÷ the host's logical CPUs; absent when the run recorded no host facts."),
});

export const capacityCellSchema = z.object({ throughputBps: capacityMetricSchema.optional(), pps: capacityMetricSchema.optional() });

export const capacityRowSchema = z.object({
  key: text,
  label: text,
  cells: z.array(capacityCellSchema.nullable()).describe('One per run, in `capacity.runs` order; null when that run has no such point.'),
});

/** Every run side by side: which host, kernel or link kind carries how much, absolute and per core. */
export const capacityViewSchema = z.object({ runs: z.array(runRefSchema), rows: z.array(capacityRowSchema) });

/** What `vethbench compare --json` prints and the HTML comparison page embeds. */
export const comparisonReportSchema = z.object({
  schemaVersion: z.literal(COMPARISON_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('vethbench'), version: text }),
  generatedAt: text,
  settings: comparisonSettingsSchema,
  comparisons: z.array(pairComparisonSchema).describe('Each file after the first against the first (the base).'),
  capacity: capacityViewSchema,
});
