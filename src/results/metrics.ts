// What a sample measured, per workload kind. Units are in the names; a metric the tool did not report is absent.
// Every field must have an entry in the metric registry: the check at the end fails the build otherwise.
import type { MetricName } from '../metrics/registry.ts';

/** Whole-host CPU from /proc/stat over the measurement window, and what it buys. */
export interface CpuMetrics {
  /** Share of all CPUs' time that was busy (100 = every core busy); the parts below add up to about it. */
  cpuBusyPercent?: number;
  cpuUserPercent?: number;
  cpuSystemPercent?: number;
  /** Softirq time: where the kernel does most of veth's packet work. */
  cpuSoftirqPercent?: number;
  /** Busy CPU-seconds per second: how many cores' worth of work the host did. */
  cpuCoresBusy?: number;
  /** Delivered Gbit/s per busy core: throughput / cpuCoresBusy. */
  gbpsPerCore?: number;
  /** Delivered packets per busy CPU-second (UDP): pps / cpuCoresBusy. */
  packetsPerCpuSecond?: number;
}

export interface Iperf3SampleMetrics extends Iperf3Metrics, CpuMetrics {
  /** Coefficient of variation of the per-interval throughput: 0 is perfectly steady. */
  throughputIntervalCv?: number;
  /** UDP: iperf3 client processes whose figures were added up. */
  senders?: number;
}

/** sockperf ping-pong: latency is half the round trip, in µs, over sockperf's valid (post-warm-up) period. */
export interface LatencyMetrics {
  latencyMeanUs?: number;
  latencyStdDevUs?: number;
  latencyMinUs?: number;
  latencyP50Us?: number;
  latencyP90Us?: number;
  latencyP99Us?: number;
  latencyP999Us?: number;
  latencyMaxUs?: number;
  latencyObservations?: number;
  /** UDP: messages sockperf saw dropped. */
  messagesDropped?: number;
}

type Loaded<T> = { [K in keyof T as `loaded${Capitalize<K & string>}`]: T[K] };

/** The idle figures, and with underLoad the same measured while iperf3 TCP saturates the link (loadedLatencyP99Us …). */
export interface SockperfSampleMetrics extends LatencyMetrics, Loaded<LatencyMetrics>, CpuMetrics {
  /** Goodput of the load stream during the loaded measurement. */
  loadThroughputBps?: number;
}

export interface DensitySampleMetrics extends CpuMetrics {
  pairs?: number;
  /** Sum of every pair's goodput. */
  aggregateThroughputBps?: number;
  pairThroughputMeanBps?: number;
  pairThroughputMinBps?: number;
  pairThroughputMaxBps?: number;
  /** Jain's fairness index of the per-pair goodputs: 1 is perfectly even, 1/N is one pair taking all. */
  fairnessIndex?: number;
  /** With a per-pair target (-b): the target, the pairs reaching 95% of it, and 1 when all of them did (else 0). */
  targetBps?: number;
  pairsMeetingTarget?: number;
  targetMet?: number;
  retransmits?: number;
  /** UDP: aggregate delivered packets per second and loss over all pairs. */
  pps?: number;
  lossPercent?: number;
}

/**
 * tinybench, in milliseconds: "create" is veth pair(s) created, one end moved to the other namespace, both ends
 * addressed and up; "delete" is removing them again. Each is timed on its own, the other step runs untimed.
 */
export interface SetupCostSampleMetrics extends CpuMetrics {
  createMeanMs?: number;
  createP50Ms?: number;
  createP99Ms?: number;
  createMaxMs?: number;
  createSamples?: number;
  deleteMeanMs?: number;
  deleteP50Ms?: number;
  deleteP99Ms?: number;
  deleteMaxMs?: number;
  deleteSamples?: number;
  /** createMeanMs + deleteMeanMs: one full container-network lifetime. */
  cycleMeanMs?: number;
  /** cycleMeanMs divided by the pairs per cycle. */
  cyclePerPairMs?: number;
}

/** rr (iperf2 bounceback, sockperf ping-pong for UDP): the parsed figures, the host CPU and transactions per busy core. */
export interface RrSampleMetrics extends RrMetrics, CpuMetrics {
  transactionsPerCpuSecond?: number;
}

/** crr (iperf2 --connect-only): the parsed figures, `ss -s` after the run, the flows asked for, CPU. */
export interface CrrSampleMetrics extends ConnectMetrics, SocketSummary, CpuMetrics {
  flows?: number;
  connectionsPerCpuSecond?: number;
}

