// Pure: loaded runs → the ComparisonReport (each further run against the first, plus the side-by-side view).
import { VERSION } from '../version.ts';
import { capacityView } from './capacity.ts';
import { comparePair, type LoadedRun } from './compare-pair.ts';
import { COMPARISON_SCHEMA_VERSION, type ComparisonReport, type ComparisonSettings, type PairComparison } from './types.ts';

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

export interface GateOptions {
  failOnRegression: boolean;
  failOnUndecided: boolean;
  /** A base point missing from the new run does not make the comparison unjudgeable. */
  allowMissing: boolean;
}

/** Why a comparison cannot be judged (exit 4): nothing or only part matched, or a gating metric invalid. */
export function cannotJudge(pair: PairComparison, allowMissing: boolean): string[] {
  const why: string[] = [];
  if (pair.points.length === 0) why.push(`${pair.new.file}: no point matches the base (${pair.onlyInBase.length} in base, ${pair.onlyInNew.length} in new): a renamed knob or workload? compare runs of the same scenario`);
  else if (pair.onlyInBase.length && !allowMissing) why.push(`${pair.new.file}: ${pair.onlyInBase.length} base point(s) missing from the new run (${pair.onlyInBase.map((p) => p.label).join(', ')}); --allow-missing judges the rest`);
  const invalid = pair.points.filter((p) => p.metrics.some((m) => m.gates && m.verdict === 'invalid') || p.metrics.every((m) => !m.gates));
  if (invalid.length) why.push(`${pair.new.file}: a gating metric is invalid at ${invalid.length} point(s): ${invalid.map((p) => `${p.label} (${p.reason})`).join('; ')}`);
  return why;
}

/**
 * The exit codes of a comparison (docs/compare-nightly-ci.md): 1 a regression (with --fail-on-regression), 4 cannot judge, 5 a gating
 * metric undecided (with --fail-on-undecided), else 0. With several files each is judged against the first and the
 * worst code wins, in this order: a regression is the surest answer, then "cannot judge", then "undecided".
 */
export function gateExitCode(report: ComparisonReport, options: GateOptions): { code: number; reasons: string[] } {
  const reasons = report.comparisons.flatMap((c) => cannotJudge(c, options.allowMissing));
  if (options.failOnRegression && anyRegression(report)) return { code: 1, reasons };
  if (reasons.length) return { code: 4, reasons };
  const undecided = report.comparisons.some((c) => c.points.some((p) => p.metrics.some((m) => m.gates && m.verdict === 'undecided')));
  if (options.failOnUndecided && undecided) return { code: 5, reasons: ['a gating metric is undecided (--fail-on-undecided)'] };
  return { code: 0, reasons };
}
