// The metric registry: for every metric a result can hold, its unit, which direction is better and whether it
// decides a point's verdict. Typed against Iperf3Metrics, so a new metric does not compile until it is declared here.
import type { Iperf3Metrics } from '../tools/iperf3-metrics.ts';

export type MetricName = keyof Iperf3Metrics;
export type Unit = 'bit/s' | 'packets/s' | 'packets' | 'bytes' | 'count' | '%' | 'ms' | 'µs' | 's';
/** Which way is better; "none" for counters that only describe the run (bytes sent depends on the duration). */
export type Direction = 'higher' | 'lower' | 'none';

export interface MetricInfo {
  unit: Unit;
  direction: Direction;
  /**
   * Decides the point's verdict. Only the headline rates gate: retransmits on veth are near zero and jump
   * (0 → 3 is "+∞ %"), iperf3's CPU figures swing with neighbours on a shared host, and UDP flood loss depends
   * on who wins the CPU. They are still compared and shown, but a gate that cries wolf gets ignored.
   */
  gates: boolean;
  /** Compared and kept in JSON, left out of tables: it repeats another metric (sent/received ≈ throughput, RTT min/max = mean with one stream, lost packets ≈ loss). */
  detail?: true;
  /** Short human name for tables. */
  label: string;
}

/** In display order, which also breaks ties between equally severe gating metrics: packets/s first, since it is a UDP point's headline. */
export const METRICS: Record<MetricName, MetricInfo> = {
  pps: { unit: 'packets/s', direction: 'higher', gates: true, label: 'packets/s' },
  throughputBps: { unit: 'bit/s', direction: 'higher', gates: true, label: 'throughput' },
  sentBps: { unit: 'bit/s', direction: 'higher', gates: false, detail: true, label: 'sent' },
  receivedBps: { unit: 'bit/s', direction: 'higher', gates: false, detail: true, label: 'received' },
  reverseThroughputBps: { unit: 'bit/s', direction: 'higher', gates: true, label: 'reverse throughput' },
  retransmits: { unit: 'count', direction: 'lower', gates: false, label: 'retransmits' },
  lostPackets: { unit: 'packets', direction: 'lower', gates: false, detail: true, label: 'lost packets' },
  lossPercent: { unit: '%', direction: 'lower', gates: false, label: 'loss' },
  jitterMs: { unit: 'ms', direction: 'lower', gates: false, label: 'jitter' },
  cpuHostPercent: { unit: '%', direction: 'lower', gates: false, label: 'CPU client' },
  cpuRemotePercent: { unit: '%', direction: 'lower', gates: false, label: 'CPU server' },
  rttMeanUs: { unit: 'µs', direction: 'lower', gates: false, label: 'RTT mean' },
  rttMinUs: { unit: 'µs', direction: 'lower', gates: false, detail: true, label: 'RTT min' },
  rttMaxUs: { unit: 'µs', direction: 'lower', gates: false, detail: true, label: 'RTT max' },
  bytesSent: { unit: 'bytes', direction: 'none', gates: false, label: 'bytes sent' },
  bytesReceived: { unit: 'bytes', direction: 'none', gates: false, label: 'bytes received' },
  packets: { unit: 'packets', direction: 'none', gates: false, label: 'packets' },
  durationS: { unit: 's', direction: 'none', gates: false, label: 'duration' },
};

const ORDER = Object.keys(METRICS);

/** Sort comparator: registry order, unknown metrics last. */
export function byMetricOrder(a: string, b: string): number {
  const rank = (m: string) => (ORDER.includes(m) ? ORDER.indexOf(m) : ORDER.length);
  return rank(a) - rank(b);
}

export function metricInfo(name: string): MetricInfo | undefined {
  return Object.hasOwn(METRICS, name) ? METRICS[name as MetricName] : undefined;
}
