// The one metric registry: every metric any workload writes into results, with its stored unit, label, which
// direction is better, whether it gates a comparison by default and whether it is a headline figure. Sample
// metric types are checked against it (src/results/metrics.ts), so a metric without an entry does not compile;
// compare, nightly, trend, the run report, the terminal tables and CSV all read it.

/** Stored units: the suffix of the field name says the same (throughputBps, latencyP99Us, lossPercent …). */
export type Unit =
  | 'bit/s' | 'packets/s' | 'packets' | 'bytes' | 'count' | '%' | 'ms' | 'µs' | 's' | 'ratio' | 'cores'
  | 'Gbit/s per core' | 'packets per CPU-second' | '% CPU per Gbit/s' | 'transactions/s' | 'connections/s' | 'flows';
/** Which way is better; "none" for figures that only describe the run (bytes sent depends on the duration). */
export type Direction = 'higher' | 'lower' | 'none';

export interface MetricSpec {
  unit: Unit;
  /** Short human name for tables and chart axes. */
  label: string;
  direction: Direction;
  /**
   * Gates a comparison by default (a scenario's `gate: [...]` or `--gate` overrides). Only robust figures gate:
   * retransmits on veth are near zero and jump (0 → 3 is "+∞ %"), CPU shares swing with neighbours, UDP flood loss
   * depends on who wins the CPU, maxima are one unlucky sample. They are still compared and shown.
   */
  gates: boolean;
  /** The figure a point is summarised by in verdict lines, progress and charts (a point may have several). */
  headline?: true;
  /** Compared and kept in JSON, left out of tables: it repeats another metric (sent ≈ throughput, RTT min/max = mean with one stream). */
  detail?: true;
  /** Gets a chart of its own in the run and trend pages (the table shows every metric). */
  chart?: true;
}

const m = (unit: Unit, label: string, direction: Direction, extra: Partial<Omit<MetricSpec, 'unit' | 'label' | 'direction'>> = {}): MetricSpec =>
  ({ unit, label, direction, ...extra, gates: extra.gates ?? false });

const IPERF3 = {
  pps: m('packets/s', 'packets/s', 'higher', { gates: true, headline: true, chart: true }),
  throughputBps: m('bit/s', 'throughput', 'higher', { gates: true, headline: true, chart: true }),
  sentBps: m('bit/s', 'sent', 'higher', { detail: true }),
  receivedBps: m('bit/s', 'received', 'higher', { detail: true }),
  reverseThroughputBps: m('bit/s', 'reverse throughput', 'higher', { gates: true, headline: true, chart: true }),
  lostPackets: m('packets', 'lost packets', 'lower', { detail: true }),
  lossPercent: m('%', 'UDP loss', 'lower', { chart: true }),
  jitterMs: m('ms', 'UDP jitter', 'lower', { chart: true }),
  retransmits: m('count', 'TCP retransmits', 'lower', { chart: true }),
  rttMeanUs: m('µs', 'TCP RTT mean', 'lower', { chart: true }),
  rttMinUs: m('µs', 'TCP RTT min', 'lower', { detail: true }),
  rttMaxUs: m('µs', 'TCP RTT max', 'lower', { detail: true }),
  cpuHostPercent: m('%', 'CPU client', 'lower', { chart: true }),
  cpuRemotePercent: m('%', 'CPU server', 'lower', { chart: true }),
  bytesSent: m('bytes', 'bytes sent', 'none'),
  bytesReceived: m('bytes', 'bytes received', 'none'),
  packets: m('packets', 'packets', 'none'),
  durationS: m('s', 'duration', 'none'),
  throughputIntervalCv: m('ratio', 'interval CV', 'lower', { detail: true }),
  senders: m('count', 'UDP senders', 'none'),
} as const;

/** Whole-host CPU from /proc/stat over the measurement window, and what it buys. */
const CPU = {
  cpuBusyPercent: m('%', 'CPU busy', 'lower'),
  cpuUserPercent: m('%', 'CPU user', 'lower', { detail: true }),
  cpuSystemPercent: m('%', 'CPU system', 'lower', { detail: true }),
  cpuSoftirqPercent: m('%', 'CPU softirq', 'lower', { detail: true }),
  cpuCoresBusy: m('cores', 'cores busy', 'lower'),
  gbpsPerCore: m('Gbit/s per core', 'Gbit/s per core', 'higher'),
  packetsPerCpuSecond: m('packets per CPU-second', 'packets per CPU-second', 'higher'),
} as const;

