// Pure: a scenario's topology and one link kind → concrete namespaces, devices, addresses and routes for one run prefix.
import type { ScenarioProblem } from '../errors.ts';
import type { BridgeTopology, ChainTopology, HostContainerTopology, TopologySpec } from '../scenario/types.ts';
import { formatIpv4, nthSubnet24, parseCidr, unusablePoolReason, type Cidr } from './ipv4.ts';
import { linkName, namespaceTag, VETH, type IpvlanMode, type LinkSpec, type MacvlanMode, type NetkitMode } from './link-kinds.ts';

export const DEFAULT_ADDRESS_POOL = '198.18.0.0/15';
/** IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_IFNAME = 15;
/** A run prefix is "vb" + 4 hex digits; every namespace and interface of the run starts with it. */
export const PREFIX_PATTERN = /^vb[0-9a-f]{4}$/;
const PREFIX_LENGTH = 6;

export type Role = 'client' | 'router' | 'server';

/** A network device in a namespace. */
export interface Device {
  netns: string;
  iface: string;
}

export interface Endpoint extends Device {
  /** Address without prefix length. */
  address: string;
  prefixLength: number;
}

/** A measured link: the client-side and server-side device of one hop. Link knobs apply to its ends. */
export interface MeasuredLink {
  index: number;
  a: Endpoint;
  b: Endpoint;
}

/** What the build creates, in order, inside the batch of `netns` (src/net/build.ts turns it into `ip` lines). */
export type DevicePlan =
  | { type: 'veth'; netns: string; a: Device; b: Device }
  | { type: 'netkit'; netns: string; a: Device; b: Device; mode: NetkitMode }
  | { type: 'macvlan'; netns: string; lower: string; child: Device; mode: MacvlanMode }
  | { type: 'ipvlan'; netns: string; lower: string; child: Device; mode: IpvlanMode }
  /** A bridge whose one port reflects frames back out of it: the hairpin switch macvlan vepa mode needs. */
  | { type: 'hairpin-bridge'; netns: string; iface: string; port: string }
  /** A Linux bridge (the docker0 model) with its ports: the host-side veth ends, brought up as `lowers`. */
  | { type: 'bridge'; netns: string; iface: string; ports: string[] };

export interface NamespacePlan {
  name: string;
  /** parent: holds the veth that macvlan/ipvlan children hang off; client+server: loopback's single namespace. */
  role: Role | 'parent' | 'client+server' | 'host' | 'container' | 'remote';
  routes: { to: string; via: string }[];
  /** net.ipv4.ip_forward=1 inside this namespace only. */
  forwarding: boolean;
  /** An nftables MASQUERADE rule for traffic leaving through this interface, installed inside this namespace. */
  masquerade?: { oif: string };
}

export interface ResolvedTopology {
  kind: TopologySpec['kind'];
  /** The link kind's canonical name ("veth", "macvlan:bridge", …). */
  link: string;
  prefix: string;
  /** In build order: a namespace's batch may create devices in the namespaces after it. */
  namespaces: NamespacePlan[];
  devices: DevicePlan[];
  /** Devices under the measured ones (a macvlan/ipvlan parent veth): brought up at build; MTU is set on them first. */
  lowers: Device[];
  links: MeasuredLink[];
  /** Addressed ends that are not measured (a bridge's idle containers): built, brought up and given the MTU like link ends. */
  extras?: Endpoint[];
  client: Endpoint;
  server: Endpoint;
  /** What the measured traffic crosses, for plans, tables and results. */
  path: string;
}

function roleNames(spec: TopologySpec): Record<Role, string> {
  const names: Partial<Record<Role, string>> = spec.kind === 'bridge' || spec.kind === 'hostContainer' ? {} : (spec.names ?? {});
  return { client: names.client ?? 'cli', router: names.router ?? 'rtr', server: names.server ?? 'srv' };
}

export function namespaceName(prefix: string, roleName: string): string {
  return `${prefix}-${roleName}`;
}

export function interfaceName(prefix: string, roleName: string, index: number): string {
  return `${prefix}${roleName}${index}`;
}

