// The comparison of runs as data: every type here is derived from its zod schema (src/compare/comparison-schema.ts,
// which documents each field). `vethbench compare --json` prints a ComparisonReport; the terminal table, the
// markdown and the HTML comparison page (src/report/html) are renderings of it.
import type { z } from 'zod';
import type {
  capacityCellSchema, capacityMetricSchema, capacityRowSchema, capacityViewSchema, comparisonReportSchema, comparisonSettingsSchema,
  displayVerdictSchema, factDifferenceSchema, hostSummarySchema, metricComparisonSchema, pairComparisonSchema, pointComparisonSchema,
  pointRefSchema, runRefSchema, sideStatsSchema,
} from './comparison-schema.ts';
import type { Verdict as Decision } from '../stats/verdict.ts';

export { COMPARISON_SCHEMA_VERSION } from './comparison-schema.ts';

/** regressed | improved | no change | undecided | invalid: the decision in a comparison's words (see displayVerdictSchema). */
export type Verdict = z.infer<typeof displayVerdictSchema>;
export type ComparisonSettings = z.infer<typeof comparisonSettingsSchema>;
export type HostSummary = z.infer<typeof hostSummarySchema>;
export type RunRef = z.infer<typeof runRefSchema>;
export type PointRef = z.infer<typeof pointRefSchema>;
export type SideStats = z.infer<typeof sideStatsSchema>;
export type MetricComparison = z.infer<typeof metricComparisonSchema>;
export type PointComparison = z.infer<typeof pointComparisonSchema>;
export type FactDifference = z.infer<typeof factDifferenceSchema>;
export type PairComparison = z.infer<typeof pairComparisonSchema>;
export type CapacityMetric = z.infer<typeof capacityMetricSchema>;
export type CapacityCell = z.infer<typeof capacityCellSchema>;
export type CapacityRow = z.infer<typeof capacityRowSchema>;
export type CapacityView = z.infer<typeof capacityViewSchema>;
export type ComparisonReport = z.infer<typeof comparisonReportSchema>;

/** Most severe first: the order tables are sorted by. */
export const VERDICT_SEVERITY: readonly Verdict[] = ['regressed', 'invalid', 'undecided', 'improved', 'no change'];

const DISPLAY: Readonly<Record<Decision, Verdict>> = { better: 'improved', worse: 'regressed', equivalent: 'no change', undecided: 'undecided', invalid: 'invalid' };

export function displayVerdict(decision: Decision): Verdict {
  return DISPLAY[decision];
}
