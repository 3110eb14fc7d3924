// Pure domain types of a live topology's check-up: what the capture of each namespace holds (src/live/capture.ts
// fills it) and what a check finds. src/live/diagnose.ts runs the generic checklist; a topology kind adds its own.

/** What one namespace looked like, as the commands printed it (JSON text unparsed, so fixtures are verbatim). */
export interface NamespaceCapture {
  netns: string;
  /** `ip -j -s -d link show`, or undefined when the namespace is gone. */
  links?: string;
  /** `ip -j addr show` */
  addrs?: string;
  /** `ip -j route show` */
  routes?: string;
  /** `ip -j neigh show` */
  neigh?: string;
  /** `sysctl -n net.ipv4.ip_forward` */
  forwarding?: string;
  /** `tc -j -s qdisc show` */
  qdiscs?: string;
  /** `nft -j list ruleset` (absent when nft is not installed) */
  ruleset?: string;
}

export interface PingCapture {
  from: string;
  to: string;
  /** `ping -c1 -W1 <to>` run in `from`: its exit code. */
  ok: boolean;
}

export interface TopologyCapture {
  namespaces: NamespaceCapture[];
  pings: PingCapture[];
}

export type Severity = 'problem' | 'warning';

export interface Finding {
  severity: Severity;
  check: 'namespace' | 'link' | 'address' | 'route' | 'forwarding' | 'neighbour' | 'firewall' | 'qdisc' | 'counters' | 'reachability';
  message: string;
  /** The exact command that fixes it (argv joined for printing), when one does. */
  fix?: string;
}

/** An nftables rule as `nft -j list ruleset` prints it. */
export interface NftRule { family: string; table: string; chain: string; handle: number; expr?: Record<string, unknown>[] }

/** Captured JSON text, parsed; undefined when missing or not JSON (a namespace that is gone, a tool not installed). */
export function parse<T>(text: string | undefined): T | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
