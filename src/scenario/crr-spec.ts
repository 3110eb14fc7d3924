// Pure: the connection-rate workload kind's scenario part. What it measures is iperf2 --connect-only: the TCP
// three-way handshake (connect() returning), then close — no request and reply, so it is netperf's TCP_CRR without
// the transaction (TCP_CC). The label says "connect".
import { z } from 'zod';

export const CRR_MAX_FLOWS = 64;

/** Connection rate: back-to-back connect()+close() from `flows` client threads; TIME_WAIT reuse on in the client. */
export interface CrrWorkloadInput {
  tool: 'crr';
  name?: string;
  /** Client threads connecting at once (iperf2 -P), one point each: 1..64. Default [1]. */
  flows?: number[];
}

export type CrrWorkload = { label: string; tool: 'crr'; flows: number };

export const crrSchema = z.strictObject({
  tool: z.literal('crr'),
  name: z.string().min(1).max(40).optional(),
  flows: z.array(z.int().min(1).max(CRR_MAX_FLOWS)).min(1).optional(),
});

export function resolveCrr(w: z.infer<typeof crrSchema>): CrrWorkload[] {
  const base = w.name ?? 'crr-connect';
  return [...new Set(w.flows ?? [1])].map((flows) => ({ label: `${base}${flows > 1 ? `-f${flows}` : ''}`, tool: 'crr' as const, flows }));
}
