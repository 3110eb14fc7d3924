// The nightly history index (history.jsonl): one NightRecord a line, one more after every night.
import { failedSamples, metricValues, reportedMetrics } from '../compare/metric-values.ts';
import type { PairComparison } from '../compare/types.ts';
import { InputError } from '../errors.ts';
import type { RunResults } from '../results/schema.ts';
import { metricSpec } from '../metrics/registry.ts';
import { summarize } from '../stats/summary.ts';
import { HISTORY_SCHEMA_VERSION, nightRecordSchema, type NightMetric, type NightOutcome, type NightPoint, type NightRecord } from '../results/nightly-schema.ts';
import { storedLines, storedRecord } from '../results/parse-stored.ts';

/** Pure: the points of a night as the history keeps them (medians and CIs of every directional metric). */
export function nightPoints(results: RunResults, comparison: PairComparison | undefined): NightPoint[] {
  return results.points.map((p) => {
    const metrics: Record<string, NightMetric> = {};
    for (const name of reportedMetrics(p)) {
      const info = metricSpec(name);
      const s = info && info.direction !== 'none' ? summarize(metricValues(p, name).values) : undefined;
      if (s) metrics[name] = { n: s.n, median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh };
    }
    const compared = comparison?.points.find((c) => c.key === p.key);
    const verdict = compared?.verdict;
    return { key: p.key, label: p.label, ...(verdict ? { verdict } : {}), ...(verdict === 'invalid' ? { reason: compared!.reason } : {}), metrics };
  });
}

/** A comparison point invalid because neighbours used the CPU (src/compare's reason "host busy (…)", per metric or point). */
export const HOST_BUSY = /(^|: )host busy\b/;

/** Pure: whether the night could not be judged because the host was busy (not a regression, not a pass). */
export function hostWasBusy(comparison: PairComparison | undefined): boolean {
  return !!comparison?.points.some((p) => p.verdict === 'invalid' && (HOST_BUSY.test(p.reason) || p.metrics.some((m) => m.verdict === 'invalid' && HOST_BUSY.test(m.reason))));
}

/** Pure: regressed beats invalid; invalid when any sample failed or the run did not complete. */
export function nightOutcome(results: RunResults, comparison: PairComparison | undefined): NightOutcome {
  if (comparison && comparison.counts.regressed > 0) return 'regressed';
  const failed = results.points.some((p) => failedSamples(p) > 0);
  if (failed || results.run.status !== 'complete' || (comparison && comparison.counts.invalid > 0)) return 'invalid';
  return 'pass';
}

const HISTORY_FIX = `each line of the history is one night's record of schemaVersion ${HISTORY_SCHEMA_VERSION}, as vethbench nightly writes it (remove or repair the line)`;

/** Pure. A torn last line (a crash mid-append) is skipped; any other bad line is an error naming the line. */
export function parseHistory(text: string, file: string): NightRecord[] {
  return storedLines(text, file, HISTORY_FIX, (data, where) => {
    const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (version !== HISTORY_SCHEMA_VERSION) {
      throw new InputError(`${where}: not a vethbench night record of schemaVersion ${HISTORY_SCHEMA_VERSION} (got ${JSON.stringify(version)}); use the history file vethbench nightly writes`);
    }
    return storedRecord(data, where, nightRecordSchema, HISTORY_FIX);
  });
}

/** The history with one more night, as text: the caller writes it atomically, after everything else of the night. */
export function historyWith(records: readonly NightRecord[], record: NightRecord): string {
  return [...records, record].map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** The newest night that passed: the reference when there is no baseline file. */
export function lastGoodNight(records: readonly NightRecord[]): NightRecord | undefined {
  return [...records].reverse().find((r) => r.outcome === 'pass');
}
