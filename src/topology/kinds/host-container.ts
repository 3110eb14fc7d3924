// A container reaching the outside through NAT on its host: container ⇄ host ⇄ remote. The container's default
// route is via the host; the host forwards and MASQUERADEs (nftables, inside the host namespace) out of its
// remote-side interface; the remote has no route back to the container's subnet, so only NAT makes it work.
// Traffic is measured container → remote. The root namespace is never the host.
import { z } from 'zod';
import { parse, type Finding, type NamespaceCapture, type NftRule } from '../findings.ts';
import type { ResolvedTopology } from '../types.ts';
import { addressPool, endpoint, poolProblems, resolvedProblems, roleName, subnetOf, veth } from './common.ts';
import { defineTopologyKind } from './kind.ts';

const schema = z.strictObject({
  kind: z.literal('hostContainer'),
  addressPool: addressPool.optional(),
  names: z.strictObject({ container: roleName.optional(), host: roleName.optional(), remote: roleName.optional() }).optional(),
});

export type HostContainerTopology = z.output<typeof schema>;

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

/** A namespace that should MASQUERADE (hostContainer's host) without a masquerade rule: replies cannot come back. */
function natFindings(topology: ResolvedTopology, byNs: ReadonlyMap<string, NamespaceCapture>): Finding[] {
  return topology.namespaces.flatMap((ns): Finding[] => {
    const ruleset = parse<{ nftables?: Record<string, unknown>[] }>(byNs.get(ns.name)?.ruleset);
    if (!ns.masquerade || !ruleset) return [];
    const has = (ruleset.nftables ?? []).some((item) => ((item.rule as NftRule | undefined)?.expr ?? []).some((e) => 'masquerade' in e));
    if (has) return [];
    return [{
      severity: 'problem', check: 'firewall',
      message: `${ns.name}: no nftables MASQUERADE rule for traffic leaving through ${ns.masquerade.oif}: the far side has no route back`,
      fix: `ip netns exec ${ns.name} nft 'add table ip vethbench; add chain ip vethbench postrouting { type nat hook postrouting priority 100; }; add rule ip vethbench postrouting oifname "${ns.masquerade.oif}" masquerade'`,
    }];
  });
}

export const hostContainerKind = defineTopologyKind({
  schema,
  summary: 'container ⇄ host ⇄ remote, the host forwarding and MASQUERADEing (nftables) towards the remote',
  subnets: () => 2,
  problems: (spec) => {
    const pool = poolProblems('hostContainer', spec.addressPool, 2);
    return pool.length ? pool : resolvedProblems(Object.values(hostContainerNames(spec)), resolveHostContainer(spec, 'vb0000', subnetOf(spec.addressPool)));
  },
  resolve: resolveHostContainer,
  // The MASQUERADE rule is installed with nft inside the host namespace.
  programs: ['nft'],
  kernelKinds: [],
  otherLinks: false,
  lowerLabel: 'lower device',
  diagnose: natFindings,
});
