// Pure: what a topology resolves to — namespaces, devices, addresses, routes — whatever its kind
// (src/topology/kinds/) or link kind (src/topology/link-kinds.ts). The build, knobs, plan and diagnose read these.
import type { IpvlanMode, MacvlanMode, NetkitMode } from './link-kinds.ts';

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
  /** The topology kind (src/topology/kinds/registry.ts). */
  kind: string;
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

