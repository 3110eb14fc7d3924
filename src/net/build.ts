// Pure: the ip commands that build a resolved topology, one `ip -batch` per namespace, never touching the root namespace.
import type { ResolvedTopology } from '../topology/resolve.ts';
import type { HostCommand } from './command.ts';

export function createNamespacesCommand(names: readonly string[]): HostCommand {
  return { argv: ['ip', '-batch', '-'], stdin: names.map((n) => `netns add ${n}\n`).join('') };
}

/** Both ends are created directly inside their namespaces, so the root namespace never holds them. */
function linkAddLines(topology: ResolvedTopology): string[] {
  return topology.links.map(({ a, b }) => `link add name ${a.iface} netns ${a.netns} type veth peer name ${b.iface} netns ${b.netns}`);
}

export function namespaceBatchText(topology: ResolvedTopology, netns: string): string {
  const plan = topology.namespaces.find((n) => n.name === netns);
  if (!plan) throw new Error(`namespace ${netns} is not part of the topology`);
  const lines: string[] = [];
  if (topology.namespaces[0]?.name === netns) lines.push(...linkAddLines(topology));
  lines.push('link set lo up');
  for (const end of topology.links.flatMap((l) => [l.a, l.b]).filter((e) => e.netns === netns)) {
    lines.push(`addr add ${end.address}/${end.prefixLength} dev ${end.iface}`, `link set ${end.iface} up`);
  }
  for (const route of plan.routes) lines.push(`route add ${route.to} via ${route.via}`);
  return lines.map((l) => `${l}\n`).join('');
}

/** In creation order: namespaces, then one batch per namespace (the first one also creates every veth pair). */
export function buildCommands(topology: ResolvedTopology): HostCommand[] {
  const names = topology.namespaces.map((n) => n.name);
  const commands: HostCommand[] = [createNamespacesCommand(names)];
  for (const ns of topology.namespaces) {
    commands.push({ argv: ['ip', '-n', ns.name, '-batch', '-'], stdin: namespaceBatchText(topology, ns.name) });
    if (ns.forwarding) commands.push({ argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], netns: ns.name });
  }
  return commands;
}

/** -force: go on past a namespace that is already gone. Deleting a namespace destroys the veth ends inside it. */
export function deleteNamespacesCommand(names: readonly string[]): HostCommand {
  return { argv: ['ip', '-force', '-batch', '-'], stdin: names.map((n) => `netns del ${n}\n`).join('') };
}
