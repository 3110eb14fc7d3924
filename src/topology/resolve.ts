// Pure: a scenario's topology → concrete namespaces, veth links, addresses and routes for one run prefix.
import type { ScenarioProblem } from '../errors.ts';
import type { TopologySpec } from '../scenario/types.ts';
import { formatIpv4, nthSubnet24, parseCidr } from './ipv4.ts';

export const DEFAULT_ADDRESS_POOL = '198.18.0.0/15';
/** IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_IFNAME = 15;
/** A run prefix is "vb" + 4 hex digits; every namespace and interface of the run starts with it. */
export const PREFIX_PATTERN = /^vb[0-9a-f]{4}$/;
const PREFIX_LENGTH = 6;

export type Role = 'client' | 'router' | 'server';

export interface Endpoint {
  netns: string;
  iface: string;
  /** Address without prefix length. */
  address: string;
  prefixLength: number;
}

export interface VethLink {
  index: number;
  /** The end whose namespace creates the pair. */
  a: Endpoint;
  b: Endpoint;
}

export interface NamespacePlan {
  name: string;
  role: Role;
  routes: { to: string; via: string }[];
  /** net.ipv4.ip_forward=1 inside this namespace only. */
  forwarding: boolean;
}

export interface ResolvedTopology {
  kind: TopologySpec['kind'];
  prefix: string;
  namespaces: NamespacePlan[];
  links: VethLink[];
  client: Endpoint;
  server: Endpoint;
  /** What the measured traffic crosses, for tables and reports. */
  path: string;
}

function roleNames(spec: TopologySpec): Record<Role, string> {
  const names: Partial<Record<Role, string>> = spec.names ?? {};
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
  } else if (nthSubnet24(pool, linkCount - 1) === undefined) {
    problems.push({
      path: 'topology.addressPool',
      message: `"${spec.addressPool}" is too small: the ${spec.kind} topology needs ${linkCount} /24 subnet(s); use a /${25 - linkCount} or larger, e.g. "${DEFAULT_ADDRESS_POOL}"`,
    });
  }
  return problems;
}

function endpoint(prefix: string, roleName: string, ifIndex: number, subnet: number, host: number): Endpoint {
  return { netns: namespaceName(prefix, roleName), iface: interfaceName(prefix, roleName, ifIndex), address: formatIpv4(subnet + host), prefixLength: 24 };
}

/** Call only after topologyProblems() returned nothing. */
export function resolveTopology(spec: TopologySpec, prefix: string): ResolvedTopology {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`invalid run prefix ${prefix}`);
  const names = roleNames(spec);
  const pool = parseCidr(spec.addressPool ?? DEFAULT_ADDRESS_POOL);
  if (typeof pool === 'string') throw new Error(pool);
  const subnet = (i: number): number => nthSubnet24(pool, i)!;
  const ns = (role: Role, routes: NamespacePlan['routes'] = [], forwarding = false): NamespacePlan => ({
    name: namespaceName(prefix, names[role]), role, routes, forwarding,
  });

  if (spec.kind === 'pair') {
    const client = endpoint(prefix, names.client, 0, subnet(0), 1);
    const server = endpoint(prefix, names.server, 0, subnet(0), 2);
    return {
      kind: 'pair', prefix, client, server,
      namespaces: [ns('client'), ns('server')],
      links: [{ index: 0, a: client, b: server }],
      path: `${client.netns} → veth → ${server.netns}`,
    };
  }
  const client = endpoint(prefix, names.client, 0, subnet(0), 1);
  const routerIn = endpoint(prefix, names.router, 0, subnet(0), 2);
  const routerOut = endpoint(prefix, names.router, 1, subnet(1), 1);
  const server = endpoint(prefix, names.server, 0, subnet(1), 2);
  return {
    kind: 'router', prefix, client, server,
    namespaces: [
      ns('client', [{ to: 'default', via: routerIn.address }]),
      ns('router', [], true),
      ns('server', [{ to: 'default', via: routerOut.address }]),
    ],
    links: [
      { index: 0, a: client, b: routerIn },
      { index: 1, a: routerOut, b: server },
    ],
    path: `${client.netns} → veth → ${routerIn.netns} (IPv4 forwarding) → veth → ${server.netns}`,
  };
}

/** Every veth end of the topology: the interfaces knobs apply to. */
export function allEndpoints(topology: ResolvedTopology): Endpoint[] {
  return topology.links.flatMap((l) => [l.a, l.b]);
}