/** sockperf ping-pong: half the round trip, µs. */
const LATENCY = {
  latencyMeanUs: m('µs', 'latency mean', 'lower'),
  latencyStdDevUs: m('µs', 'latency stddev', 'lower', { detail: true }),
  latencyMinUs: m('µs', 'latency min', 'lower', { detail: true }),
  latencyP50Us: m('µs', 'latency p50', 'lower', { gates: true }),
  latencyP90Us: m('µs', 'latency p90', 'lower', { detail: true }),
  latencyP99Us: m('µs', 'latency p99', 'lower', { gates: true, headline: true }),
  latencyP999Us: m('µs', 'latency p99.9', 'lower'),
  latencyMaxUs: m('µs', 'latency max', 'lower', { detail: true }),
  latencyObservations: m('count', 'latency observations', 'none'),
  messagesDropped: m('count', 'messages dropped', 'lower'),
} as const;

type Loaded<T> = { [K in keyof T as `loaded${Capitalize<K & string>}`]: T[K] };

/** The same figures measured while iperf3 TCP saturates the link. */
function loaded<T extends Record<string, MetricSpec>>(metrics: T): Loaded<T> {
  return Object.fromEntries(Object.entries(metrics).map(([name, spec]) => [
    `loaded${name.charAt(0).toUpperCase()}${name.slice(1)}`,
    { ...spec, label: `${spec.label} under load` },
  ])) as Loaded<T>;
}

const LATENCY_UNDER_LOAD = {
  ...loaded(LATENCY),
  loadThroughputBps: m('bit/s', 'load stream throughput', 'none'),
} as const;

/** N pairs pushing traffic at once. */
const DENSITY = {
  pairs: m('count', 'pairs', 'none'),
  aggregateThroughputBps: m('bit/s', 'aggregate throughput', 'higher', { gates: true, headline: true }),
  pairThroughputMeanBps: m('bit/s', 'pair throughput mean', 'higher', { detail: true }),
  pairThroughputMinBps: m('bit/s', 'pair throughput min', 'higher'),
  pairThroughputMaxBps: m('bit/s', 'pair throughput max', 'higher', { detail: true }),
  fairnessIndex: m('ratio', "Jain's fairness", 'higher', { gates: true }),
  targetBps: m('bit/s', 'target per pair', 'none'),
  pairsMeetingTarget: m('count', 'pairs meeting target', 'higher'),
  targetMet: m('ratio', 'target met', 'higher'),
} as const;

/** tinybench, ms: creating and deleting veth pairs. */
const SETUP_COST = {
  createMeanMs: m('ms', 'create mean', 'lower', { headline: true }),
  createP50Ms: m('ms', 'create p50', 'lower', { gates: true }),
  createP99Ms: m('ms', 'create p99', 'lower'),
  createMaxMs: m('ms', 'create max', 'lower', { detail: true }),
  createSamples: m('count', 'create samples', 'none'),
  deleteMeanMs: m('ms', 'delete mean', 'lower'),
  deleteP50Ms: m('ms', 'delete p50', 'lower', { gates: true }),
  deleteP99Ms: m('ms', 'delete p99', 'lower'),
  deleteMaxMs: m('ms', 'delete max', 'lower', { detail: true }),
  deleteSamples: m('count', 'delete samples', 'none'),
  cycleMeanMs: m('ms', 'create+delete', 'lower'),
  cyclePerPairMs: m('ms', 'create+delete per pair', 'lower'),
} as const;

/** rr (iperf2 bounceback, TCP_RR): one request in flight per flow, back to back. RTT percentiles come from iperf2's
 *  100 µs histogram bins (upper bin edge), stored with `transactions`, their sample count. */
const REQUEST_RESPONSE = {
  transactionsPerSecond: m('transactions/s', 'transactions/s', 'higher', { gates: true, headline: true, chart: true }),
  transactions: m('count', 'transactions counted', 'none'),
  transactionRttMeanUs: m('µs', 'transaction RTT mean', 'lower', { chart: true }),
  transactionRttMinUs: m('µs', 'transaction RTT min', 'lower', { detail: true }),
  transactionRttMaxUs: m('µs', 'transaction RTT max', 'lower', { detail: true }),
  transactionRttStdDevUs: m('µs', 'transaction RTT stddev', 'lower', { detail: true }),
  rttP50Us: m('µs', 'transaction RTT p50 (≤, histogram bin)', 'lower'),
  rttP90Us: m('µs', 'transaction RTT p90 (≤, histogram bin)', 'lower', { detail: true }),
  rttP99Us: m('µs', 'transaction RTT p99 (≤, histogram bin)', 'lower'),
  rttP999Us: m('µs', 'transaction RTT p99.9 (≤, histogram bin)', 'lower', { detail: true }),
  rttHistogramBinUs: m('µs', 'RTT histogram bin width', 'none'),
  flowTransactionsMinPerSecond: m('transactions/s', 'slowest flow transactions/s', 'higher'),
  flowTransactionsMaxPerSecond: m('transactions/s', 'fastest flow transactions/s', 'higher', { detail: true }),
  transactionsPerCpuSecond: m('transactions/s', 'transactions/s per busy core', 'higher'),
} as const;

