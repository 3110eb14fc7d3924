// Pure: the answer first — per workload (and link kind), the best setting for each headline metric and
// by how much it beats the worst, with a caveat when its error bar overlaps the runner-up's.
import type { PointResult } from '../../../results/schema.ts';
import { metricDisplay, metricText, ratioText } from '../../../metrics/format.ts';
import { METRICS, isMetricName, type MetricName } from '../../../metrics/registry.ts';
import { errorRange, pointView, summaryOf } from './report-data.ts';

interface VerdictMetric {
  name: string;
  higherIsBetter: boolean;
}

export interface VerdictLine {
  /** "tcp", "tcp on macvlan"; other metrics than throughput are named: "tcp, latency p99". */
  scope: string;
  best: string;
  bestValue: string;
  /** "4.2× gro=off tso=off (7.42 Gbit/s)", or why there is nothing to compare. */
  versus: string;
  /** Set when the best setting's error bar overlaps the runner-up's: not a clear winner. */
  caveat?: string;
}

export function verdictText(v: VerdictLine): string {
  return `${v.scope}: ${v.best}: ${v.bestValue}, ${v.versus}${v.caveat ? ` (${v.caveat})` : ''}`;
}

/** The registry's headline metrics the group reports; where goodput is measured it stands for the other rates. */
function headlineMetrics(points: readonly PointResult[]): VerdictMetric[] {
  const names = new Set(points.flatMap((p) => Object.keys(p.summary)));
  const isRate = (n: MetricName) => METRICS[n].unit === 'bit/s' || METRICS[n].unit === 'packets/s';
  return Object.keys(METRICS).filter(isMetricName)
    .filter((n) => names.has(n) && 'headline' in METRICS[n] && (n === 'throughputBps' || !names.has('throughputBps') || !isRate(n)))
    .map((name) => ({ name, higherIsBetter: METRICS[name].direction === 'higher' }));
}

/** Groups of points that are compared with each other: same workload, same link kind. */
function comparableGroups(points: readonly PointResult[]): { scope: string; points: PointResult[] }[] {
  const multiLink = new Set(points.map((p) => p.link)).size > 1;
  const groups = new Map<string, { scope: string; points: PointResult[] }>();
  for (const p of points) {
    const scope = multiLink ? `${p.workload.label} on ${p.link}` : p.workload.label;
    const group = groups.get(scope) ?? { scope, points: [] };
    group.points.push(p);
    groups.set(scope, group);
  }
  return [...groups.values()];
}

function lineFor(scope: string, metric: VerdictMetric, points: readonly PointResult[]): VerdictLine | undefined {
  const info = metricDisplay(metric.name);
  const ranked = points
    .map((p) => ({ setting: pointView(p).setting, summary: summaryOf(p, metric.name) }))
    .filter((r): r is { setting: string; summary: NonNullable<typeof r.summary> } => r.summary !== undefined)
    .sort((a, b) => (metric.higherIsBetter ? b.summary.median - a.summary.median : a.summary.median - b.summary.median));
  const [best, runnerUp] = ranked;
  const worst = ranked[ranked.length - 1];
  if (!best || !worst) return undefined;
  const named = metric.name === 'throughputBps' ? scope : `${scope}, ${info.label.toLowerCase()}`;
  const line: VerdictLine = { scope: named, best: best.setting, bestValue: metricText(best.summary.median, info), versus: 'the only setting measured' };
  if (!runnerUp || worst === best) return line;
  const [b, w] = [best.summary.median, worst.summary.median];
  const factor = metric.higherIsBetter ? b / w : w / b;
  const how = !Number.isFinite(factor) ? 'vs' : metric.higherIsBetter ? ratioText(factor) : `${ratioText(factor)} lower than`;
  line.versus = `${how} ${worst.setting} (${metricText(w, info)})`;
  const [bestBar, nextBar] = [errorRange(best.summary), errorRange(runnerUp.summary)];
  const overlaps = metric.higherIsBetter ? bestBar.lo <= nextBar.hi : bestBar.hi >= nextBar.lo;
  if (overlaps) line.caveat = `not clearly ahead of ${runnerUp.setting} (${metricText(runnerUp.summary.median, info)}): their ${bestBar.kind} ranges overlap`;
  return line;
}

export function verdictLines(points: readonly PointResult[]): VerdictLine[] {
  return comparableGroups(points).flatMap((g) => headlineMetrics(g.points).flatMap((m) => lineFor(g.scope, m, g.points) ?? []));
}
