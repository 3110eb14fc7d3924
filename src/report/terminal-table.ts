// The table printed at the end of a run: one row per point, medians with their spread.
import Table from 'cli-table3';
import type { PointResult, RunResults, Sample } from '../results/types.ts';
import { fixed, gbps } from './format.ts';
import { comparesLinks } from './link-comparison.ts';

function knobCell(point: PointResult): string {
  return Object.entries(point.requested).map(([knob, asked]) => {
    const got = point.effective[knob as keyof typeof point.effective];
    return got && got !== asked ? `${knob}=${asked}→${got}!` : `${knob}=${asked}`;
  }).join(' ') || '(defaults)';
}

function samplesCell(point: PointResult): string {
  const count = (status: Sample['status']): number => point.samples.filter((s) => s.status === status).length;
  const [ok, failed, skipped] = [count('ok'), count('failed'), count('skipped')];
  const notOk = [failed ? `${failed} failed` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean);
  return notOk.length ? `${ok}/${point.samples.length} (${notOk.join(', ')})` : `${ok}`;
}

export function resultsTable(results: RunResults, color = false): string {
  const hasUdp = results.points.some((p) => p.workload.protocol === 'udp');
  const hasLinks = comparesLinks(results);
  const head = [...(hasLinks ? ['link'] : []), 'workload', 'knobs', 'samples', 'Gbit/s median', 'min–max', 'retransmits', 'CPU % client/server'];
  if (hasUdp) head.push('loss %', 'Mpps');
  const table = new Table({ head, style: color ? {} : { head: [], border: [] } });
  for (const p of results.points) {
    const t = p.summary.throughputBps;
    const row = [
      ...(hasLinks ? [p.link] : []),
      p.workload.label, knobCell(p), samplesCell(p), gbps(t?.median),
      t ? `${gbps(t.min)}–${gbps(t.max)}` : '–',
      fixed(p.summary.retransmits?.median, 0),
      `${fixed(p.summary.cpuHostPercent?.median, 0)}/${fixed(p.summary.cpuRemotePercent?.median, 0)}`,
    ];
    if (hasUdp) row.push(fixed(p.summary.lossPercent?.median, 2), p.summary.pps ? (p.summary.pps.median / 1e6).toFixed(3) : '–');
    table.push(row);
  }
  return table.toString();
}