/** Checks that need no host: names within the kernel's limit, distinct roles, a pool big enough. */
export function topologyProblems(spec: TopologySpec): ScenarioProblem[] {
  if (spec.kind === 'bridge' || spec.kind === 'chain' || spec.kind === 'hostContainer') return multiHopProblems(spec);
  const problems: ScenarioProblem[] = [];
  const names = roleNames(spec);
  const roles: Role[] = spec.kind === 'router' ? ['client', 'router', 'server'] : ['client', 'server'];
  for (const role of roles) {
    const ifname = interfaceName('x'.repeat(PREFIX_LENGTH), names[role], 1);
    if (ifname.length > MAX_IFNAME) {
      problems.push({
        path: `topology.names.${role}`,
        message: `"${names[role]}" makes interface names like "vb1234${names[role]}1" of ${ifname.length} characters; the kernel allows ${MAX_IFNAME} — use at most ${MAX_IFNAME - PREFIX_LENGTH - 1} characters`,
      });
    }
  }
  const used = roles.map((r) => names[r]);
  if (new Set(used).size !== used.length) {
    problems.push({ path: 'topology.names', message: `role names must differ; got ${used.join(', ')}` });
  }
  const pool = parseCidr(spec.addressPool ?? DEFAULT_ADDRESS_POOL);
  const linkCount = spec.kind === 'router' ? 2 : 1;
  if (typeof pool === 'string') {
    problems.push({ path: 'topology.addressPool', message: pool });
  } else if (unusablePool(spec.addressPool, pool)) {
    problems.push(unusablePool(spec.addressPool, pool)!);
  } else if (nthSubnet24(pool, linkCount - 1) === undefined) {
    problems.push({
      path: 'topology.addressPool',
      message: `"${spec.addressPool}" is too small: the ${spec.kind} topology needs ${linkCount} /24 subnet(s); use a /${25 - linkCount} or larger, e.g. "${DEFAULT_ADDRESS_POOL}"`,
    });
  }
  return problems;
}

/** A pool in a range no link can carry (loopback, multicast …): refused before anything is built. */
function unusablePool(text: string | undefined, pool: Cidr): ScenarioProblem | undefined {
  const reason = unusablePoolReason(pool);
  return reason ? { path: 'topology.addressPool', message: `"${text}" ${reason}; use a unicast range such as "${DEFAULT_ADDRESS_POOL}" (RFC 2544, reserved for benchmarks)` } : undefined;
}

/** Subnets (/24 each) a bridge or chain topology needs. */
function subnetCount(spec: BridgeTopology | ChainTopology | HostContainerTopology): number {
  return spec.kind === 'bridge' ? 1 : spec.kind === 'hostContainer' ? 2 : chainHops(spec) + 1;
}

/** Bridge and chain: resolve with the longest prefix and check every name against the kernel limit, role names
 *  apart, the pool big enough, and no address used twice. */
function multiHopProblems(spec: BridgeTopology | ChainTopology | HostContainerTopology): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const pool = parseCidr(spec.addressPool ?? DEFAULT_ADDRESS_POOL);
  const needed = subnetCount(spec);
  if (typeof pool === 'string') return [{ path: 'topology.addressPool', message: pool }];
  const unusable = unusablePool(spec.addressPool, pool);
  if (unusable) return [unusable];
  if (nthSubnet24(pool, needed - 1) === undefined) {
    return [{ path: 'topology.addressPool', message: `"${spec.addressPool}" is too small: the ${spec.kind} topology needs ${needed} /24 subnet(s); use a /${Math.max(8, 24 - Math.ceil(Math.log2(needed)))} or larger, e.g. "${DEFAULT_ADDRESS_POOL}"` }];
  }
  const names = Object.values(spec.kind === 'bridge' ? bridgeNames(spec) : spec.kind === 'hostContainer' ? hostContainerNames(spec) : roleNames(spec));
  if (new Set(names).size !== names.length) problems.push({ path: 'topology.names', message: `role names must differ; got ${names.join(', ')}` });
  const t = resolveTopology(spec, 'vb0000');
  const ifaces = [...t.links.flatMap((l) => [l.a, l.b]), ...(t.extras ?? []), ...t.lowers, ...t.devices.flatMap((d) => (d.type === 'bridge' ? [{ iface: d.iface }] : []))];
  const long = ifaces.find((d) => d.iface.length > MAX_IFNAME);
  if (long) problems.push({ path: 'topology.names', message: `makes interface names like "${long.iface}" of ${long.iface.length} characters; the kernel allows ${MAX_IFNAME} — shorten the role names` });
  const addresses = [...t.links.flatMap((l) => [l.a, l.b]), ...(t.extras ?? [])].map((e) => e.address);
  const twice = addresses.find((a, i) => addresses.indexOf(a) !== i);
  if (twice) problems.push({ path: 'topology', message: `address ${twice} would be used twice` });
  const namespaces = t.namespaces.map((n) => n.name);
  if (new Set(namespaces).size !== namespaces.length) problems.push({ path: 'topology.names', message: `two namespaces would share a name (${namespaces.join(', ')}); choose other role names` });
  return problems;
}

