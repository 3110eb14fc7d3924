// Pure: the registry of workload kinds' plan parts. A kind missing here does not compile (the record is keyed by
// every resolved workload's tool); `vethbench plan` prints what these return, the runners execute the same.
import type { HostCommand } from '../net/command.ts';
import { crrCommands } from './crr-plan.ts';
import { densityCommands } from './density-plan.ts';
import { flowsCommands } from './flows-plan.ts';
import { iperf3Commands } from './iperf3-plan.ts';
import { ppsCommands } from './pps-plan.ts';
import { rrCommands } from './rr-plan.ts';
import type { CommandsOf, TrialInput } from './kind.ts';
import type { WorkloadTool } from '../scenario/scenario.ts';
import { setupCostCommands } from './setup-cost-plan.ts';
import { sockperfCommands } from './sockperf-plan.ts';

export const WORKLOAD_COMMANDS: { [T in WorkloadTool]: CommandsOf<T> } = {
  iperf3: iperf3Commands,
  sockperf: sockperfCommands,
  density: densityCommands,
  'setup-cost': setupCostCommands,
  rr: rrCommands,
  crr: crrCommands,
  flows: flowsCommands,
  pps: ppsCommands,
};

export function workloadCommands(input: TrialInput): HostCommand[] {
  const commands = WORKLOAD_COMMANDS[input.workload.tool] as (i: TrialInput) => HostCommand[];
  return commands(input);
}
