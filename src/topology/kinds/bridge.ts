// The docker0 model: N container namespaces, each joined by a veth pair to one Linux bridge in a "host" namespace,
// all on one /24. Traffic is measured container 0 → container N-1 through the bridge; the others idle on it.
import { z } from 'zod';
import type { Device, ResolvedTopology } from '../types.ts';
import { addressPool, endpoint, interfaceName, namespaceName, plainNamespace, poolProblems, resolvedProblems, roleName, subnetOf, veth } from './common.ts';
import { defineTopologyKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('bridge'),
  /** 2..16 container namespaces. Default 2. */
  containers: z.int().min(2).max(16).optional(),
  addressPool: addressPool.optional(),
  /** host: the bridge's namespace (and the bridge's name after the prefix); container: + the container's index. At most 7 characters. */
  names: z.strictObject({ host: roleName.optional(), container: roleName.optional() }).optional(),
});

export type BridgeTopology = z.output<typeof schema>;

function bridgeNames(spec: BridgeTopology): { host: string; container: string } {
  return { host: spec.names?.host ?? 'br', container: spec.names?.container ?? 'ct' };
}

/** N containers on one /24 (.1 … .N), each veth'd to a port of one bridge in the host namespace. */
function resolveBridge(spec: BridgeTopology, prefix: string, subnet: (i: number) => number): ResolvedTopology {
  const names = bridgeNames(spec);
  const count = spec.containers ?? 2;
  const hostNs = namespaceName(prefix, names.host);
  const bridge = `${prefix}${names.host}`;
  const containers = Array.from({ length: count }, (_, i) => endpoint(prefix, `${names.container}${i}`, 0, subnet(0), i + 1));
  const ports: Device[] = containers.map((_, i) => ({ netns: hostNs, iface: interfaceName(prefix, `${names.host}p`, i) }));
  const client = containers[0]!;
  const server = containers[count - 1]!;
  return {
    kind: 'bridge', prefix, link: 'veth', client, server,
    // The host namespace goes first: its batch creates every pair (one end straight into each container).
    namespaces: [plainNamespace(hostNs, 'host'), ...containers.map((c, i) => plainNamespace(c.netns, i === 0 ? 'client' : i === count - 1 ? 'server' : 'container'))],
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

export const bridgeKind = defineTopologyKind({
  schema,
  summary: 'N containers, each veth\'d to one Linux bridge in a host namespace (the docker0 model)',
  subnets: () => 1,
  problems: (spec) => {
    const pool = poolProblems('bridge', spec.addressPool, 1);
    return pool.length ? pool : resolvedProblems(Object.values(bridgeNames(spec)), resolveBridge(spec, 'vb0000', subnetOf(spec.addressPool)));
  },
  resolve: resolveBridge,
  programs: [],
  kernelKinds: ['bridge'],
  otherLinks: false,
  lowerLabel: 'bridge port',
});
