// The validated scenario with every default filled in: what plan and run work from.
import type { OffloadKnob } from '../knobs/offloads.ts';
import type { OnOff, TopologySpec } from './types.ts';

export type TcpWorkload = { label: string; tool: 'iperf3'; protocol: 'tcp'; streams: number; reverse: boolean };
export type UdpWorkload = { label: string; tool: 'iperf3'; protocol: 'udp'; streams: number; bitrate: string; lengthBytes: number };
export type ResolvedWorkload = TcpWorkload | UdpWorkload;

export interface Scenario {
  /** Path as the user gave it, for messages. */
  file: string;
  /** sha256 of the file's text: a resumed or compared run can tell the scenario changed. */
  sourceSha256: string;
  name: string;
  description: string;
  topology: TopologySpec;
  matrix: Partial<Record<OffloadKnob, OnOff[]>>;
  workloads: ResolvedWorkload[];
  repetitions: number;
  warmupRepetitions: number;
  durationS: number;
  omitS: number;
}
