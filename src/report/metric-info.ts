// How each metric is shown: label, display unit and scale. The unit follows
// from the field name's suffix (throughputBps, rttMeanUs, lossPercent …), so metrics added later
// (sockperf's latencyP99Us) get a sensible display without touching this file.

export interface MetricInfo {
  name: string;
  label: string;
  /** Unit of the displayed value. */
  unit: string;
  /** Stored value × scale = displayed value. */
  scale: number;
}

const LABELS: Record<string, string> = {
  throughputBps: 'Throughput',
  reverseThroughputBps: 'Reverse throughput',
  sentBps: 'Sent',
  receivedBps: 'Received',
  bytesSent: 'Bytes sent',
  bytesReceived: 'Bytes received',
  retransmits: 'TCP retransmits',
  cpuHostPercent: 'CPU client',
  cpuRemotePercent: 'CPU server',
  rttMeanUs: 'TCP RTT mean',
  rttMinUs: 'TCP RTT min',
  rttMaxUs: 'TCP RTT max',
  packets: 'Packets',
  lostPackets: 'Lost packets',
  lossPercent: 'UDP loss',
  jitterMs: 'UDP jitter',
  pps: 'Packet rate',
  durationS: 'Duration',
};

/** Metrics that get a chart of their own, in this order (when present). The table shows every metric. */
export const CHARTED_METRICS: readonly string[] = [
  'throughputBps', 'reverseThroughputBps', 'pps', 'lossPercent', 'jitterMs', 'retransmits', 'rttMeanUs',
  'cpuHostPercent', 'cpuRemotePercent',
];

function unitOf(name: string): { unit: string; scale: number } {
  if (name.endsWith('Bps')) return { unit: 'Gbit/s', scale: 1e-9 };
  if (name === 'pps') return { unit: 'Mpps', scale: 1e-6 };
  if (name.endsWith('Percent')) return { unit: '%', scale: 1 };
  if (name.endsWith('Us')) return { unit: 'µs', scale: 1 };
  if (name.endsWith('Ms')) return { unit: 'ms', scale: 1 };
  if (name.endsWith('S')) return { unit: 's', scale: 1 };
  if (name.startsWith('bytes')) return { unit: 'GB', scale: 1e-9 };
  return { unit: '', scale: 1 };
}

/** "latencyP99Us" → "Latency p99"; unknown names are split at their capitals. */
function labelOf(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const percentile = latencyPercentile(name);
  if (percentile !== undefined) return `Latency p${percentile}`;
  const words = name.replace(/(Bps|Us|Ms|Percent|S)$/, '').replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function metricInfo(name: string): MetricInfo {
  return { name, label: labelOf(name), ...unitOf(name) };
}

/** "latencyP99Us" → 99, "latencyP999Us" → 99.9, "latencyP50Us" → 50; undefined for other metrics. */
export function latencyPercentile(name: string): number | undefined {
  const m = /^latencyP(\d+)Us$/.exec(name);
  if (!m) return undefined;
  const digits = m[1]!;
  return digits.length <= 2 ? Number(digits) : Number(`${digits.slice(0, 2)}.${digits.slice(2)}`);
}

/** "Throughput (Gbit/s)". */
export function axisTitle(info: MetricInfo): string {
  return info.unit ? `${info.label} (${info.unit})` : info.label;
}
