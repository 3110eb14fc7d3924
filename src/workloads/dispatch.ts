// One runner per workload tool.
import { runDensity } from './density.ts';
import { runIperf3 } from './iperf3.ts';
import { runSetupCost } from './setup-cost.ts';
import { runSockperf } from './sockperf.ts';
import type { Measured, WorkloadContext } from './context.ts';

/** undefined when the run was interrupted before the measurement finished. */
export function runWorkload(ctx: WorkloadContext): Promise<Measured | undefined> {
  const w = ctx.point.workload;
  switch (w.tool) {
    case 'iperf3': return runIperf3(ctx, w);
    case 'sockperf': return runSockperf(ctx, w);
    case 'density': return runDensity(ctx, w);
    case 'setup-cost': return runSetupCost(ctx, w);
  }
}
