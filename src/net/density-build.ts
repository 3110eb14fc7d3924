// Pure: the batched ip commands that build a density trial's pairs: one process creates every namespace, one every
// veth pair (both ends directly inside their namespaces), then one `ip -batch` per namespace addresses and raises its end.
import type { ResolvedTopology } from '../topology/resolve.ts';
import { densityNamespaces } from '../topology/density.ts';
import { createNamespacesCommand } from './build.ts';
import type { HostCommand } from './command.ts';

export interface DensityBuild {
  /** Run in order, each one process. */
  namespaces: HostCommand;
  links: HostCommand;
  /** Independent of each other: may run concurrently. */
  perNamespace: HostCommand[];
}

export function densityBuildCommands(pairs: readonly ResolvedTopology[]): DensityBuild {
  const first = pairs[0]!.client.netns;
  const links = pairs.map(({ client: a, server: b }) => `link add name ${a.iface} netns ${a.netns} type veth peer name ${b.iface} netns ${b.netns}\n`);
  return {
    namespaces: createNamespacesCommand(densityNamespaces(pairs)),
    links: { argv: ['ip', '-n', first, '-batch', '-'], stdin: links.join('') },
    perNamespace: pairs.flatMap((p) => [p.client, p.server]).map((e) => ({
      argv: ['ip', '-n', e.netns, '-batch', '-'],
      stdin: `link set lo up\naddr add ${e.address}/${e.prefixLength} dev ${e.iface}\nlink set ${e.iface} up\n`,
    })),
  };
}