function hostContainerNames(spec: HostContainerTopology): { container: string; host: string; remote: string } {
  return { container: spec.names?.container ?? 'ctr', host: spec.names?.host ?? 'host', remote: spec.names?.remote ?? 'rem' };
}

/** container (.1) ⇄ host (.2) on subnet 0; host (.1) ⇄ remote (.2) on subnet 1; NAT on the host's remote side. */
function resolveHostContainer(spec: HostContainerTopology, prefix: string, subnet: (i: number) => number): ResolvedTopology {
  const names = hostContainerNames(spec);
  const container = endpoint(prefix, names.container, 0, subnet(0), 1);
  const hostIn = endpoint(prefix, names.host, 0, subnet(0), 2);
  const hostOut = endpoint(prefix, names.host, 1, subnet(1), 1);
  const remote = endpoint(prefix, names.remote, 0, subnet(1), 2);
  return {
    kind: 'hostContainer', prefix, link: 'veth', lowers: [], client: container, server: remote,
    namespaces: [
      { name: hostIn.netns, role: 'host', routes: [], forwarding: true, masquerade: { oif: hostOut.iface } },
      { name: container.netns, role: 'client', routes: [{ to: 'default', via: hostIn.address }], forwarding: false },
      // No route back to the container's subnet: replies reach the host's own address, which NAT maps back.
      { name: remote.netns, role: 'server', routes: [], forwarding: false },
    ],
    devices: [veth(hostIn.netns, container, hostIn), veth(hostIn.netns, hostOut, remote)],
    links: [
      { index: 0, a: container, b: hostIn },
      { index: 1, a: hostOut, b: remote },
    ],
    path: `${container.netns} → veth → ${hostIn.netns} (IPv4 forwarding, nftables MASQUERADE out of ${hostOut.iface}) → veth → ${remote.netns}`,
  };
}

function bridgeNames(spec: BridgeTopology): { host: string; container: string } {
  return { host: spec.names?.host ?? 'br', container: spec.names?.container ?? 'ct' };
}

export function chainHops(spec: ChainTopology): number {
  return spec.hops ?? 2;
}

function endpoint(prefix: string, roleName: string, ifIndex: number, subnet: number, host: number): Endpoint {
  return { netns: namespaceName(prefix, roleName), iface: interfaceName(prefix, roleName, ifIndex), address: formatIpv4(subnet + host), prefixLength: 24 };
}

function veth(netns: string, a: Device, b: Device): DevicePlan {
  return { type: 'veth', netns, a: { netns: a.netns, iface: a.iface }, b: { netns: b.netns, iface: b.iface } };
}

