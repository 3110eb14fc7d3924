// Pure: one density trial — N namespace pairs built with batched ip calls, an iperf3 server and one single-stream
// client per pair (the per-pair target as -b), and the namespaces to remove after. The runner runs exactly these;
// `plan` shows pair 0's server and client, which stand for every pair's.
import { iperf3KnobArgs } from '../knobs/iperf3-family.ts';
import { deleteNamespacesCommand } from '../net/build.ts';
import type { HostCommand } from '../net/command.ts';
import type { DensityWorkload, Iperf3Workload } from '../scenario/scenario.ts';
import { densityNamespaces, resolveDensityPairs } from '../topology/density.ts';
import { densityBuildCommands, type DensityBuild } from '../net/density-build.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { iperf3ClientCommand } from '../tools/iperf3-args.ts';
import { iperf3ServerSpec } from '../tools/iperf3-server.ts';
import type { ListenCheck } from '../tools/server-process.ts';
import type { TrialInput } from './kind.ts';

export interface DensityTrial {
  pairs: ResolvedTopology[];
  build: DensityBuild;
  servers: { command: HostCommand; at: ListenCheck }[];
  clients: HostCommand[];
  namespaces: string[];
}

/** The iperf3 client of every pair: one stream, the per-pair target as -b. */
function pairWorkload(w: DensityWorkload): { workload: Iperf3Workload; extra: string[] } {
  if (w.protocol === 'udp') return { workload: { label: w.label, tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: w.bitrate, lengthBytes: w.lengthBytes }, extra: [] };
  return { workload: { label: w.label, tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false }, extra: w.bitrate === '0' ? [] : ['-b', w.bitrate] };
}

export function densityTrial({ topology, port, workload, knobs, timing }: TrialInput<DensityWorkload>): DensityTrial {
  const pairs = resolveDensityPairs(topology.prefix, workload.pairs);
  const { workload: iperf3, extra } = pairWorkload(workload);
  return {
    pairs,
    build: densityBuildCommands(pairs),
    servers: pairs.map((p) => iperf3ServerSpec(p.server, port)),
    clients: pairs.map((p) => iperf3ClientCommand(p.client, p.server, port, iperf3, timing, [...iperf3KnobArgs(knobs), ...extra])),
    namespaces: densityNamespaces(pairs),
  };
}

export function densityCommands(input: TrialInput<DensityWorkload>): HostCommand[] {
  const t = densityTrial(input);
  return [
    t.build.namespaces, t.build.links, ...t.build.perNamespace.slice(0, 2),
    t.servers[0]!.command, t.clients[0]!, deleteNamespacesCommand(t.namespaces),
  ];
}
