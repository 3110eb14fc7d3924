// The table printed at the end of a run (after the decision lines): one row per point, medians with their spread and
// the CI of the median labelled with its real confidence (n = 3 gives 75 %), contaminated samples and noisy points
// marked. Every table fits the width the CLI passes (the terminal's, 120 into a pipe).
import type { PointResult, RunResults, Sample } from '../../results/schema.ts';
import { formatNumber, formatRange } from '../../metrics/format.ts';
import { METRICS, type MetricName } from '../../metrics/registry.ts';
import { droppedNote, dropToFit, fitTable } from './fit-table.ts';
import { ciCell, contaminatedCount, noisyFlag } from './row-flags.ts';
import { comparesLinks } from './link-comparison.ts';
import { workloadTables } from './workload-tables.ts';

/** A stored value in the display unit of its metric (the column head names the unit); "–" when absent. */
function cell(value: number | undefined, name: MetricName): string {
  return value === undefined ? '–' : formatNumber(value, METRICS[name].unit);
}

function knobCell(point: PointResult): string {
  return Object.entries(point.requested).map(([knob, asked]) => {
    const got = point.effective[knob as keyof typeof point.effective];
    return got && got !== asked ? `${knob}=${asked}→${got}!` : `${knob}=${asked}`;
  }).join(' ') || '(defaults)';
}

function samplesCell(point: PointResult): string {
  const count = (status: Sample['status']): number => point.samples.filter((s) => s.status === status).length;
  const contaminated = contaminatedCount(point);
  const [ok, failed, skipped] = [count('ok') - contaminated, count('failed'), count('skipped')];
  const notOk = [contaminated ? `${contaminated} contaminated` : '', failed ? `${failed} failed` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean);
  return notOk.length ? `${ok}/${point.samples.length} (${notOk.join(', ')})` : `${ok}`;
}

/**
 * The iperf3 table (with Gbit/s per core once CPU was measured), then one table per other workload kind. The iperf3
 * table has no rules between rows and fits `width` (the CLI passes the terminal's, 120 into a pipe; unbounded by default).
 */
export function resultsTable(results: RunResults, color = false, width = Number.POSITIVE_INFINITY): string {
  const iperf3 = results.points.filter((p) => p.workload.tool === 'iperf3');
  const others = workloadTables(results.points, { knobs: knobCell, samples: samplesCell }, color, width);
  if (iperf3.length === 0 && others.length) return others.join('\n');
  const hasUdp = iperf3.some((p) => p.workload.tool === 'iperf3' && p.workload.protocol === 'udp');
  const hasCpu = iperf3.some((p) => p.summary.gbpsPerCore);
  const hasLinks = comparesLinks(results);
  const head = [...(hasLinks ? ['link'] : []), 'workload', 'knobs', 'samples', 'Gbit/s median', 'min–max', 'CI of median', 'retransmits', 'CPU % client/server'];
  if (hasCpu) head.push('host CPU %', 'Gbit/s per core');
  if (hasUdp) head.push('loss %', 'Mpps');
  const rows: string[][] = [];
  for (const p of iperf3) {
    const t = p.summary.throughputBps;
    const med = (name: MetricName): string => cell(p.summary[name]?.median, name);
    const gbit = (bps: number): string => cell(bps, 'throughputBps');
    const row = [
      ...(hasLinks ? [p.link] : []),
      p.workload.label, knobCell(p), samplesCell(p), med('throughputBps'),
      t ? formatRange(t.min, t.max, METRICS.throughputBps.unit) : '–',
      ciCell(t, gbit),
      med('retransmits'),
      `${med('cpuHostPercent')}/${med('cpuRemotePercent')}`,
    ];
    if (hasCpu) row.push(med('cpuBusyPercent'), med('gbpsPerCore'));
    if (hasUdp) row.push(med('lossPercent'), med('pps'));
    rows.push(row);
  }
  const noisy = iperf3.map((p) => noisyFlag(p.summary.throughputBps));
  if (noisy.some(Boolean)) {
    head.push('noisy');
    rows.forEach((row, i) => row.push(noisy[i]!));
  }
  // On a narrow terminal the figures a reader needs least give way first; the decision lines carry the answer.
  const fit = dropToFit(head, rows, width, ['host CPU %', 'retransmits', 'CPU % client/server', 'Gbit/s per core', 'min–max', 'loss %']);
  const note = droppedNote(fit.dropped, width);
  return [fitTable(fit.head, fit.rows, { color, width }), ...note, ...others].join('\n');
}
