// client ⇄ router 0 ⇄ … ⇄ router K-1 ⇄ server: K hops, forwarding on in each router, static routes along the line.
import { z } from 'zod';
import { formatIpv4 } from '../ipv4.ts';
import type { MeasuredLink, NamespacePlan, ResolvedTopology } from '../types.ts';
import { addressPool, endpoint, poolProblems, resolvedProblems, roleName, subnetOf, veth } from './common.ts';
import { defineTopologyKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('chain'),
  /** 1..8 router namespaces. Default 2. */
  hops: z.int().min(1).max(8).optional(),
  addressPool: addressPool.optional(),
  /** router: + the router's index (at most 7 characters). */
  names: z.strictObject({ client: roleName.optional(), router: roleName.optional(), server: roleName.optional() }).optional(),
});

export type ChainTopology = z.output<typeof schema>;

export function chainHops(spec: ChainTopology): number {
  return spec.hops ?? 2;
}

function chainNames(spec: ChainTopology): { client: string; router: string; server: string } {
  return { client: spec.names?.client ?? 'cli', router: spec.names?.router ?? 'rtr', server: spec.names?.server ?? 'srv' };
}

/** Link i joins node i (.1 of subnet i) and node i+1 (.2 of subnet i). */
function resolveChain(spec: ChainTopology, prefix: string, subnet: (i: number) => number): ResolvedTopology {
  const names = chainNames(spec);
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

export const chainKind = defineTopologyKind({
  schema,
  summary: 'client ⇄ K routers in a line ⇄ server, forwarding and static routes in each router',
  subnets: (spec) => chainHops(spec) + 1,
  problems: (spec) => {
    const pool = poolProblems('chain', spec.addressPool, chainHops(spec) + 1);
    return pool.length ? pool : resolvedProblems(Object.values(chainNames(spec)), resolveChain(spec, 'vb0000', subnetOf(spec.addressPool)));
  },
  resolve: resolveChain,
  programs: [],
  kernelKinds: [],
  otherLinks: false,
  lowerLabel: 'lower device',
});
