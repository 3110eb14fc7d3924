// Pure: the request/response-rate workload kind's scenario part (netperf TCP_RR / UDP_RR): its schema entry, the
// authored and resolved shapes, and how one entry becomes one point per message size × flow count.
import { z } from 'zod';

/**
 * iperf2 2.1.8's bounceback carries its own header in every request: below this many bytes the client stalls
 * ("tcp bounce-back read failed") until it is killed, so the schema refuses smaller messages.
 */
export const BOUNCEBACK_MIN_BYTES = 64;
export const RR_MAX_BYTES = 65536;
export const RR_MAX_FLOWS = 256;

/** Request/response rate: each flow keeps one request of `messageBytes` in flight and answers it back to back. */
export interface RrWorkloadInput {
  tool: 'rr';
  /** "tcp" (netperf TCP_RR, iperf2 bounceback) or "udp" (UDP_RR, sockperf ping-pong: iperf2 2.1.8 has no UDP bounceback). */
  protocol: 'tcp' | 'udp';
  name?: string;
  /** Request and reply size in bytes (iperf2 -l, sockperf -m), one point each: 64..65536 (UDP: ..65000). Default [64]. */
  messageBytes?: number[];
  /** Concurrent flows (iperf2 -P), one point each: 1..256. Default [1]. */
  flows?: number[];
}

export type RrWorkload = { label: string; tool: 'rr'; protocol: 'tcp' | 'udp'; messageBytes: number; flows: number };

const sizeMessage = `iperf2's bounceback needs at least ${BOUNCEBACK_MIN_BYTES} bytes (smaller requests stall the client on its header) and at most ${RR_MAX_BYTES}`;
/** UDP request/response runs on sockperf, whose messages stop at 65000 bytes. */
export const UDP_RR_MAX_BYTES = 65000;

export const rrSchema = z.strictObject({
  tool: z.literal('rr'),
  protocol: z.enum(['tcp', 'udp']),
  name: z.string().min(1).max(40).optional(),
  messageBytes: z.array(z.int().min(BOUNCEBACK_MIN_BYTES, { message: sizeMessage }).max(RR_MAX_BYTES, { message: sizeMessage })).min(1).optional(),
  flows: z.array(z.int().min(1).max(RR_MAX_FLOWS)).min(1).optional(),
}).superRefine((w, ctx) => {
  if (w.protocol !== 'udp') return;
  for (const [i, bytes] of (w.messageBytes ?? []).entries()) {
    if (bytes > UDP_RR_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['messageBytes', i], message: `UDP request/response runs on sockperf, which sends at most ${UDP_RR_MAX_BYTES} bytes; got ${bytes}` });
  }
});

export function resolveRr(w: z.infer<typeof rrSchema>): RrWorkload[] {
  const base = w.name ?? `rr-${w.protocol}`;
  return [...new Set(w.messageBytes ?? [BOUNCEBACK_MIN_BYTES])].flatMap((messageBytes) => [...new Set(w.flows ?? [1])].map((flows) => ({
    label: `${base}-${messageBytes}B${flows > 1 ? `-f${flows}` : ''}`, tool: 'rr' as const, protocol: w.protocol, messageBytes, flows,
  })));
}
