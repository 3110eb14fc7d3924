// Pure: one setup-cost trial — two namespaces made for it, the up and down halves of one cycle (batched or one ip
// process per operation) that tinybench times, and the namespaces' removal. The runner runs exactly these.
import { createNamespacesCommand, deleteNamespacesCommand } from '../net/build.ts';
import type { HostCommand } from '../net/command.ts';
import { setupCycleCommands } from '../net/setup-cost.ts';
import type { SetupCostWorkload } from '../scenario/scenario.ts';
import { namespaceName } from '../topology/resolve.ts';
import type { TrialInput } from './kind.ts';

/** The namespaces a setup-cost trial creates and removes: "<prefix>-sca" and "<prefix>-scb". */
export function setupCostNamespaces(prefix: string): [string, string] {
  return [namespaceName(prefix, 'sca'), namespaceName(prefix, 'scb')];
}

export interface SetupCostTrial {
  namespaces: [string, string];
  create: HostCommand;
  up: HostCommand[];
  down: HostCommand[];
}

export function setupCostTrial({ topology, workload }: TrialInput<SetupCostWorkload>): SetupCostTrial {
  const namespaces = setupCostNamespaces(topology.prefix);
  const { up, down } = setupCycleCommands(workload.mode, topology.prefix, namespaces[0], namespaces[1], workload.pairs);
  return { namespaces, create: createNamespacesCommand(namespaces), up, down };
}

export function setupCostCommands(input: TrialInput<SetupCostWorkload>): HostCommand[] {
  const t = setupCostTrial(input);
  return [t.create, ...t.up, ...t.down, deleteNamespacesCommand(t.namespaces)];
}
