// Pure domain types: the kernel link kinds a host is probed for (src/host/capabilities.ts probes them) and what
// the probe found. Link kinds (src/topology/link-kinds.ts) and plans name them; only the shell creates them.

export type LinkKind = 'veth' | 'macvlan' | 'ipvlan' | 'netkit' | 'bridge' | 'vxlan';

export const LINK_KINDS: readonly LinkKind[] = ['veth', 'macvlan', 'ipvlan', 'netkit', 'bridge', 'vxlan'];

export interface KindSupport {
  kind: LinkKind;
  supported: boolean;
  /** Why not, in words a person can act on (only when unsupported). */
  reason?: string;
}
