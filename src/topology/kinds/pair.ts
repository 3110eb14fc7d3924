// Two namespaces joined by one veth pair: client ⇄ server. The only kind whose veth the links dimension can
// replace by macvlan, ipvlan, netkit or loopback (src/topology/link-resolve.ts).
import { z } from 'zod';
import { addressPool, endpoint, plainNamespace, poolProblems, roleName, roleProblems, veth } from './common.ts';
import { defineTopologyKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('pair'),
  /** IPv4 pool the link subnets (/24 each) are carved from. Default 198.18.0.0/15 (RFC 2544 benchmarking range). */
  addressPool: addressPool.optional(),
  /** Role names become namespace and interface names (after the run prefix): at most 8 of [a-z0-9]. */
  names: z.strictObject({ client: roleName.optional(), server: roleName.optional() }).optional(),
});

export type PairTopology = z.output<typeof schema>;

export function pairNames(spec: PairTopology): { client: string; server: string } {
  return { client: spec.names?.client ?? 'cli', server: spec.names?.server ?? 'srv' };
}

export const pairKind = defineTopologyKind({
  schema,
  summary: 'two namespaces joined by one veth pair: client ⇄ server',
  subnets: () => 1,
  problems: (spec) => [...roleProblems(pairNames(spec)), ...poolProblems('pair', spec.addressPool, 1)],
  resolve(spec, prefix, subnet) {
    const names = pairNames(spec);
    const client = endpoint(prefix, names.client, 0, subnet(0), 1);
    const server = endpoint(prefix, names.server, 0, subnet(0), 2);
    return {
      kind: 'pair', prefix, link: 'veth', lowers: [], client, server,
      namespaces: [plainNamespace(client.netns, 'client'), plainNamespace(server.netns, 'server')],
      devices: [veth(client.netns, client, server)],
      links: [{ index: 0, a: client, b: server }],
      path: `${client.netns} → veth → ${server.netns}`,
    };
  },
  programs: [],
  kernelKinds: [],
  otherLinks: true,
  lowerLabel: 'parent veth end',
});
