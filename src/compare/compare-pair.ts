// Pure: BASE vs NEW. Match points by key, decide every directional metric with the one two-arm decision
// (src/stats/decide.ts), give verdicts, and say what differs between the runs. The gating metrics × matched points
// are one family of size m: each gating CI is at 1 − alpha/m and Holm adjusts their p-values; the warning about
// points that cannot reach a decision uses the same family. Other metrics are descriptive, at 1 − alpha.
import { byMetricOrder, metricSpec } from '../metrics/registry.ts';
import type { PointResult, RunResults } from '../results/schema.ts';
import { adjustFamily, decide } from '../stats/decide.ts';
import { hostBusyReason } from '../stats/interference.ts';
import { factDifferences } from './facts.ts';
import { chooseGates, type GateChoice } from './gates.ts';
import { failedSamples, reportedMetrics, sideStats } from './metric-values.ts';
import { pointRef, runRef } from './run-ref.ts';
import { metricVerdict, pointVerdict } from './verdict.ts';
import { VERDICT_SEVERITY, type ComparisonSettings, type MetricComparison, type PairComparison, type PointComparison, type SideStats, type Verdict } from './types.ts';
import { confidenceText } from '../stats/confidence-text.ts';

export interface LoadedRun {
  file: string;
  results: RunResults;
}

interface Measured {
  metric: string;
  base: SideStats;
  new: SideStats;
}

/** The metrics both sides measured, in registry order, that have a direction. */
function measured(base: PointResult, next: PointResult): Measured[] {
  return [...new Set([...reportedMetrics(base), ...reportedMetrics(next)])].sort(byMetricOrder).flatMap((metric) => {
    const spec = metricSpec(metric);
    if (!spec || spec.direction === 'none') return [];
    const a = sideStats(base, metric);
    const b = sideStats(next, metric);
    return a && b ? [{ metric, base: a, new: b }] : [];
  });
}

function severityOrder(a: PointComparison, b: PointComparison): number {
  return VERDICT_SEVERITY.indexOf(a.verdict) - VERDICT_SEVERITY.indexOf(b.verdict) || a.label.localeCompare(b.label);
}

/** Warnings about what the comparison cannot see: gating metrics these samples cannot decide, unfinished runs, unknown metrics. */
function comparisonWarnings(base: LoadedRun, next: LoadedRun, matched: [PointResult, PointResult][], points: PointComparison[], family: PairComparison['family'], gates: GateChoice): string[] {
  const warnings: string[] = gates.difference ? [gates.difference] : [];
  for (const run of [base, next]) {
    if (run.results.run.status !== 'complete') warnings.push(`${run.file}: the run is ${run.results.run.status}${run.results.run.reason ? ` (${run.results.run.reason})` : ''}; some points may have fewer samples`);
  }
  const blind = points.filter((p) => p.metrics.some((m) => m.gates && m.shift.verdict !== 'invalid' && m.shift.confidence < family.confidence - 1e-12));
  if (blind.length) {
    const n = blind[0]!.metrics.find((m) => m.gates)!;
    warnings.push(`${blind.length} of ${points.length} point(s) cannot reach a decision: their sample counts (e.g. ${n.base.n} vs ${n.new.n}) cannot give the ${confidenceText(family.confidence)} CI that ${family.size} gating comparison(s) need (alpha ${(100 * (1 - family.confidence) * family.size).toFixed(0)}% over the family); run more repetitions (vethbench run --until-decided adds them)`);
  }
  const unknown = [...new Set(matched.flatMap(([a, b]) => [...reportedMetrics(a), ...reportedMetrics(b)]).filter((m) => !metricSpec(m)))];
  if (unknown.length) warnings.push(`not compared: ${unknown.join(', ')} (not in the metric registry, src/metrics/registry.ts)`);
  return warnings;
}