/** Call only after topologyProblems() and linkProblems() returned nothing. */
export function resolveTopology(spec: TopologySpec, prefix: string, link: LinkSpec = VETH): ResolvedTopology {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`invalid run prefix ${prefix}`);
  const names = roleNames(spec);
  const pool = parseCidr(spec.addressPool ?? DEFAULT_ADDRESS_POOL);
  if (typeof pool === 'string') throw new Error(pool);
  const subnet = (i: number): number => nthSubnet24(pool, i)!;
  if (link.kind !== 'veth') {
    if (spec.kind !== 'pair') throw new Error(`${linkName(link)} needs the pair topology`);
    return resolveLinkKind(link, prefix, names, subnet(0));
  }
  const ns = (role: Role, routes: NamespacePlan['routes'] = [], forwarding = false): NamespacePlan => ({
    name: namespaceName(prefix, names[role]), role, routes, forwarding,
  });
  const common = { prefix, link: 'veth', lowers: [] };
  if (spec.kind === 'bridge') return resolveBridge(spec, prefix, subnet(0));
  if (spec.kind === 'chain') return resolveChain(spec, prefix, names, subnet);
  if (spec.kind === 'hostContainer') return resolveHostContainer(spec, prefix, subnet);

  if (spec.kind === 'pair') {
    const client = endpoint(prefix, names.client, 0, subnet(0), 1);
    const server = endpoint(prefix, names.server, 0, subnet(0), 2);
    return {
      kind: 'pair', ...common, client, server,
      namespaces: [ns('client'), ns('server')],
      devices: [veth(client.netns, client, server)],
      links: [{ index: 0, a: client, b: server }],
      path: `${client.netns} → veth → ${server.netns}`,
    };
  }
  const client = endpoint(prefix, names.client, 0, subnet(0), 1);
  const routerIn = endpoint(prefix, names.router, 0, subnet(0), 2);
  const routerOut = endpoint(prefix, names.router, 1, subnet(1), 1);
  const server = endpoint(prefix, names.server, 0, subnet(1), 2);
  return {
    kind: 'router', ...common, client, server,
    namespaces: [
      ns('client', [{ to: 'default', via: routerIn.address }]),
      ns('router', [], true),
      ns('server', [{ to: 'default', via: routerOut.address }]),
    ],
    // Both pairs are created from the first namespace's batch, with `netns` on each end.
    devices: [veth(client.netns, client, routerIn), veth(client.netns, routerOut, server)],
    links: [
      { index: 0, a: client, b: routerIn },
      { index: 1, a: routerOut, b: server },
    ],
    path: `${client.netns} → veth → ${routerIn.netns} (IPv4 forwarding) → veth → ${server.netns}`,
  };
}

/** N containers on one /24 (.1 … .N), each veth'd to a port of one bridge in the host namespace. */
function resolveBridge(spec: BridgeTopology, prefix: string, subnet: number): ResolvedTopology {
  const names = bridgeNames(spec);
  const count = spec.containers ?? 2;
  const hostNs = namespaceName(prefix, names.host);
  const bridge = `${prefix}${names.host}`;
  const containers = Array.from({ length: count }, (_, i) => endpoint(prefix, `${names.container}${i}`, 0, subnet, i + 1));
  const ports: Device[] = containers.map((_, i) => ({ netns: hostNs, iface: interfaceName(prefix, `${names.host}p`, i) }));
  const client = containers[0]!;
  const server = containers[count - 1]!;
  const plan = (name: string, role: NamespacePlan['role']): NamespacePlan => ({ name, role, routes: [], forwarding: false });
  return {
    kind: 'bridge', prefix, link: 'veth', client, server,
    // The host namespace goes first: its batch creates every pair (one end straight into each container).
    namespaces: [plan(hostNs, 'host'), ...containers.map((c, i) => plan(c.netns, i === 0 ? 'client' : i === count - 1 ? 'server' : 'container'))],
    devices: [
      ...containers.map((c, i) => veth(hostNs, ports[i]!, c)),
      { type: 'bridge', netns: hostNs, iface: bridge, ports: ports.map((p) => p.iface) },
    ],
    lowers: ports,
    links: [{ index: 0, a: client, b: server }],
    extras: containers.slice(1, -1),
    path: `${client.netns} → veth → ${hostNs}/${ports[0]!.iface} → bridge ${bridge} (${count} ports) → ${ports[count - 1]!.iface} → veth → ${server.netns}`,
  };
}

/** client, K routers, server in a line: link i joins node i (.1 of subnet i) and node i+1 (.2 of subnet i). */
function resolveChain(spec: ChainTopology, prefix: string, names: Record<Role, string>, subnet: (i: number) => number): ResolvedTopology {
  const hops = chainHops(spec);
  const nodeName = (n: number): string => (n === 0 ? names.client : n === hops + 1 ? names.server : `${names.router}${n - 1}`);
  const links: MeasuredLink[] = Array.from({ length: hops + 1 }, (_, i) => ({
    index: i,
    a: endpoint(prefix, nodeName(i), i === 0 ? 0 : 1, subnet(i), 1),
    b: endpoint(prefix, nodeName(i + 1), 0, subnet(i), 2),
  }));
  const cidr = (i: number): string => `${formatIpv4(subnet(i))}/24`;
  const namespaces: NamespacePlan[] = [];
  namespaces.push({ name: links[0]!.a.netns, role: 'client', routes: [{ to: 'default', via: links[0]!.b.address }], forwarding: false });
  for (let r = 0; r < hops; r++) {
    // Router r sits between link r (its side .2) and link r+1 (its side .1): subnets behind it go back, those ahead go on.
    const routes = [
      ...Array.from({ length: r }, (_, s) => ({ to: cidr(s), via: links[r]!.a.address })),
      ...Array.from({ length: hops - r - 1 }, (_, k) => ({ to: cidr(r + 2 + k), via: links[r + 1]!.b.address })),
    ];
    namespaces.push({ name: links[r]!.b.netns, role: 'router', routes, forwarding: true });
  }
  namespaces.push({ name: links[hops]!.b.netns, role: 'server', routes: [{ to: 'default', via: links[hops]!.a.address }], forwarding: false });
  const client = links[0]!.a;
  const server = links[hops]!.b;
  return {
    kind: 'chain', prefix, link: 'veth', lowers: [], client, server, namespaces, links,
    // Every pair is created from the client's batch, with `netns` on each end.
    devices: links.map((l) => veth(client.netns, l.a, l.b)),
    path: [client.netns, ...namespaces.slice(1, -1).map((n) => `${n.name} (IPv4 forwarding)`), server.netns].join(' → veth → ') + ` (${hops} router hop${hops === 1 ? '' : 's'})`,
  };
}

