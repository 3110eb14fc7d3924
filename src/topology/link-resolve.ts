// Pure: a pair topology over a link kind other than veth (macvlan, ipvlan, netkit, loopback), in namespaces of its
// own, so every kind of a run can be up at once and be compared on the same addresses and interface names.
import { endpoint, interfaceName, namespaceName, plainNamespace, veth } from './kinds/common.ts';
import { pairNames, type PairTopology } from './kinds/pair.ts';
import { linkName, namespaceTag, type LinkSpec } from './link-kinds.ts';
import type { DevicePlan, Endpoint, ResolvedTopology } from './types.ts';

const PARENT_ROLE = 'par';

/**
 * A pair topology over a non-veth kind, in its own namespaces (the kind's tag after the run prefix), with the same
 * addresses and interface names as the veth pair, so every kind of a run can be up at once and compared fairly.
 */
export function resolveLinkKind(spec: PairTopology, link: Exclude<LinkSpec, { kind: 'veth' }>, prefix: string, subnet: number): ResolvedTopology {
  const names = pairNames(spec);
  const tag = namespaceTag(link);
  const tagged = (roleName: string, host: number): Endpoint => ({ ...endpoint(prefix, roleName, 0, subnet, host), netns: namespaceName(prefix, `${tag}${roleName}`) });
  const common = { kind: 'pair' as const, link: linkName(link), prefix };
  let client = tagged(names.client, 1);
  let server = tagged(names.server, 2);

  if (link.kind === 'loopback') {
    // One namespace; both addresses on lo as /32s, so the run keeps to its benchmarking range.
    const netns = namespaceName(prefix, tag);
    client = { netns, iface: 'lo', address: client.address, prefixLength: 32 };
    server = { ...client, address: server.address };
    return {
      ...common, client, server, namespaces: [plainNamespace(netns, 'client+server')], devices: [], lowers: [],
      links: [{ index: 0, a: client, b: server }],
      path: `${netns}: client and server in one namespace over lo (no virtual link: the upper bound)`,
    };
  }
  const namespaces = [plainNamespace(client.netns, 'client'), plainNamespace(server.netns, 'server')];
  const links = [{ index: 0, a: client, b: server }];
  if (link.kind === 'netkit') {
    return {
      ...common, client, server, namespaces, lowers: [], links,
      devices: [{ type: 'netkit', netns: client.netns, a: client, b: server, mode: link.mode }],
      path: `${client.netns} → netkit pair (${link.mode} mode, no BPF program: default forward policy) → ${server.netns}`,
    };
  }
  // macvlan / ipvlan: both children hang off one veth end in a parent namespace; the parent is never a bridge port.
  const parentNs = namespaceName(prefix, `${tag}${PARENT_ROLE}`);
  const parent = { netns: parentNs, iface: interfaceName(prefix, PARENT_ROLE, 0) };
  const peer = { netns: parentNs, iface: interfaceName(prefix, PARENT_ROLE, 1) };
  const children: DevicePlan[] = [client, server].map((child) =>
    link.kind === 'macvlan'
      ? { type: 'macvlan', netns: parentNs, lower: parent.iface, child: { netns: child.netns, iface: child.iface }, mode: link.mode }
      : { type: 'ipvlan', netns: parentNs, lower: parent.iface, child: { netns: child.netns, iface: child.iface }, mode: link.mode });
  const hairpin = link.kind === 'macvlan' && link.mode === 'vepa'
    ? [{ type: 'hairpin-bridge' as const, netns: parentNs, iface: `${prefix}hairpin`, port: peer.iface }]
    : [];
  return {
    ...common, client, server, links,
    namespaces: [plainNamespace(parentNs, 'parent'), ...namespaces],
    devices: [veth(parentNs, parent, peer), ...hairpin, ...children],
    lowers: [parent, peer],
    path: siblingPath(link, client.netns, server.netns, `${parentNs}/${parent.iface}`, hairpin[0]?.iface ?? ''),
  };
}

function siblingPath(link: { kind: 'macvlan' | 'ipvlan'; mode: string }, cli: string, srv: string, parent: string, bridge: string): string {
  if (link.kind === 'macvlan' && link.mode === 'vepa') {
    return `${cli} → macvlan (vepa mode) → parent veth ${parent} → its peer → bridge ${bridge} (hairpin: the external switch) → back over the parent veth → macvlan → ${srv}; every frame crosses the parent veth pair twice`;
  }
  const how = {
    bridge: 'switched inside the macvlan driver',
    l2: 'switched inside the ipvlan driver (both children share the parent\'s MAC address)',
    l3: 'routed inside the ipvlan driver by destination IP (no ARP)',
    l3s: 'routed inside the ipvlan driver by destination IP (no ARP), through the l3mdev/netfilter hooks on receive',
  }[link.mode];
  const mode = link.kind === 'ipvlan' ? `${link.mode} mode, bridge flag` : `${link.mode} mode`;
  return `${cli} → ${link.kind} (${mode}) → ${srv}: two children of ${parent}, ${how}; never crosses the parent veth`;
}
