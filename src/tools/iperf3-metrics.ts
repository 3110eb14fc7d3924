// What one iperf3 run measured. Every field is optional: absent means "the tool did not report it", never 0.

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

export interface Iperf3Interval {
  startS: number;
  endS: number;
  bitsPerSecond: number;
}

export interface Iperf3Sockets {
  /** -w as iperf3 passed it to setsockopt (0 when not given). */
  requestedBytes?: number;
  /** What getsockopt returned: the kernel doubles the request and caps it at net.core.wmem_max / rmem_max. */
  sndbufActualBytes?: number;
  rcvbufActualBytes?: number;
}

export type Iperf3Parse =
  | {
      ok: true;
      /** start.version, e.g. "iperf 3.12", when present. */
      version?: string;
      protocol: 'tcp' | 'udp';
      metrics: Iperf3Metrics;
      intervals: Iperf3Interval[];
      /** Oddities that did not prevent a result (text after the JSON, nan values, missing sections). */
      warnings: string[];
      sockets?: Iperf3Sockets;
    }
  | { ok: false; reason: string; version?: string };
