// The validated scenario with every default filled in, and its workloads resolved: what plan and run work from.
import type { KnobValue, Side } from '../knobs/types.ts';
import type { LinkSpec } from '../topology/link-kinds.ts';
import type { CrrWorkload } from './crr-spec.ts';
import type { FlowsWorkload } from './flows-spec.ts';
import type { PpsWorkload } from './pps-spec.ts';
import type { RrWorkload } from './rr-spec.ts';
import type { ValidScenario } from './schema.ts';
import type { SetupCostMode } from '../net/setup-cost.ts';

export type { CrrWorkload, FlowsWorkload, PpsWorkload, RrWorkload };

/** New options are absent when not asked for, so a plain workload resolves as it always did. */
export type TcpWorkload = {
  label: string; tool: 'iperf3'; protocol: 'tcp'; streams: number; reverse: boolean;
  bidir?: true; blockBytes?: number; zerocopy?: true; congestion?: string;
};
/** `senders` absent means one client process. */
export type UdpWorkload = { label: string; tool: 'iperf3'; protocol: 'udp'; streams: number; bitrate: string; lengthBytes: number; senders?: number };
export type Iperf3Workload = TcpWorkload | UdpWorkload;
export type SockperfWorkload = { label: string; tool: 'sockperf'; protocol: 'tcp' | 'udp'; messageBytes: number; underLoad: boolean };
/** One point of a density sweep: `pairs` namespace pairs at once; `bitrate` "0" means no per-pair target. */
export type DensityWorkload = { label: string; tool: 'density'; protocol: 'tcp' | 'udp'; pairs: number; bitrate: string; lengthBytes: number };
export type SetupCostWorkload = { label: string; tool: 'setup-cost'; mode: SetupCostMode; pairs: number; minIterations: number };
export type ResolvedWorkload = Iperf3Workload | SockperfWorkload | DensityWorkload | SetupCostWorkload | RrWorkload | CrrWorkload | FlowsWorkload | PpsWorkload;

/** A partial knob setting, optionally for one workload: exclude drops matching points, include adds points. */
export type KnobRule = Record<string, KnobValue | undefined> & { workload?: string };

/** The validated scenario (schema output: defaults filled) in the generic shapes plan and run iterate over. */
export interface Scenario extends Pick<ValidScenario, 'name' | 'description' | 'topology' | 'repetitions' | 'warmupRepetitions' | 'durationS' | 'omitS' | 'gate'> {
  /** Path as the user gave it, for messages. */
  file: string;
  /** sha256 of the file's text: a resumed or compared run can tell the scenario changed. */
  sourceSha256: string;
  /** Link kinds to measure, parsed, in the order given (default: veth only). */
  links: LinkSpec[];
  /** Swept knobs only: knob → values, in the order given. */
  matrix: Record<string, KnobValue[]>;
  exclude: KnobRule[];
  include: KnobRule[];
  sides: Partial<Record<string, Side>>;
  workloads: ResolvedWorkload[];
}

export type WorkloadTool = ResolvedWorkload['tool'];

export type WorkloadOf<T extends WorkloadTool> = Extract<ResolvedWorkload, { tool: T }>;