export interface FlowsSampleMetrics extends FlowsMetrics, CpuMetrics {}

/** pps (trafgen): offered at the sender's end, counted where it arrives; packets/s over the counters' window. */
export interface PpsSampleMetrics extends CpuMetrics {
  offeredPps?: number;
  trafgenSentPps?: number;
  deliveredPps?: number;
  rxDroppedPps?: number;
  udpDeliveredPps?: number;
  deliveredPercent?: number;
  frameBytes?: number;
  /** trafgen's CPUs (one sender each). */
  senders?: number;
}

/** Every metric any workload reports; a sample holds the ones of its workload kind. */
export type SampleMetrics = Iperf3SampleMetrics & SockperfSampleMetrics & DensitySampleMetrics & SetupCostSampleMetrics
  & RrSampleMetrics & CrrSampleMetrics & FlowsSampleMetrics & PpsSampleMetrics;

/** Names a workload writes that the registry lacks; the assignment below does not compile unless there are none. */
type Unregistered = Exclude<keyof SampleMetrics, MetricName>;
export const EVERY_SAMPLE_METRIC_REGISTERED: [Unregistered] extends [never] ? true : { unregistered: Unregistered } = true;

export interface Iperf3Metrics {
  /** Goodput: bits per second delivered to the receiver (for bidir: the forward direction). */
  throughputBps?: number;
  sentBps?: number;
  receivedBps?: number;
  bytesSent?: number;
  bytesReceived?: number;
  /** TCP only: retransmitted segments reported by the sender. */
  retransmits?: number;
  /** iperf3's own CPU figures for the client process (host) and the server process (remote). */
  cpuHostPercent?: number;
  cpuRemotePercent?: number;
  /** TCP only: smoothed RTT from the sender's tcp_info, averaged over streams. */
  rttMeanUs?: number;
  rttMinUs?: number;
  rttMaxUs?: number;
  /** UDP only. */
  packets?: number;
  lostPackets?: number;
  lossPercent?: number;
  jitterMs?: number;
  /** UDP only: packets delivered per second (packets - lost) / seconds. */
  pps?: number;
  /** --bidir only: the reverse direction's goodput. */
  reverseThroughputBps?: number;
  /** Seconds covered by the end summary. */
  durationS?: number;
}

export interface RrMetrics {
  /** Completed request/reply round trips per second, all flows together. */
  transactionsPerSecond?: number;
  /** Completed round trips counted (all flows): the sample count behind the percentiles. */
  transactions?: number;
  transactionRttMeanUs?: number;
  transactionRttMinUs?: number;
  transactionRttMaxUs?: number;
  transactionRttStdDevUs?: number;
  /** From the histogram: the upper edge of the bin that holds the percentile (resolution rttHistogramBinUs). */
  rttP50Us?: number;
  rttP90Us?: number;
  rttP99Us?: number;
  rttP999Us?: number;
  rttHistogramBinUs?: number;
  /** With several flows: each flow's transactions/s, smallest and largest, and Jain's index over them. */
  flowTransactionsMinPerSecond?: number;
  flowTransactionsMaxPerSecond?: number;
  flowFairnessIndex?: number;
  flows?: number;
}

export interface ConnectMetrics {
  connectionsPerSecond?: number;
  /** Connects that completed (iperf2's "tot" minus "err"), the count behind the percentiles. */
  connections?: number;
  connectErrors?: number;
  connectMeanUs?: number;
  connectMinUs?: number;
  connectMaxUs?: number;
  connectP50Us?: number;
  connectP90Us?: number;
  connectP99Us?: number;
}

/** `ss -s`'s TCP line: sockets in all states and in TIME_WAIT. */
export interface SocketSummary {
  tcpSockets?: number;
  timeWaitSockets?: number;
}

export interface FlowsMetrics {
  flows?: number;
  /** Flows iperf2 reported a result for (fewer than asked when some could not connect). */
  flowsReported?: number;
  aggregateThroughputBps?: number;
  flowThroughputMinBps?: number;
  flowThroughputMedianBps?: number;
  flowThroughputMaxBps?: number;
  /** Jain's index over the per-flow goodputs: 1 is even, 1/N one flow taking all. */
  flowFairnessIndex?: number;
  /** Busy share of one core per flow: cpuCoresBusy × 100 / flows. */
  cpuPercentPerFlow?: number;
}
