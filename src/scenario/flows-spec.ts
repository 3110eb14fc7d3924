// Pure: the many-flows workload kind's scenario part: hundreds to thousands of concurrent TCP flows over one link.
import { z } from 'zod';

/** iperf2 runs one thread per flow; past this the client's thread and socket count is what is measured. */
export const MAX_FLOWS = 4000;

/** Many concurrent bulk TCP flows (iperf2 -P): aggregate, per-flow distribution, Jain's fairness, CPU per flow. */
export interface FlowsWorkloadInput {
  tool: 'flows';
  name?: string;
  /** Concurrent flows, one point each: 1..4000, e.g. [10, 100, 1000]. */
  flows: number[];
}

export type FlowsWorkload = { label: string; tool: 'flows'; flows: number };

export const flowsSchema = z.strictObject({
  tool: z.literal('flows'),
  name: z.string().min(1).max(40).optional(),
  flows: z.array(z.int().min(1).max(MAX_FLOWS)).min(1),
});

export function resolveFlows(w: z.infer<typeof flowsSchema>): FlowsWorkload[] {
  const base = w.name ?? 'flows';
  return [...new Set(w.flows)].map((flows) => ({ label: `${base}-${flows}`, tool: 'flows' as const, flows }));
}
