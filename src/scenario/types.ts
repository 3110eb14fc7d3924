// The public scenario API: what a scenario file's default export looks like. Editors check scenarios against it.

export type OnOff = 'on' | 'off';

/** Two namespaces joined by one veth pair: client ⇄ server. */
export interface PairTopology {
  kind: 'pair';
  /** IPv4 pool the link subnets (/24 each) are carved from. Default 198.18.0.0/15 (RFC 2544 benchmarking range). */
  addressPool?: string;
  /** Role names become namespace and interface names (after the run prefix): at most 8 of [a-z0-9]. */
  names?: { client?: string; server?: string };
}

/** client ⇄ router ⇄ server, forwarding on in the router namespace only. */
export interface RouterTopology {
  kind: 'router';
  addressPool?: string;
  names?: { client?: string; router?: string; server?: string };
}

/**
 * The docker0 model: N container namespaces, each joined by a veth pair to one Linux bridge in a "host" namespace
 * (all on one /24). Traffic is measured container 0 → container N-1 through the bridge; the others idle on it.
 */
export interface BridgeTopology {
  kind: 'bridge';
  /** 2..16 container namespaces. Default 2. */
  containers?: number;
  addressPool?: string;
  /** host: the bridge's namespace (and the bridge's name after the prefix); container: + the container's index. At most 7 characters. */
  names?: { host?: string; container?: string };
}

/** client ⇄ router 0 ⇄ … ⇄ router K-1 ⇄ server: K hops, forwarding on in each router, static routes along the line. */
export interface ChainTopology {
  kind: 'chain';
  /** 1..8 router namespaces. Default 2. */
  hops?: number;
  addressPool?: string;
  /** router: + the router's index (at most 7 characters). */
  names?: { client?: string; router?: string; server?: string };
}

/**
 * A container reaching the outside through NAT on its host: container ⇄ host ⇄ remote. The container's default
 * route is via the host; the host forwards and MASQUERADEs (nftables, inside the host namespace) out of its
 * remote-side interface; the remote has no route back to the container's subnet, so only NAT makes it work.
 * Traffic is measured container → remote. (The root namespace is never the host.)
 */
export interface HostContainerTopology {
  kind: 'hostContainer';
  addressPool?: string;
  names?: { container?: string; host?: string; remote?: string };
}

export type TopologySpec = PairTopology | RouterTopology | BridgeTopology | ChainTopology | HostContainerTopology;

export type Qdisc = 'noqueue' | 'pfifo_fast' | 'pfifo' | 'bfifo' | 'fq' | 'fq_codel' | `tbf:${string}bit` | `htb:${string}bit` | `netem:${string}ms` | `netem:${string}ms:${string}%`;

/**
 * Each knob lists the values to sweep; the matrix is their cartesian product (minus `exclude`, plus `include`).
 * Link knobs apply to every veth end unless `sides` says otherwise; every value is read back after applying.
 */
export interface KnobMatrix {
  /** 68..65535, on both ends of every link; read back from `ip -d link`. */
  mtu?: number[];
  /** 1..1,000,000. Only matters with a qdisc that reads it: sweep it together with `qdisc`. */
  txqueuelen?: number[];
  /** Root qdisc of the interface; veth's default is noqueue. Shapers take a rate: "tbf:5gbit", "htb:5gbit". */
  qdisc?: Qdisc[];
  /** ethtool -K gro: veth's NAPI receive path (off by default on veth). */
  gro?: OnOff[];
  /** ethtool -K gso: generic segmentation offload. */
  gso?: OnOff[];
  /** ethtool -K tso: TCP segmentation offload (read back from tx-tcp-segmentation). */
  tso?: OnOff[];
  /** ethtool -K tx: tx checksumming; turning it off also turns TSO off. */
  tx?: OnOff[];
  /** ethtool -K sg: scatter-gather. */
  sg?: OnOff[];
  'rx-udp-gro-forwarding'?: OnOff[];
  'rx-gro-list'?: OnOff[];
  'tx-udp-segmentation'?: OnOff[];
  /** Threaded NAPI (/sys/class/net/<dev>/threaded); needs gro on (NAPI), applied after it. */
  threaded?: OnOff[];
  /** ethtool -L rx / tx channel counts; at most the number of possible CPUs; only matter with NAPI (gro on). */
  rxChannels?: number[];
  txChannels?: number[];
  /** net.ipv4.tcp_rmem / tcp_wmem inside the run's namespaces: "min default max" in bytes. */
  tcpRmem?: string[];
  tcpWmem?: string[];
  /** Global net.core.* socket-buffer limits (journaled, restored after the run). Bytes. */
  rmemMax?: number[];
  wmemMax?: number[];
  rmemDefault?: number[];
  wmemDefault?: number[];
  /** iperf3 -w: socket buffer in bytes (the kernel doubles it and caps it at *mem_max; the granted size is recorded). */
  window?: number[];
  /** iperf3 -A: "same-core", "cross-core" or "client,server" CPU numbers. */
  affinity?: string[];
}

export type KnobName = keyof KnobMatrix;
type KnobValueOf<K extends KnobName> = NonNullable<KnobMatrix[K]>[number];

/** A partial knob setting (and optionally a workload label) that `exclude` drops or `include` adds. */
export type KnobRule = { [K in KnobName]?: KnobValueOf<K> } & { workload?: string };

