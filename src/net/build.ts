// Pure: the ip commands that build a resolved topology, one `ip -batch` per namespace, never touching the root namespace.
import { kindOf, type TopologySpec } from '../topology/kinds/registry.ts';
import type { DevicePlan, ResolvedTopology } from '../topology/resolve.ts';
import type { HostCommand } from './command.ts';

export function createNamespacesCommand(names: readonly string[]): HostCommand {
  return { argv: ['ip', '-batch', '-'], stdin: names.map((n) => `netns add ${n}\n`).join('') };
}

/** The `ip` batch lines that create one device (inside the batch of `device.netns`). Modes are always explicit. */
function deviceLines(device: DevicePlan): string[] {
  switch (device.type) {
    // Both ends are created directly inside their namespaces, so the root namespace never holds them.
    case 'veth':
    case 'netkit': {
      const { a, b } = device;
      const type = device.type === 'netkit' ? `netkit mode ${device.mode}` : 'veth';
      return [`link add name ${a.iface} netns ${a.netns} type ${type} peer name ${b.iface} netns ${b.netns}`];
    }
    // The child is created straight into its namespace; its parent (`link`) is looked up where the batch runs.
    case 'macvlan':
      return [`link add name ${device.child.iface} netns ${device.child.netns} link ${device.lower} type macvlan mode ${device.mode}`];
    case 'ipvlan':
      return [`link add name ${device.child.iface} netns ${device.child.netns} link ${device.lower} type ipvlan mode ${device.mode} bridge`];
    case 'hairpin-bridge':
      return [
        `link add name ${device.iface} type bridge`,
        `link set ${device.port} master ${device.iface}`,
        `link set dev ${device.port} type bridge_slave hairpin on`,
        `link set ${device.iface} up`,
      ];
    case 'bridge':
      return [`link add name ${device.iface} type bridge`, ...device.ports.map((p) => `link set ${p} master ${device.iface}`), `link set ${device.iface} up`];
  }
}

export function namespaceBatchText(topology: ResolvedTopology, netns: string): string {
  const plan = topology.namespaces.find((n) => n.name === netns);
  if (!plan) throw new Error(`namespace ${netns} is not part of the topology`);
  const lines = topology.devices.filter((d) => d.netns === netns).flatMap(deviceLines);
  lines.push('link set lo up');
  for (const lower of topology.lowers.filter((d) => d.netns === netns)) lines.push(`link set ${lower.iface} up`);
  // Loopback's two ends are both `lo` (already up) with one address each.
  for (const end of [...topology.links.flatMap((l) => [l.a, l.b]), ...(topology.extras ?? [])].filter((e) => e.netns === netns)) {
    lines.push(`addr add ${end.address}/${end.prefixLength} dev ${end.iface}`);
    if (end.iface !== 'lo') lines.push(`link set ${end.iface} up`);
  }
  for (const route of plan.routes) lines.push(`route add ${route.to} via ${route.via}`);
  return lines.map((l) => `${l}\n`).join('');
}

/** In creation order: namespaces, then one batch per namespace (each creates its devices, also those it puts into later namespaces). */
export function buildCommands(topology: ResolvedTopology): HostCommand[] {
  const names = topology.namespaces.map((n) => n.name);
  const commands: HostCommand[] = [createNamespacesCommand(names)];
  for (const ns of topology.namespaces) {
    commands.push({ argv: ['ip', '-n', ns.name, '-batch', '-'], stdin: namespaceBatchText(topology, ns.name) });
    if (ns.forwarding) commands.push({ argv: ['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], netns: ns.name });
    if (ns.masquerade) commands.push({ argv: ['nft', '-f', '-'], netns: ns.name, stdin: masqueradeRuleset(ns.masquerade.oif) });
  }
  return commands;
}

export const NAT_TABLE = 'vethbench';

/** The host namespace's NAT: everything leaving through `oif` gets the host's address (nftables, this namespace only). */
export function masqueradeRuleset(oif: string): string {
  return `table ip ${NAT_TABLE} {\n  chain postrouting {\n    type nat hook postrouting priority 100; policy accept;\n    oifname "${oif}" masquerade\n  }\n}\n`;
}

/** Whether building this topology needs the nft binary (its kind says so: hostContainer installs its MASQUERADE rule with it). */
export function needsNft(spec: Pick<TopologySpec, 'kind'>): boolean {
  return kindOf(spec).programs.includes('nft');
}

/** -force: go on past a namespace that is already gone. Deleting a namespace destroys the devices inside it
 *  (and a macvlan/ipvlan parent's deletion its children). */
export function deleteNamespacesCommand(names: readonly string[]): HostCommand {
  return { argv: ['ip', '-force', '-batch', '-'], stdin: names.map((n) => `netns del ${n}\n`).join('') };
}
