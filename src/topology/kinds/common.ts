// Pure helpers the topology kinds share: names, addresses, address-pool checks and the checks on a resolved plan.
import { z } from 'zod';
import type { ScenarioProblem } from '../../errors.ts';
import { formatIpv4, nthSubnet24, parseCidr, unusablePoolReason } from '../ipv4.ts';
import type { Device, DevicePlan, Endpoint, NamespacePlan, ResolvedTopology } from '../types.ts';

export const DEFAULT_ADDRESS_POOL = '198.18.0.0/15';
/** IFNAMSIZ is 16 including the terminating NUL. */
export const MAX_IFNAME = 15;
/** A run prefix is "vb" + 4 hex digits; every namespace and interface of the run starts with it. */
export const PREFIX_PATTERN = /^vb[0-9a-f]{4}$/;
export const PREFIX_LENGTH = 6;

export const ROLE_NAME = /^[a-z][a-z0-9]{0,7}$/;
export const roleName = z.string().regex(ROLE_NAME, {
  message: 'role names are 1 to 8 characters of [a-z0-9], starting with a letter (with the run prefix and link index they make interface names, which the kernel limits to 15 characters)',
});
export const addressPool = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: 'expected an IPv4 CIDR such as "198.18.0.0/15"' });

export function namespaceName(prefix: string, role: string): string {
  return `${prefix}-${role}`;
}

export function interfaceName(prefix: string, role: string, index: number): string {
  return `${prefix}${role}${index}`;
}

export function endpoint(prefix: string, role: string, ifIndex: number, subnet: number, host: number): Endpoint {
  return { netns: namespaceName(prefix, role), iface: interfaceName(prefix, role, ifIndex), address: formatIpv4(subnet + host), prefixLength: 24 };
}

export function veth(netns: string, a: Device, b: Device): DevicePlan {
  return { type: 'veth', netns, a: { netns: a.netns, iface: a.iface }, b: { netns: b.netns, iface: b.iface } };
}

export function plainNamespace(name: string, role: NamespacePlan['role']): NamespacePlan {
  return { name, role, routes: [], forwarding: false };
}

/** The pool parses, can carry traffic and holds `needed` /24 subnets; else one problem saying what to write. */
export function poolProblems(kind: string, text: string | undefined, needed: number): ScenarioProblem[] {
  const pool = parseCidr(text ?? DEFAULT_ADDRESS_POOL);
  if (typeof pool === 'string') return [{ path: 'topology.addressPool', message: pool }];
  const unusable = unusablePoolReason(pool);
  if (unusable) {
    return [{ path: 'topology.addressPool', message: `"${text}" ${unusable}; use a unicast range such as "${DEFAULT_ADDRESS_POOL}" (RFC 2544, reserved for benchmarks)` }];
  }
  if (nthSubnet24(pool, needed - 1) === undefined) {
    return [{ path: 'topology.addressPool', message: `"${text}" is too small: the ${kind} topology needs ${needed} /24 subnet(s); use a /${Math.max(8, 24 - Math.ceil(Math.log2(needed)))} or larger, e.g. "${DEFAULT_ADDRESS_POOL}"` }];
  }
  return [];
}

/** The pool as resolve() uses it: call only after poolProblems() returned nothing. */
export function subnetOf(text: string | undefined): (i: number) => number {
  const pool = parseCidr(text ?? DEFAULT_ADDRESS_POOL);
  if (typeof pool === 'string') throw new Error(pool);
  return (i) => nthSubnet24(pool, i)!;
}

/** Checks on a plan resolved with the longest prefix: role names apart, every interface name within the kernel's
 *  limit, no address used twice, no namespace name shared. */
export function resolvedProblems(names: readonly string[], t: ResolvedTopology): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  if (new Set(names).size !== names.length) problems.push({ path: 'topology.names', message: `role names must differ; got ${names.join(', ')}` });
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

/** Pair and router: each role name's interface name within the kernel's limit (said per role), and names apart. */
export function roleProblems(names: Readonly<Record<string, string>>): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const [role, name] of Object.entries(names)) {
    const ifname = interfaceName('x'.repeat(PREFIX_LENGTH), name, 1);
    if (ifname.length > MAX_IFNAME) {
      problems.push({
        path: `topology.names.${role}`,
        message: `"${name}" makes interface names like "vb1234${name}1" of ${ifname.length} characters; the kernel allows ${MAX_IFNAME} — use at most ${MAX_IFNAME - PREFIX_LENGTH - 1} characters`,
      });
    }
  }
  const used = Object.values(names);
  if (new Set(used).size !== used.length) problems.push({ path: 'topology.names', message: `role names must differ; got ${used.join(', ')}` });
  return problems;
}
