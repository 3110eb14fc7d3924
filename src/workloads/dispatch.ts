// The registry of workload kinds' runners, one per tool; each executes the commands its plan part (plans.ts) builds.
import { runCrr } from './crr.ts';
import { runDensity } from './density.ts';
import { runFlows } from './flows.ts';
import { runIperf3 } from './iperf3.ts';
import type { WorkloadOf } from '../scenario/scenario.ts';
import type { WorkloadTool } from '../scenario/scenario.ts';
import { runPps } from './pps.ts';
import { runRr } from './rr.ts';
import { runSetupCost } from './setup-cost.ts';
import { runSockperf } from './sockperf.ts';
import type { Measured, WorkloadContext } from './context.ts';

type Runner<T extends WorkloadTool> = (ctx: WorkloadContext, workload: WorkloadOf<T>) => Promise<Measured | undefined>;

export const WORKLOAD_RUNNERS: { [T in WorkloadTool]: Runner<T> } = {
  iperf3: runIperf3,
  sockperf: runSockperf,
  density: runDensity,
  'setup-cost': runSetupCost,
  rr: runRr,
  crr: runCrr,
  flows: runFlows,
  pps: runPps,
};

/** undefined when the run was interrupted before the measurement finished. */
export function runWorkload(ctx: WorkloadContext): Promise<Measured | undefined> {
  const w = ctx.point.workload;
  return (WORKLOAD_RUNNERS[w.tool] as Runner<WorkloadTool>)(ctx, w as never);
}
