// Pure: the packet-rate-ceiling workload kind's scenario part: trafgen (netsniff-ng) floods minimum-size UDP frames
// into the client's veth end, addressed to the peer, counted at the receiving end.
import { z } from 'zod';

/** Ethernet frame bytes as trafgen builds them (no FCS on a veth): 14 + 20 + 8 header bytes + the UDP payload. */
export const PPS_HEADER_BYTES = 42;
export const PPS_MIN_FRAME_BYTES = 60;
export const PPS_MAX_FRAME_BYTES = 1514;

/** Packet-rate ceiling: trafgen sends valid UDP frames to the peer's MAC; offered and arrived are counted apart. */
export interface PpsWorkloadInput {
  tool: 'pps';
  name?: string;
  /** Frame size without FCS: 60..1514. Default 64 (UDP payload 22). */
  frameBytes?: number;
  /** trafgen sender processes (--cpus), one point each: 1..number of CPUs. Default [1]. */
  cpus?: number[];
}

export type PpsWorkload = { label: string; tool: 'pps'; frameBytes: number; cpus: number };

export const ppsSchema = z.strictObject({
  tool: z.literal('pps'),
  name: z.string().min(1).max(40).optional(),
  frameBytes: z.int().min(PPS_MIN_FRAME_BYTES).max(PPS_MAX_FRAME_BYTES).optional(),
  cpus: z.array(z.int().min(1).max(64)).min(1).optional(),
});

export function resolvePps(w: z.infer<typeof ppsSchema>): PpsWorkload[] {
  const frameBytes = w.frameBytes ?? 64;
  const base = w.name ?? `pps-trafgen-${frameBytes}B`;
  return [...new Set(w.cpus ?? [1])].map((cpus) => ({ label: `${base}${cpus > 1 ? `-x${cpus}` : ''}`, tool: 'pps' as const, frameBytes, cpus }));
}
