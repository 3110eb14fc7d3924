// Pure: the commands one trial of a workload runs after the session is up, for `vethbench plan`.
import { iperf3KnobArgs } from '../knobs/iperf3-family.ts';
import type { HostCommand } from '../net/command.ts';
import { createNamespacesCommand, deleteNamespacesCommand } from '../net/build.ts';
import { setupCycleCommands } from '../net/setup-cost.ts';
import type { KnobSettings } from '../knobs/types.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import { densityBuildCommands, densityNamespaces, resolveDensityPairs } from '../topology/density.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { iperf3ClientCommand, iperf3ServerCommand, type ClientTiming } from '../tools/iperf3-args.ts';
import { sockperfClientCommand, sockperfServerCommand } from '../tools/sockperf-args.ts';
import { senderPorts } from './iperf3.ts';
import { setupCostNamespaces } from './setup-cost.ts';
import { LOAD_LEAD_S, SOCKPERF_PORT_OFFSET } from './sockperf.ts';

export function workloadCommands(topology: ResolvedTopology, port: number, workload: ResolvedWorkload, knobs: KnobSettings, timing: ClientTiming): HostCommand[] {
  const { client, server } = topology;
  const knobArgs = iperf3KnobArgs(knobs);
  switch (workload.tool) {
    case 'iperf3': {
      const ports = senderPorts(port, workload.protocol === 'udp' ? workload.senders ?? 1 : 1);
      return [
        ...ports.slice(1).map((p) => iperf3ServerCommand(server, p)),
        ...ports.map((p) => iperf3ClientCommand(client, server, p, workload, timing, knobArgs)),
      ];
    }
    case 'sockperf': {
      const sp = port + SOCKPERF_PORT_OFFSET;
      const pingPong = sockperfClientCommand(client, server, sp, workload, timing.durationS);
      const load = iperf3ClientCommand(client, server, port, { label: 'load', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false }, { durationS: timing.durationS + 2 * LOAD_LEAD_S, omitS: 0 }, knobArgs);
      return [sockperfServerCommand(server, sp, workload.protocol), pingPong, ...(workload.underLoad ? [load, pingPong] : [])];
    }
    case 'density': {
      // Every pair runs the same commands; pair 0's stand for them all.
      const pairs = resolveDensityPairs(topology.prefix, workload.pairs);
      const build = densityBuildCommands(pairs);
      const first = pairs[0]!;
      const extra = workload.protocol === 'tcp' && workload.bitrate !== '0' ? ['-b', workload.bitrate] : [];
      const iperf3 = workload.protocol === 'udp'
        ? { label: workload.label, tool: 'iperf3' as const, protocol: 'udp' as const, streams: 1, bitrate: workload.bitrate, lengthBytes: workload.lengthBytes }
        : { label: workload.label, tool: 'iperf3' as const, protocol: 'tcp' as const, streams: 1, reverse: false };
      return [
        build.namespaces, build.links, ...build.perNamespace.slice(0, 2),
        iperf3ServerCommand(first.server, port), iperf3ClientCommand(first.client, first.server, port, iperf3, timing, [...knobArgs, ...extra]),
        deleteNamespacesCommand(densityNamespaces(pairs)),
      ];
    }
    case 'setup-cost': {
      const [a, b] = setupCostNamespaces(topology.prefix);
      const cycle = setupCycleCommands(workload.mode, topology.prefix, a, b, workload.pairs);
      return [createNamespacesCommand([a, b]), ...cycle.up, ...cycle.down, deleteNamespacesCommand([a, b])];
    }
  }
}