export function comparePair(base: LoadedRun, next: LoadedRun, settings: ComparisonSettings): PairComparison {
  const newByKey = new Map(next.results.points.map((p) => [p.key, p]));
  const baseKeys = new Set(base.results.points.map((p) => p.key));
  const matched = base.results.points.flatMap((p): [PointResult, PointResult][] => (newByKey.has(p.key) ? [[p, newByKey.get(p.key)!]] : []));
  const gateChoice = chooseGates(settings.gate, base.results, next.results);
  const gates = new Set<string>(gateChoice.metrics);

  const perPoint = matched.map(([a, b]) => measured(a, b));
  const size = perPoint.flat().filter((m) => gates.has(m.metric)).length;
  const gatingConfidence = 1 - settings.alpha / Math.max(1, size);

  const decided = perPoint.map((list) => list.map((m) => {
    const spec = metricSpec(m.metric)!;
    const gating = gates.has(m.metric);
    const shift = decide(m.base.values, m.new.values, {
      direction: spec.direction as 'higher' | 'lower', thresholdPercent: settings.thresholdPercent, confidence: gating ? gatingConfidence : 1 - settings.alpha, unit: spec.unit,
    });
    return { ...m, spec, gating, shift };
  }));
  // Holm over the gating family, so the p-values shown are those of the family the CI level is corrected for.
  const family = decided.flat().filter((m) => m.gating);
  const adjusted = adjustFamily(family.map((m) => m.shift));
  family.forEach((m, i) => { m.shift = { ...m.shift, pAdjusted: adjusted[i]!.pAdjusted }; });

  const points = matched.map(([a, b], i): PointComparison => {
    const failed = failedSamples(a) + failedSamples(b);
    // Too few clean samples on a side: the host was busy, which gates like a failure (invalid), never as a verdict.
    const busy = ([[base, a], [next, b]] as const).map(([run, p]) => { const why = hostBusyReason(p.samples, run.results.host?.cpu.cores); return why && `${run.file}: ${why}`; }).find(Boolean);
    const metrics = decided[i]!.map((m): MetricComparison => {
      const scale = Math.abs(m.base.median);
      const valid = m.shift.estimatePercent !== null;
      return {
        metric: m.metric, label: m.spec.label, unit: m.spec.unit, direction: m.spec.direction as 'higher' | 'lower', gates: m.gating,
        base: m.base, new: m.new,
        deltaPercent: valid ? m.shift.estimatePercent : scale === 0 ? null : ((m.new.median - m.base.median) / scale) * 100,
        deltaCi: valid ? { lowPercent: m.shift.ciLowPercent!, highPercent: m.shift.ciHighPercent!, confidence: m.shift.confidence } : null,
        shift: m.shift, pAdjusted: m.shift.pAdjusted,
        noisy: Math.max(m.base.cv, m.new.cv) > settings.noisyCv,
        ...(busy ? { verdict: 'invalid' as const, reason: busy } : metricVerdict(m.shift, failed, settings)),
      };
    });
    // With every sample contaminated no metric is left to carry the reason: the point says it itself.
    return { ...pointRef(b), ...(busy ? { verdict: 'invalid' as const, reason: busy } : pointVerdict(metrics)), metrics };
  });

  const counts = Object.fromEntries(VERDICT_SEVERITY.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const p of points) counts[p.verdict]++;
  const familyInfo = { size, confidence: gatingConfidence, metrics: [...new Set(family.map((m) => m.metric))].sort(byMetricOrder), source: gateChoice.source };
  return {
    base: runRef(base.file, base.results),
    new: runRef(next.file, next.results),
    points: points.sort(severityOrder),
    onlyInBase: base.results.points.filter((p) => !newByKey.has(p.key)).map(pointRef),
    onlyInNew: next.results.points.filter((p) => !baseKeys.has(p.key)).map(pointRef),
    family: familyInfo,
    factDifferences: factDifferences(base.results, next.results),
    warnings: comparisonWarnings(base, next, matched, points, familyInfo, gateChoice),
    counts,
  };
}
