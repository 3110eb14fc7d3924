// The zod schema of a scenario's workloads: the one source of the public Workload types (src/scenario/types.ts),
// of validation and of the field lists in "unknown field" messages. Documentation here shows in editors.
import { z } from 'zod';
import { crrSchema } from './crr-spec.ts';
import { flowsSchema } from './flows-spec.ts';
import { ppsSchema } from './pps-spec.ts';
import { rrSchema } from './rr-spec.ts';
import { distinctValues } from './distinct.ts';

/** Label in tables and reports; derived from the parameters when absent. */
const label = z.string().min(1).max(40);
/** Parallel streams (-P). Default 1. */
const streams = z.int().min(1).max(128);
const rate = z.string().regex(/^\d+(\.\d+)?[KMGkmg]?$/, { message: 'expected an iperf3 rate such as "0" (unlimited), "500M" or "1G"' });
const udpLength = z.int().min(16).max(65507);

export const iperf3TcpSchema = z.strictObject({
  tool: z.literal('iperf3'),
  protocol: z.literal('tcp'),
  /** Label in tables and reports; derived from the parameters when absent. */
  name: label.optional(),
  /** Parallel streams (-P). Default 1. */
  streams: streams.optional(),
  /** Server sends, client receives (-R). */
  reverse: z.boolean().optional(),
  /** Both directions at once (--bidir, iperf3 ≥ 3.7; an older iperf3 skips the point with the reason). */
  bidir: z.boolean().optional(),
  /** Bytes per write (-l). Default iperf3's 128 KiB. */
  blockBytes: z.int().min(1).max(1024 * 1024).optional(),
  /** Send with sendfile() (-Z). */
  zerocopy: z.boolean().optional(),
  /** Congestion control algorithm (-C), e.g. "cubic", "reno", "bbr"; one the kernel lacks skips the point. */
  congestion: z.string().regex(/^[a-z0-9_]{1,15}$/, { message: 'expected a congestion control name such as "cubic", "reno" or "bbr"' }).optional(),
});

export const iperf3UdpSchema = z.strictObject({
  tool: z.literal('iperf3'),
  protocol: z.literal('udp'),
  name: label.optional(),
  streams: streams.optional(),
  /** Target rate per stream as iperf3 takes it (-b): "0" is unlimited, "1G", "500M". Default "0". */
  bitrate: rate.optional(),
  /** Datagram payload in bytes (-l). Default 1400. */
  lengthBytes: udpLength.optional(),
  /** Concurrent iperf3 client processes, each to its own server port; their packet rates are added up, so the rate
   *  is not capped by one sender process. Default 1. */
  senders: z.int().min(1).max(16).optional(),
});

/** sockperf ping-pong: one message in flight; latency is sockperf's, half the round trip, in µs. */
export const sockperfSchema = z.strictObject({
  tool: z.literal('sockperf'),
  protocol: z.enum(['tcp', 'udp']),
  name: label.optional(),
  /** Message size in bytes (-m). Default 64. */
  messageBytes: z.int().min(14).max(65000).optional(),
  /** Also measure while an iperf3 TCP stream saturates the same link; reported next to the idle figures. */
  underLoad: z.boolean().optional(),
});

/** N namespace pairs (each its own client and server namespace joined by a veth pair) carrying one iperf3 stream
 *  each at the same time: aggregate and per-pair throughput, Jain's fairness index, CPU. */
export const densitySchema = z.strictObject({
  tool: z.literal('density'),
  name: label.optional(),
  /** Pair counts to sweep, each one point: e.g. [1, 2, 4, 8, 16, 32]. 1..256. */
  pairs: distinctValues(z.int().min(1).max(256)),
  /** Default "tcp". */
  protocol: z.enum(['tcp', 'udp']).optional(),
  /** Per-pair target rate (iperf3 -b), e.g. "1G": a point meets it when every pair gets at least 95% of it, and the
   *  run prints the largest pair count that does. Default "0": unlimited, no target. */
  bitrate: rate.optional(),
  /** UDP datagram payload (-l). Default 1400. */
  lengthBytes: udpLength.optional(),
});

/** Control-plane cost (measured with tinybench): create veth pairs in one namespace, move one end of each into a
 *  second namespace, address both ends, bring them up, delete them — the network part of a container's start-up. */
export const setupCostSchema = z.strictObject({
  tool: z.literal('setup-cost'),
  name: label.optional(),
  /** "batched": the same operations through three `ip -batch` processes; "one-at-a-time": one `ip` per operation.
   *  Default both (one point each). */
  modes: distinctValues(z.enum(['batched', 'one-at-a-time'])).optional(),
  /** veth pairs per cycle. Default 1. */
  pairs: z.int().min(1).max(256).optional(),
  /** Timed creates and deletes per sample at least (tinybench also runs for the sample's duration). Default 5. */
  minIterations: z.int().min(1).max(100_000).optional(),
});

export const workloadSchema = z.discriminatedUnion('tool', [
  z.discriminatedUnion('protocol', [iperf3TcpSchema, iperf3UdpSchema]),
  sockperfSchema,
  densitySchema,
  setupCostSchema,
  rrSchema, crrSchema, flowsSchema, ppsSchema,
]);

export type ValidWorkloadInput = z.output<typeof workloadSchema>;
