// Pure: a scenario's topology and one link kind → concrete namespaces, devices, addresses and routes for one run
// prefix. Each topology kind is a module of its own (src/topology/kinds/); this dispatches to it.
import type { ScenarioProblem } from '../errors.ts';
import { DEFAULT_ADDRESS_POOL, MAX_IFNAME, PREFIX_PATTERN, subnetOf } from './kinds/common.ts';
import { chainHops } from './kinds/chain.ts';
import { kindOf, type TopologySpec } from './kinds/registry.ts';
import { resolveLinkKind } from './link-resolve.ts';
import { linkName, VETH, type LinkSpec } from './link-kinds.ts';
import type { Device, Endpoint, ResolvedTopology } from './types.ts';

export { DEFAULT_ADDRESS_POOL, MAX_IFNAME, PREFIX_PATTERN, chainHops };
export { interfaceName, namespaceName } from './kinds/common.ts';
export type { Device, DevicePlan, Endpoint, MeasuredLink, NamespacePlan, ResolvedTopology, Role } from './types.ts';

/** Checks that need no host: names within the kernel's limit, distinct roles, a pool that carries traffic and is big enough. */
export function topologyProblems(spec: TopologySpec): ScenarioProblem[] {
  return kindOf(spec).problems(spec);
}

/** Call only after topologyProblems() and linkProblems() returned nothing. */
export function resolveTopology(spec: TopologySpec, prefix: string, link: LinkSpec = VETH): ResolvedTopology {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`invalid run prefix ${prefix}`);
  const subnet = subnetOf(spec.addressPool);
  if (link.kind === 'veth') return kindOf(spec).resolve(spec, prefix, subnet);
  if (spec.kind !== 'pair') throw new Error(`${linkName(link)} needs the pair topology`);
  return resolveLinkKind(spec, link, prefix, subnet(0));
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
    if (link.kind !== 'veth' && !kindOf(spec).otherLinks) {
      problems.push({ path: `links[${index}]`, message: `${name} needs topology.kind "pair" (the ${spec.kind} topology is built from veth pairs only); use a pair topology or links: ['veth']` });
      continue;
    }
    if (!kindOf(spec).otherLinks || topologyProblems(spec).length) continue;
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