/** crr (iperf2 --connect-only): back-to-back connect()+close(), the handshake only (TCP_CC). */
const CONNECTION_RATE = {
  connectionsPerSecond: m('connections/s', 'connections/s', 'higher', { gates: true, headline: true, chart: true }),
  connections: m('count', 'connections counted', 'none'),
  connectErrors: m('count', 'connect errors', 'lower'),
  connectMeanUs: m('µs', 'connect time mean', 'lower'),
  connectMinUs: m('µs', 'connect time min', 'lower', { detail: true }),
  connectMaxUs: m('µs', 'connect time max', 'lower', { detail: true }),
  connectP50Us: m('µs', 'connect time p50', 'lower', { gates: true }),
  connectP90Us: m('µs', 'connect time p90', 'lower', { detail: true }),
  connectP99Us: m('µs', 'connect time p99', 'lower'),
  tcpSockets: m('count', 'TCP sockets (ss -s)', 'none'),
  timeWaitSockets: m('count', 'TIME_WAIT sockets (ss -s)', 'none'),
  connectionsPerCpuSecond: m('connections/s', 'connections/s per busy core', 'higher'),
} as const;

/** flows (iperf2 -P) and the per-flow spread of rr: many concurrent flows over one link. */
const MANY_FLOWS = {
  flows: m('flows', 'flows', 'none'),
  flowsReported: m('flows', 'flows reported', 'higher'),
  flowThroughputMinBps: m('bit/s', 'slowest flow', 'higher'),
  flowThroughputMedianBps: m('bit/s', 'median flow', 'higher', { detail: true }),
  flowThroughputMaxBps: m('bit/s', 'fastest flow', 'higher', { detail: true }),
  flowFairnessIndex: m('ratio', "Jain's fairness over flows", 'higher', { gates: true }),
  cpuPercentPerFlow: m('%', 'CPU % of a core per flow', 'lower'),
} as const;

/** pps (trafgen): offered at the sender's veth end, counted apart where it arrives. */
const PACKET_RATE = {
  offeredPps: m('packets/s', 'offered (sender tx)', 'higher'),
  trafgenSentPps: m('packets/s', 'trafgen sent', 'higher', { detail: true }),
  deliveredPps: m('packets/s', 'arrived (receiver rx)', 'higher', { gates: true, headline: true, chart: true }),
  rxDroppedPps: m('packets/s', 'receiver rx_dropped', 'lower'),
  udpDeliveredPps: m('packets/s', 'reached UDP (nstat)', 'higher'),
  deliveredPercent: m('%', 'arrived / offered', 'higher'),
  frameBytes: m('bytes', 'frame size', 'none'),
} as const;

/** Derived per point by the link-kind comparison (not stored in samples). */
const LINK_COMPARISON = {
  cpuPercentPerGbps: m('% CPU per Gbit/s', 'CPU % per Gbit/s', 'lower'),
  vsLoopback: m('ratio', 'vs loopback', 'higher'),
  vsVeth: m('ratio', 'vs veth', 'higher'),
} as const;

/** In display order (tables, charts), which also breaks ties between equally severe gating metrics. */
export const METRICS = {
  ...IPERF3, ...CPU, ...LATENCY, ...LATENCY_UNDER_LOAD, ...DENSITY, ...SETUP_COST,
  ...REQUEST_RESPONSE, ...CONNECTION_RATE, ...MANY_FLOWS, ...PACKET_RATE, ...LINK_COMPARISON,
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
/** What one sample measured: any registry metric, absent when the tool did not report it. */
export type SampleMetrics = { [K in MetricName]?: number };

const ORDER: readonly string[] = Object.keys(METRICS);

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

export function metricSpec(name: string): MetricSpec | undefined {
  return isMetricName(name) ? METRICS[name] : undefined;
}

/** Sort comparator: registry order, unknown metrics last. */
export function byMetricOrder(a: string, b: string): number {
  const rank = (name: string) => (isMetricName(name) ? ORDER.indexOf(name) : ORDER.length);
  return rank(a) - rank(b);
}

/** Metrics with a chart of their own: goodput leads (its time series follows it), then registry order. */
export const CHARTED_METRICS: readonly string[] = ['throughputBps', ...(ORDER as MetricName[]).filter((name) => name !== 'throughputBps' && 'chart' in METRICS[name])];

/** The metrics that gate by default, in registry order. */
export const DEFAULT_GATES: readonly MetricName[] = (ORDER as MetricName[]).filter((name) => METRICS[name].gates);

/** Idle latency percentiles: "latencyP99Us" → 99, "latencyP999Us" → 99.9; undefined for other metrics. */
export function latencyPercentile(name: string): number | undefined {
  const match = /^latencyP(\d+)Us$/.exec(name);
  if (!match) return undefined;
  const digits = match[1]!;
  return digits.length <= 2 ? Number(digits) : Number(`${digits.slice(0, 2)}.${digits.slice(2)}`);
}
