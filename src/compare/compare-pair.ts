// Pure: BASE vs NEW. Match points by key, test every directional metric (Mann-Whitney, Holm over the points per
// metric), give verdicts, and say what differs between the runs.
import type { RunResults, PointResult } from '../results/schema.ts';
import { holmAdjust } from '../stats/holm.ts';
import { mannWhitney, smallestPValue } from '../stats/mann-whitney.ts';
import { byMetricOrder, metricSpec } from '../metrics/registry.ts';
import { shiftCi } from '../stats/shift-ci.ts';
import { factDifferences } from './facts.ts';
import { failedSamples, reportedMetrics, sideStats } from './metric-values.ts';
import { pointRef, runRef } from './run-ref.ts';
import { metricVerdict, pointVerdict } from './verdict.ts';
import { VERDICT_SEVERITY, type ComparisonSettings, type MetricComparison, type PairComparison, type PointComparison, type Verdict } from './types.ts';

export interface LoadedRun {
  file: string;
  results: RunResults;
}

type Unadjusted = Omit<MetricComparison, 'pAdjusted' | 'verdict' | 'reason'>;

function compareMetric(base: PointResult, next: PointResult, metric: string): Unadjusted | undefined {
  const info = metricSpec(metric);
  if (!info || info.direction === 'none') return undefined;
  const a = sideStats(base, metric);
  const b = sideStats(next, metric);
  if (!a || !b) return undefined;
  const mw = mannWhitney(a.values, b.values);
  const scale = Math.abs(a.median);
  const shift = shiftCi(a.values, b.values);
  return {
    metric, label: info.label, unit: info.unit, direction: info.direction, gates: info.gates, base: a, new: b,
    deltaPercent: scale === 0 ? null : ((b.median - a.median) / scale) * 100,
    deltaCi: scale === 0 ? null : { lowPercent: (shift.low / scale) * 100, highPercent: (shift.high / scale) * 100, confidence: shift.confidence },
    mannWhitney: { u: mw.u, pValue: mw.pValue, method: mw.method },
  };
}

function severityOrder(a: PointComparison, b: PointComparison): number {
  return VERDICT_SEVERITY.indexOf(a.verdict) - VERDICT_SEVERITY.indexOf(b.verdict) || a.label.localeCompare(b.label);
}

/** Warnings about what the comparison cannot see: too few samples for significance, unfinished runs, unknown metrics. */
function comparisonWarnings(base: LoadedRun, next: LoadedRun, matched: [PointResult, PointResult][], settings: ComparisonSettings): string[] {
  const warnings: string[] = [];
  for (const run of [base, next]) {
    if (run.results.run.status !== 'complete') warnings.push(`${run.file}: the run is ${run.results.run.status}${run.results.run.reason ? ` (${run.results.run.reason})` : ''}; some points may have fewer samples`);
  }
  const blind = matched.filter(([a, b]) => {
    const smallest = smallestPValue(a.samples.filter((s) => s.status === 'ok').length || 1, b.samples.filter((s) => s.status === 'ok').length || 1);
    return smallest * matched.length >= settings.alpha;
  });
  if (blind.length) {
    warnings.push(`${blind.length} of ${matched.length} point(s) cannot show a significant change: with their sample counts and Holm over ${matched.length} point(s) even complete separation stays above p = ${settings.alpha}; run more repetitions (5 per point suffice for up to 6 points)`);
  }
  const unknown = [...new Set(matched.flatMap(([a, b]) => [...reportedMetrics(a), ...reportedMetrics(b)]).filter((m) => !metricSpec(m)))];
  if (unknown.length) warnings.push(`not compared: ${unknown.join(', ')} (no direction declared in src/stats/metrics.ts)`);
  return warnings;
}

export function comparePair(base: LoadedRun, next: LoadedRun, settings: ComparisonSettings): PairComparison {
  const newByKey = new Map(next.results.points.map((p) => [p.key, p]));
  const baseKeys = new Set(base.results.points.map((p) => p.key));
  const matched = base.results.points.flatMap((p): [PointResult, PointResult][] => (newByKey.has(p.key) ? [[p, newByKey.get(p.key)!]] : []));

  const raw = matched.map(([a, b]) => [...new Set([...reportedMetrics(a), ...reportedMetrics(b)])].sort(byMetricOrder)
    .map((m) => compareMetric(a, b, m)).filter((m) => m !== undefined));
  // Holm per metric, over the points of this comparison that have the metric.
  const adjusted = new Map<Unadjusted, number>();
  for (const metric of new Set(raw.flat().map((m) => m.metric))) {
    const family = raw.flat().filter((m) => m.metric === metric);
    holmAdjust(family.map((m) => m.mannWhitney.pValue)).forEach((p, i) => adjusted.set(family[i]!, p));
  }

  const points = matched.map(([a, b], i): PointComparison => {
    const failed = failedSamples(a) + failedSamples(b);
    const metrics = raw[i]!.map((m): MetricComparison => {
      const pAdjusted = adjusted.get(m)!;
      const v = metricVerdict({
        direction: m.direction, baseMedian: m.base.median, newMedian: m.new.median, deltaPercent: m.deltaPercent,
        pAdjusted, baseCv: m.base.cv, newCv: m.new.cv, failed,
      }, settings);
      return { ...m, pAdjusted, ...v };
    });
    return { ...pointRef(b), ...pointVerdict(metrics), metrics };
  });

  const counts = Object.fromEntries(VERDICT_SEVERITY.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const p of points) counts[p.verdict]++;
  return {
    base: runRef(base.file, base.results),
    new: runRef(next.file, next.results),
    points: points.sort(severityOrder),
    onlyInBase: base.results.points.filter((p) => !newByKey.has(p.key)).map(pointRef),
    onlyInNew: next.results.points.filter((p) => !baseKeys.has(p.key)).map(pointRef),
    factDifferences: factDifferences(base.results, next.results),
    warnings: comparisonWarnings(base, next, matched, settings),
    counts,
  };
}
