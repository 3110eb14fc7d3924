// Pure: what every workload kind's plan part gets, and the typed shape of the two registries (plans.ts: pure
// commands for `vethbench plan`; dispatch.ts: the runners). Each kind's runner executes the very commands its plan
// part builds (it calls the same function), so what `plan` prints is by construction what `run` executes.
import type { KnobSettings } from '../knobs/types.ts';
import type { HostCommand } from '../net/command.ts';
import type { ResolvedWorkload, WorkloadOf, WorkloadTool } from '../scenario/scenario.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import type { ClientTiming } from '../tools/iperf3-args.ts';

/** One trial of one point, as the plan part sees it: the session's topology and port, the point's knobs. */
export interface TrialInput<W extends ResolvedWorkload = ResolvedWorkload> {
  topology: ResolvedTopology;
  port: number;
  workload: W;
  knobs: KnobSettings;
  timing: ClientTiming;
}

/** A kind's plan part: the commands one trial runs after the session is up, in the order they run. */
export type CommandsOf<T extends WorkloadTool> = (input: TrialInput<WorkloadOf<T>>) => HostCommand[];
