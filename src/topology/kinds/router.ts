// client ⇄ router ⇄ server: two veth pairs, IPv4 forwarding on in the router namespace only.
import { z } from 'zod';
import { addressPool, endpoint, namespaceName, poolProblems, roleName, roleProblems, veth } from './common.ts';
import { defineTopologyKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('router'),
  addressPool: addressPool.optional(),
  names: z.strictObject({ client: roleName.optional(), router: roleName.optional(), server: roleName.optional() }).optional(),
});

export type RouterTopology = z.output<typeof schema>;

function routerNames(spec: RouterTopology): { client: string; router: string; server: string } {
  return { client: spec.names?.client ?? 'cli', router: spec.names?.router ?? 'rtr', server: spec.names?.server ?? 'srv' };
}

export const routerKind = defineTopologyKind({
  schema,
  summary: 'client ⇄ router ⇄ server, IPv4 forwarding in the router namespace',
  subnets: () => 2,
  problems: (spec) => [...roleProblems(routerNames(spec)), ...poolProblems('router', spec.addressPool, 2)],
  resolve(spec, prefix, subnet) {
    const names = routerNames(spec);
    const client = endpoint(prefix, names.client, 0, subnet(0), 1);
    const routerIn = endpoint(prefix, names.router, 0, subnet(0), 2);
    const routerOut = endpoint(prefix, names.router, 1, subnet(1), 1);
    const server = endpoint(prefix, names.server, 0, subnet(1), 2);
    return {
      kind: 'router', prefix, link: 'veth', lowers: [], client, server,
      namespaces: [
        { name: namespaceName(prefix, names.client), role: 'client', routes: [{ to: 'default', via: routerIn.address }], forwarding: false },
        { name: namespaceName(prefix, names.router), role: 'router', routes: [], forwarding: true },
        { name: namespaceName(prefix, names.server), role: 'server', routes: [{ to: 'default', via: routerOut.address }], forwarding: false },
      ],
      // Both pairs are created from the first namespace's batch, with `netns` on each end.
      devices: [veth(client.netns, client, routerIn), veth(client.netns, routerOut, server)],
      links: [
        { index: 0, a: client, b: routerIn },
        { index: 1, a: routerOut, b: server },
      ],
      path: `${client.netns} → veth → ${routerIn.netns} (IPv4 forwarding) → veth → ${server.netns}`,
    };
  },
  programs: [],
  kernelKinds: [],
  otherLinks: false,
  lowerLabel: 'lower device',
});