export interface Iperf3TcpWorkload {
  tool: 'iperf3';
  protocol: 'tcp';
  /** Label in tables and reports; derived from the parameters when absent. */
  name?: string;
  /** Parallel streams (-P). Default 1. */
  streams?: number;
  /** Server sends, client receives (-R). */
  reverse?: boolean;
  /** Both directions at once (--bidir, iperf3 ≥ 3.7; an older iperf3 skips the point with the reason). */
  bidir?: boolean;
  /** Bytes per write (-l). Default iperf3's 128 KiB. */
  blockBytes?: number;
  /** Send with sendfile() (-Z). */
  zerocopy?: boolean;
  /** Congestion control algorithm (-C), e.g. "cubic", "reno", "bbr"; one the kernel lacks skips the point. */
  congestion?: string;
}

export interface Iperf3UdpWorkload {
  tool: 'iperf3';
  protocol: 'udp';
  name?: string;
  streams?: number;
  /** Target rate per stream as iperf3 takes it (-b): "0" is unlimited, "1G", "500M". Default "0". */
  bitrate?: string;
  /** Datagram payload in bytes (-l). Default 1400. */
  lengthBytes?: number;
  /**
   * Concurrent iperf3 client processes, each to its own server port; their packet rates are added up, so the
   * rate is not capped by one sender process. Default 1.
   */
  senders?: number;
}

/** sockperf ping-pong: one message in flight; latency is sockperf's, half the round trip, in µs. */
export interface SockperfWorkload {
  tool: 'sockperf';
  protocol: 'tcp' | 'udp';
  name?: string;
  /** Message size in bytes (-m). Default 64. */
  messageBytes?: number;
  /** Also measure while an iperf3 TCP stream saturates the same link; reported next to the idle figures. */
  underLoad?: boolean;
}

/**
 * N namespace pairs (each its own client and server namespace joined by a veth pair) carrying one iperf3
 * stream each at the same time: aggregate and per-pair throughput, Jain's fairness index, CPU.
 */
export interface DensityWorkload {
  tool: 'density';
  name?: string;
  /** Pair counts to sweep, each one point: e.g. [1, 2, 4, 8, 16, 32]. 1..256. */
  pairs: number[];
  /** Default "tcp". */
  protocol?: 'tcp' | 'udp';
  /**
   * Per-pair target rate (iperf3 -b), e.g. "1G": a point meets it when every pair gets at least 95% of it, and the
   * run prints the largest pair count that does. Default "0": unlimited, no target.
   */
  bitrate?: string;
  /** UDP datagram payload (-l). Default 1400. */
  lengthBytes?: number;
}

/**
 * Control-plane cost (measured with tinybench): create veth pairs in one namespace, move one end of each into a
 * second namespace, address both ends, bring them up, delete them — the network part of a container's start-up.
 */
export interface SetupCostWorkload {
  tool: 'setup-cost';
  name?: string;
  /** "batched": the same operations through three `ip -batch` processes; "one-at-a-time": one `ip` per
   *  operation. Default both (one point each). */
  modes?: ('batched' | 'one-at-a-time')[];
  /** veth pairs per cycle. Default 1. */
  pairs?: number;
  /** Timed creates and deletes per sample at least (tinybench also runs for the sample's duration). Default 5. */
  minIterations?: number;
}

export type Workload = Iperf3TcpWorkload | Iperf3UdpWorkload | SockperfWorkload | DensityWorkload | SetupCostWorkload;

/**
 * A link kind to measure, always with an explicit mode (see README "Link kinds"):
 * - `veth`: the topology's veth pairs.
 * - `macvlan:bridge`: client and server are two macvlan children of one veth in a parent namespace; their traffic is
 *   switched inside the macvlan driver and never crosses the parent. `macvlan:vepa`: the same children, but every
 *   frame leaves through the parent veth and comes back through a hairpin bridge (the external switch vepa needs).
 * - `ipvlan:l2|l3|l3s`: two ipvlan children of one parent veth, bridge flag (`ipvlan:l2:bridge` is the same).
 * - `netkit:l2|l3`: a netkit pair without BPF programs (kernel ≥ 6.7, iproute2 ≥ 6.8).
 * - `loopback`: client and server in one namespace over `lo`: the upper bound without any virtual link.
 * Kinds other than veth need `topology: { kind: 'pair' }`. A kind this host lacks is skipped with the reason.
 */
export type LinkName =
  | 'veth'
  | `macvlan:${'bridge' | 'vepa'}`
  | `ipvlan:${'l2' | 'l3' | 'l3s'}`
  | `ipvlan:${'l2' | 'l3' | 'l3s'}:bridge`
  | `netkit:${'l2' | 'l3'}`
  | 'loopback';

export interface ScenarioDefinition {
  /** Used in the report directory name: [a-z0-9-], at most 40 characters. */
  name: string;
  description?: string;
  topology: TopologySpec;
  /** Link kinds to compare on the same workloads and knobs: a dimension of the matrix. Default ['veth']. */
  links?: LinkName[];
  matrix?: KnobMatrix;
  /** Points matching any rule are not run. */
  exclude?: KnobRule[];
  /** Extra points beyond the product; each gives a value for every swept knob. */
  include?: KnobRule[];
  /** Which veth ends a link knob applies to: "both" (default), "sender" or "receiver". */
  sides?: { [K in KnobName]?: 'both' | 'sender' | 'receiver' };
  workloads: Workload[];
  /** Samples per point. Default 3. */
  repetitions?: number;
  /**
   * Rounds run before the measured ones and discarded (kept in results.json as `warmup`, never summarized):
   * they absorb a run's cold start (CPU clocks ramping up, modules and binaries loading). Default 1; --quick uses 0.
   */
  warmupRepetitions?: number;
  /** Seconds measured per sample. Default 10. */
  durationS?: number;
  /** Seconds at the start of each sample that iperf3 omits (-O), so slow start is not measured. Default 1. */
  omitS?: number;
}

/** Identity at run time; gives the scenario file type-checking and completion in an editor. */
export function defineScenario<const T extends ScenarioDefinition>(scenario: T): T {
  return scenario;
}
