// What one iperf3 run reports besides its metrics (results/metrics.ts Iperf3Metrics): intervals, sockets, the parse.
import type { Iperf3Metrics } from '../results/metrics.ts';
import type { Iperf3Sockets } from '../knobs/iperf3-family.ts';

export interface Iperf3Interval {
  startS: number;
  endS: number;
  bitsPerSecond: number;
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
