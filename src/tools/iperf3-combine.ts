// Pure: several iperf3 client runs of one sample (UDP senders) → one set of metrics; interval stability;
// which failures mean "this host cannot do what the point asks" (skipped) rather than "the run broke" (failed).
import type { Iperf3SampleMetrics } from '../results/metrics.ts';
import type { KnobSettings } from '../knobs/types.ts';
import type { Iperf3Workload } from '../scenario/scenario.ts';
import { summarize } from '../stats/summary.ts';
import type { Iperf3Interval } from './iperf3-metrics.ts';
import type { Iperf3Metrics } from '../results/metrics.ts';

const ADDED = ['throughputBps', 'sentBps', 'receivedBps', 'bytesSent', 'bytesReceived', 'packets', 'lostPackets', 'pps', 'retransmits', 'cpuHostPercent', 'cpuRemotePercent', 'reverseThroughputBps'] as const;

function sumOf(list: readonly Iperf3Metrics[], key: keyof Iperf3Metrics): number | undefined {
  const values = list.map((m) => m[key]);
  return values.every((v) => v !== undefined) ? values.reduce((a, b) => a! + b!, 0) : undefined;
}

/**
 * Concurrent senders to separate servers: counts and rates add up (iperf3's CPU figures too: each is one process's
 * share of a core); loss is recomputed from the summed packets; jitter is the senders' mean. A figure one sender
 * lacks is absent from the total, never a partial sum.
 */
export function combineSenders(list: readonly Iperf3Metrics[]): Iperf3SampleMetrics {
  if (list.length === 1) return { ...list[0]! };
  const out: Iperf3SampleMetrics = { senders: list.length };
  for (const key of ADDED) {
    const v = sumOf(list, key);
    if (v !== undefined) out[key] = v;
  }
  if (out.packets !== undefined && out.lostPackets !== undefined && out.packets > 0) out.lossPercent = (100 * out.lostPackets) / out.packets;
  const jitter = list.map((m) => m.jitterMs);
  if (jitter.every((j) => j !== undefined)) out.jitterMs = jitter.reduce((a, b) => a! + b!, 0)! / list.length;
  const durations = list.map((m) => m.durationS).filter((d): d is number => d !== undefined);
  if (durations.length) out.durationS = Math.max(...durations);
  return out;
}

/**
 * UDP delivered datagrams from the bytes the receiver got (every datagram is `lengthBytes` long), not from iperf3's
 * loss counters: with -O, iperf3 before 3.14 mixes the sender's and the receiver's omitted counts, and under load
 * `packets - lost_packets` then disagrees with the bytes received. pps, lostPackets and lossPercent follow the bytes;
 * a disagreement of more than 1% is reported.
 */
export function udpCountsFromBytes(m: Iperf3Metrics, lengthBytes: number): { metrics: Iperf3Metrics; warning?: string } {
  if (m.bytesReceived === undefined || m.durationS === undefined || m.durationS <= 0) return { metrics: m };
  const received = Math.round(m.bytesReceived / lengthBytes);
  const metrics: Iperf3Metrics = { ...m, pps: received / m.durationS };
  if (m.packets !== undefined && m.packets > 0) {
    metrics.lostPackets = Math.max(0, m.packets - received);
    metrics.lossPercent = (100 * metrics.lostPackets) / m.packets;
  }
  const counted = m.packets !== undefined && m.lostPackets !== undefined ? m.packets - m.lostPackets : undefined;
  if (counted === undefined || Math.abs(counted - received) <= 0.01 * Math.max(received, 1)) return { metrics };
  return { metrics, warning: `iperf3's loss counters say ${counted} datagrams arrived, its byte count ${received}: pps and loss are taken from the bytes (iperf3 < 3.14 miscounts UDP loss with -O)` };
}

/** Interval by interval, the senders' goodputs added (as far as every sender has that interval). */
export function combineIntervals(lists: readonly Iperf3Interval[][]): Iperf3Interval[] {
  if (lists.length === 1) return lists[0]!;
  const n = Math.min(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => ({
    startS: lists[0]![i]!.startS,
    endS: lists[0]![i]!.endS,
    bitsPerSecond: lists.reduce((sum, l) => sum + l[i]!.bitsPerSecond, 0),
  }));
}

/** Coefficient of variation of the per-interval goodput; undefined with fewer than two intervals. */
export function intervalCv(intervals: readonly Iperf3Interval[]): number | undefined {
  if (intervals.length < 2) return undefined;
  return summarize(intervals.map((i) => i.bitsPerSecond))?.cv;
}

/** The reason to skip the point when iperf3 refused something the point asked for; undefined for a real failure. */
export function iperf3Refusal(workload: Iperf3Workload, knobs: KnobSettings, reason: string, output: string): string | undefined {
  if (knobs.window !== undefined && /socket buffer size not set correctly/i.test(reason)) {
    // iperf3 refuses to run when the kernel capped -w at net.core.*mem_max: the knob did not take effect.
    return `refused: iperf3 -w ${knobs.window}: ${reason} (the kernel caps it at net.core.rmem_max/wmem_max)`;
  }
  if (workload.protocol === 'tcp' && workload.congestion && /TCP_CONGESTION/i.test(reason)) {
    return `refused: iperf3 -C ${workload.congestion}: ${reason} (available: /proc/sys/net/ipv4/tcp_available_congestion_control; a module may load it: modprobe tcp_${workload.congestion})`;
  }
  if (workload.protocol === 'tcp' && workload.bidir && /(unrecognized|unknown) option.*bidir/i.test(output)) {
    return 'unsupported: this iperf3 has no --bidir (it came with iperf3 3.7); install a newer iperf3 to measure both directions at once';
  }
  return undefined;
}
