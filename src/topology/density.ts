// Pure: N independent namespace pairs for a density trial (pair i: <prefix>-dc<i> ⇄ <prefix>-ds<i>, one veth pair,
// its own /24). The commands that build them are net/density-build.ts.
import { formatIpv4, nthSubnet24, parseCidr, type Cidr } from './ipv4.ts';
import { DEFAULT_ADDRESS_POOL, PREFIX_PATTERN, type Endpoint, type ResolvedTopology } from './resolve.ts';

/** The default pool holds 512 /24s; every pair gets its own. */
export const MAX_DENSITY_PAIRS = 256;

function end(prefix: string, role: 'dc' | 'ds', i: number, subnet: number): Endpoint {
  return { netns: `${prefix}-${role}${i}`, iface: `${prefix}${role}${i}`, address: formatIpv4(subnet + (role === 'dc' ? 1 : 2)), prefixLength: 24 };
}

export function resolveDensityPairs(prefix: string, count: number): ResolvedTopology[] {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`invalid run prefix ${prefix}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_DENSITY_PAIRS) throw new Error(`density pairs must be 1..${MAX_DENSITY_PAIRS}, got ${count}`);
  const pool = parseCidr(DEFAULT_ADDRESS_POOL) as Cidr;
  return Array.from({ length: count }, (_, i) => {
    const subnet = nthSubnet24(pool, i)!;
    const client = end(prefix, 'dc', i, subnet);
    const server = end(prefix, 'ds', i, subnet);
    return {
      kind: 'pair', link: 'veth', prefix, client, server,
      devices: [{ type: 'veth' as const, netns: client.netns, a: { netns: client.netns, iface: client.iface }, b: { netns: server.netns, iface: server.iface } }],
      lowers: [],
      namespaces: [client.netns, server.netns].map((name, r) => ({ name, role: r === 0 ? 'client' as const : 'server' as const, routes: [], forwarding: false })),
      links: [{ index: 0, a: client, b: server }],
      path: `${client.netns} → veth → ${server.netns}`,
    };
  });
}

export function densityNamespaces(pairs: readonly ResolvedTopology[]): string[] {
  return pairs.flatMap((p) => p.namespaces.map((n) => n.name));
}
