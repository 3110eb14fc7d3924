// The end-of-run tables of the latency, density and setup-cost workloads: one table per kind, medians over samples.
// The request/response, connect-rate, many-flows and packet-rate kinds get tables read from the metric registry.
import { capacityAnswers } from '../../results/density.ts';
import type { MetricName } from '../../metrics/registry.ts';
import type { PointResult } from '../../results/schema.ts';
import { fixed, gbps } from '../../metrics/format.ts';
import { fitTable } from './fit-table.ts';
import { registryTable } from './registry-table.ts';

export interface Cells {
  knobs: (p: PointResult) => string;
  samples: (p: PointResult) => string;
}

const med = (p: PointResult, m: MetricName): number | undefined => p.summary[m]?.median;

/** Colour on or off, and the width every table fits (the CLI's). */
interface Style { color: boolean; width: number }

function table(head: string[], rows: string[][], style: Style): string {
  return fitTable(head, rows, style);
}

function cpuCell(p: PointResult): string {
  return fixed(med(p, 'cpuBusyPercent'), 0);
}

function latencyTable(points: PointResult[], cells: Cells, style: Style): string {
  const loaded = points.some((p) => p.workload.tool === 'sockperf' && p.workload.underLoad);
  const head = ['latency (µs, half RTT)', 'knobs', 'samples', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean', 'host CPU %'];
  if (loaded) head.push('loaded p50', 'loaded p99', 'loaded p99.9', 'load Gbit/s');
  return table(head, points.map((p) => {
    const row = [p.label.split(' ')[0]!, cells.knobs(p), cells.samples(p),
      ...(['latencyP50Us', 'latencyP90Us', 'latencyP99Us', 'latencyP999Us', 'latencyMaxUs', 'latencyMeanUs'] as const).map((m) => fixed(med(p, m), 1)), cpuCell(p)];
    if (loaded) row.push(...(['loadedLatencyP50Us', 'loadedLatencyP99Us', 'loadedLatencyP999Us'] as const).map((m) => fixed(med(p, m), 1)), gbps(med(p, 'loadThroughputBps')));
    return row;
  }), style);
}

function densityTable(points: PointResult[], cells: Cells, style: Style): string {
  const target = points.some((p) => p.summary.targetBps);
  const head = ['density', 'knobs', 'samples', 'pairs', 'aggregate Gbit/s', 'per pair min/mean/max', 'fairness', 'host CPU %', 'Gbit/s per core'];
  if (target) head.push('pairs ≥95% of target');
  return table(head, points.map((p) => {
    const row = [p.label.split(' ')[0]!, cells.knobs(p), cells.samples(p), fixed(med(p, 'pairs'), 0), gbps(med(p, 'aggregateThroughputBps')),
      `${gbps(med(p, 'pairThroughputMinBps'))}/${gbps(med(p, 'pairThroughputMeanBps'))}/${gbps(med(p, 'pairThroughputMaxBps'))}`,
      fixed(med(p, 'fairnessIndex'), 3), cpuCell(p), fixed(med(p, 'gbpsPerCore'), 2)];
    if (target) row.push(med(p, 'pairsMeetingTarget') === undefined ? '–' : `${fixed(med(p, 'pairsMeetingTarget'), 0)}/${fixed(med(p, 'pairs'), 0)}`);
    return row;
  }), style);
}

function setupTable(points: PointResult[], cells: Cells, style: Style): string {
  const head = ['setup cost (ms)', 'knobs', 'samples', 'create mean', 'create p50', 'create p99', 'delete mean', 'delete p50', 'delete p99', 'cycle per pair', 'timed create+delete'];
  return table(head, points.map((p) => [p.label.split(' ')[0]!, cells.knobs(p), cells.samples(p),
    ...(['createMeanMs', 'createP50Ms', 'createP99Ms', 'deleteMeanMs', 'deleteP50Ms', 'deleteP99Ms', 'cyclePerPairMs'] as const).map((m) => fixed(med(p, m), 2)),
    `${fixed(med(p, 'createSamples'), 0)}+${fixed(med(p, 'deleteSamples'), 0)}`]), style);
}

/** "density-tcp-1G: largest N meeting 1.00 Gbit/s per pair: 8 (tried 1 ✓, 2 ✓, 4 ✓, 8 ✓, 16 ✗)". */
export function capacityLines(points: readonly PointResult[]): string[] {
  return capacityAnswers(points).map((a) => {
    const tried = a.tried.map((t) => `${t.pairs} ${t.met ? '✓' : '✗'}`).join(', ');
    const answer = a.largestPairs === undefined ? `none: already ${a.tried[0]?.pairs} pair(s) missed it` : String(a.largestPairs);
    return `${a.workload}: largest N with every pair at ≥95% of ${gbps(a.targetBps)} Gbit/s: ${answer} (tried ${tried})`;
  });
}

/** The kinds whose table is read from the registry, each with its heading and which points it holds. */
const REGISTRY_TABLES: readonly { heading: string; holds: (p: PointResult) => boolean }[] = [
  { heading: 'rr (TCP_RR)', holds: (p) => p.workload.tool === 'rr' && p.workload.protocol === 'tcp' },
  { heading: 'rr-udp (UDP_RR)', holds: (p) => p.workload.tool === 'rr' && p.workload.protocol === 'udp' },
  { heading: 'crr (connect rate)', holds: (p) => p.workload.tool === 'crr' },
  { heading: 'flows', holds: (p) => p.workload.tool === 'flows' },
  { heading: 'pps (packet rate)', holds: (p) => p.workload.tool === 'pps' },
];

/** The tables of every non-iperf3 workload present, then the capacity answers. */
export function workloadTables(points: readonly PointResult[], cells: Cells, color: boolean, width = Number.POSITIVE_INFINITY): string[] {
  const style = { color, width };
  const of = (tool: string): PointResult[] => points.filter((p) => p.workload.tool === tool);
  const out: string[] = [];
  if (of('sockperf').length) out.push(latencyTable(of('sockperf'), cells, style));
  if (of('density').length) out.push(densityTable(of('density'), cells, style));
  if (of('setup-cost').length) out.push(setupTable(of('setup-cost'), cells, style));
  for (const kind of REGISTRY_TABLES) {
    const held = points.filter(kind.holds);
    if (held.length) out.push(registryTable(kind.heading, held, cells, style));
  }
  const capacity = capacityLines(points);
  if (capacity.length) out.push(capacity.join('\n'));
  return out;
}
