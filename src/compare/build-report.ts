// Pure: loaded runs → the ComparisonReport (each further run against the first, plus the side-by-side view).
import { VERSION } from '../version.ts';
import { capacityView } from './capacity.ts';
import { comparePair, type LoadedRun } from './compare-pair.ts';
import { COMPARISON_SCHEMA_VERSION, type ComparisonReport, type ComparisonSettings } from './types.ts';

export function buildComparisonReport(runs: readonly LoadedRun[], settings: ComparisonSettings, now: Date): ComparisonReport {
  const [base, ...others] = runs;
  if (!base || others.length === 0) throw new Error('buildComparisonReport needs at least two runs');
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    tool: { name: 'vethbench', version: VERSION },
    generatedAt: now.toISOString(),
    settings,
    comparisons: others.map((next) => comparePair(base, next, settings)),
    capacity: capacityView(runs),
  };
}

/** Any point regressed in any comparison: what --fail-on-regression and the nightly gate on. */
export function anyRegression(report: ComparisonReport): boolean {
  return report.comparisons.some((c) => c.counts.regressed > 0);
}