const PARENT_ROLE = 'par';

/**
 * A pair topology over a non-veth kind, in its own namespaces (the kind's tag after the run prefix), with the same
 * addresses and interface names as the veth pair, so every kind of a run can be up at once and compared fairly.
 */
function resolveLinkKind(link: Exclude<LinkSpec, { kind: 'veth' }>, prefix: string, names: Record<Role, string>, subnet: number): ResolvedTopology {
  const tag = namespaceTag(link);
  const tagged = (roleName: string, host: number): Endpoint => ({ ...endpoint(prefix, roleName, 0, subnet, host), netns: namespaceName(prefix, `${tag}${roleName}`) });
  const plan = (name: string, role: NamespacePlan['role']): NamespacePlan => ({ name, role, routes: [], forwarding: false });
  const common = { kind: 'pair' as const, link: linkName(link), prefix };
  let client = tagged(names.client, 1);
  let server = tagged(names.server, 2);

  if (link.kind === 'loopback') {
    // One namespace; both addresses on lo as /32s, so the run keeps to its benchmarking range.
    const netns = namespaceName(prefix, tag);
    client = { netns, iface: 'lo', address: client.address, prefixLength: 32 };
    server = { ...client, address: server.address };
    return {
      ...common, client, server, namespaces: [plan(netns, 'client+server')], devices: [], lowers: [],
      links: [{ index: 0, a: client, b: server }],
      path: `${netns}: client and server in one namespace over lo (no virtual link: the upper bound)`,
    };
  }
  const namespaces = [plan(client.netns, 'client'), plan(server.netns, 'server')];
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
    namespaces: [plan(parentNs, 'parent'), ...namespaces],
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

/** Checks of the links dimension that need no host: pair topology only, no duplicates, namespace names apart. */
export function linkProblems(spec: TopologySpec, links: readonly { index: number; link: LinkSpec }[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const seen = new Map<string, number>();
  const namespaces = new Map<string, string>();
  for (const { index, link } of links) {
    const name = linkName(link);
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push({ path: `links[${index}]`, message: `is the same link as links[${first}] (${name})` });
      continue;
    }
    seen.set(name, index);
    if (link.kind !== 'veth' && spec.kind !== 'pair') {
      problems.push({ path: `links[${index}]`, message: `${name} needs topology.kind "pair" (the ${spec.kind} topology is built from veth pairs only); use a pair topology or links: ['veth']` });
      continue;
    }
    if (spec.kind !== 'pair' || topologyProblems(spec).length) continue;
    for (const ns of resolveTopology(spec, 'vb0000', link).namespaces) {
      const other = namespaces.get(ns.name);
      if (other) problems.push({ path: 'topology.names', message: `the ${other} and ${name} links would both use namespace "${ns.name}"; choose other role names` });
      namespaces.set(ns.name, name);
    }
  }
  return problems;
}

/** Every measured end of the topology: the interfaces link knobs apply to (lo once, although both ends use it). */
export function allEndpoints(topology: ResolvedTopology): Endpoint[] {
  return uniqueDevices(topology.links.flatMap((l) => [l.a, l.b]));
}

function uniqueDevices<T extends Device>(devices: readonly T[]): T[] {
  return devices.filter((d, i) => devices.findIndex((o) => o.netns === d.netns && o.iface === d.iface) === i);
}
