// Pure: link kinds side by side on the same workload and knobs — throughput, packet rate, CPU per Gbit/s and the
// ratio of each kind to loopback (the upper bound) and to veth. Printed after a run and included in --json.
import type { PointResult, RunResults } from '../../results/schema.ts';
import { median } from '../../stats/median.ts';
import { formatNumber, ratioText } from '../../metrics/format.ts';
import { METRICS, type MetricName } from '../../metrics/registry.ts';
import { fitTable } from './fit-table.ts';

export interface LinkComparisonRow {
  /** Workload label and knob values: the rows that share it are compared with each other. */
  case: string;
  link: string;
  status: 'measured' | 'skipped' | 'failed' | 'not run';
  /** Why it was skipped or failed (the first sample's reason). */
  reason?: string;
  /** Medians over the point's ok samples. */
  throughputBps?: number;
  /** UDP only: datagrams delivered per second. */
  pps?: number;
  /** iperf3's CPU % of the client plus the server process, per Gbit/s delivered (median over samples). */
  cpuPercentPerGbps?: number;
  /** Median throughput ÷ the same case's loopback (upper bound) and veth medians. */
  vsLoopback?: number;
  vsVeth?: number;
}

function caseOf(point: PointResult): string {
  const knobs = Object.entries(point.requested).map(([k, v]) => `${k}=${v}`);
  return [point.workload.label, ...knobs].join(' ');
}

function cpuPerGbps(point: PointResult): number | undefined {
  const values = point.samples.flatMap((s) => {
    const m = s.status === 'ok' ? s.metrics : undefined;
    if (!m?.throughputBps || m.cpuHostPercent === undefined || m.cpuRemotePercent === undefined) return [];
    return [(m.cpuHostPercent + m.cpuRemotePercent) / (m.throughputBps / 1e9)];
  });
  return values.length ? median(values.sort((a, b) => a - b)) : undefined;
}

function rowOf(point: PointResult): LinkComparisonRow {
  const row: LinkComparisonRow = { case: caseOf(point), link: point.link, status: 'not run' };
  const throughput = point.summary.throughputBps?.median;
  if (throughput !== undefined) {
    const pps = point.summary.pps?.median;
    const cpu = cpuPerGbps(point);
    return { ...row, status: 'measured', throughputBps: throughput, ...(pps !== undefined ? { pps } : {}), ...(cpu !== undefined ? { cpuPercentPerGbps: cpu } : {}) };
  }
  const notOk = point.samples.find((s) => s.status === 'skipped') ?? point.samples.find((s) => s.status === 'failed');
  if (!notOk) return row;
  return { ...row, status: notOk.status === 'skipped' ? 'skipped' : 'failed', ...(notOk.reason ? { reason: notOk.reason } : {}) };
}

/** One row per point, grouped by case in the order cases first appear; ratios only between measured points. */
export function compareLinkKinds(points: readonly PointResult[]): LinkComparisonRow[] {
  const rows = points.map(rowOf);
  const reference = (c: string, link: string): number | undefined => rows.find((r) => r.case === c && r.link === link)?.throughputBps;
  const cases = [...new Set(rows.map((r) => r.case))];
  return cases.flatMap((c) => rows.filter((r) => r.case === c).map((r) => {
    if (r.throughputBps === undefined) return r;
    const loopback = reference(c, 'loopback');
    const veth = reference(c, 'veth');
    return { ...r, ...(loopback ? { vsLoopback: r.throughputBps / loopback } : {}), ...(veth ? { vsVeth: r.throughputBps / veth } : {}) };
  }));
}

/** True when the run measured more than one link kind: then the comparison is worth printing. */
export function comparesLinks(results: RunResults): boolean {
  return new Set(results.points.map((p) => p.link)).size > 1;
}

/** A metric's value in the display unit its column names (three significant digits: small-packet rates keep theirs). */
function cell(value: number | undefined, name: MetricName): string {
  return value === undefined ? '–' : formatNumber(value, METRICS[name].unit);
}

function ratio(value: number | undefined): string {
  return value === undefined ? '–' : ratioText(value);
}

export function linkComparisonTable(results: RunResults, color = false, width = Number.POSITIVE_INFINITY): string {
  const rows = compareLinkKinds(results.points);
  const head = ['workload', 'link', 'Gbit/s', 'Mpps', 'CPU %/Gbit/s', '× loopback', '× veth', 'note'];
  const cells: string[][] = [];
  for (const r of rows) {
    cells.push([
      r.case, r.link, cell(r.throughputBps, 'throughputBps'), cell(r.pps, 'pps'),
      cell(r.cpuPercentPerGbps, 'cpuPercentPerGbps'), ratio(r.vsLoopback), ratio(r.vsVeth), r.status === 'measured' ? '' : r.status,
    ]);
  }
  // Each reason once per link, below the table, rather than repeated in every row of a kind the host lacks.
  const reasons = [...new Set(rows.filter((r) => r.reason).map((r) => `  ${r.link} ${r.status}: ${r.reason}`))];
  const paths = (results.scenario.topology.links ?? []).map((l) => `  ${l.link}: ${l.path}`);
  return [
    fitTable(head, cells, { color, width }),
    'medians of the ok samples; × loopback / × veth divide Gbit/s by the same workload\'s loopback / veth median; CPU is iperf3\'s client + server process %',
    ...(reasons.length ? ['not measured:', ...reasons] : []),
    ...(paths.length ? ['what each link measures:', ...paths] : []),
  ].join('\n');
}
