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

export type TopologySpec = PairTopology | RouterTopology;

/** Each knob lists the values to sweep; the matrix is their cartesian product. Applied on every veth end. */
export interface KnobMatrix {
  /** ethtool -K gro: veth's NAPI receive path (off by default on veth). */
  gro?: OnOff[];
  /** ethtool -K gso: generic segmentation offload. */
  gso?: OnOff[];
  /** ethtool -K tso: TCP segmentation offload. */
  tso?: OnOff[];
}

export interface Iperf3TcpWorkload {
  tool: 'iperf3';
  protocol: 'tcp';
  /** Label in tables and reports; derived from the parameters when absent. */
  name?: string;
  /** Parallel streams (-P). Default 1. */
  streams?: number;
  /** Server sends, client receives (-R). */
  reverse?: boolean;
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
}

export type Workload = Iperf3TcpWorkload | Iperf3UdpWorkload;

export interface ScenarioDefinition {
  /** Used in the report directory name: [a-z0-9-], at most 40 characters. */
  name: string;
  description?: string;
  topology: TopologySpec;
  matrix?: KnobMatrix;
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
