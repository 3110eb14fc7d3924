// Pure: one sockperf trial — its server, the ping-pong client and, with underLoad, the iperf3 TCP stream that loads
// the link while the same ping-pong runs again. The runner starts and runs exactly these.
import { iperf3KnobArgs } from '../knobs/iperf3-family.ts';
import type { HostCommand } from '../net/command.ts';
import type { SockperfWorkload, TcpWorkload } from '../scenario/scenario.ts';
import { iperf3ClientCommand, type ClientTiming } from '../tools/iperf3-args.ts';
import { sockperfClientCommand, sockperfServerSpec } from '../tools/sockperf-args.ts';
import type { ListenCheck } from '../tools/server-process.ts';
import type { TrialInput } from './kind.ts';

/** sockperf listens this far above the session's iperf3 port (UDP senders take the ports just above it). */
export const SOCKPERF_PORT_OFFSET = 100;
/** The load stream runs this long before sockperf starts, so slow start is over, and this long after it ends. */
export const LOAD_LEAD_S = 1;

const LOAD_WORKLOAD: TcpWorkload = { label: 'load', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false };

export interface SockperfTrial {
  server: { command: HostCommand; at: ListenCheck };
  pingPong: HostCommand;
  /** Only with underLoad: the iperf3 stream to the session's server, and how long it runs. */
  load?: { command: HostCommand; timing: ClientTiming };
}

export function sockperfTrial({ topology, port, workload, knobs, timing }: TrialInput<SockperfWorkload>): SockperfTrial {
  const { client, server } = topology;
  const sp = port + SOCKPERF_PORT_OFFSET;
  const trial: SockperfTrial = {
    server: sockperfServerSpec(server, sp, workload.protocol),
    pingPong: sockperfClientCommand(client, server, sp, workload, timing.durationS),
  };
  if (!workload.underLoad) return trial;
  const loadTiming = { durationS: timing.durationS + 2 * LOAD_LEAD_S, omitS: 0 };
  return { ...trial, load: { command: iperf3ClientCommand(client, server, port, LOAD_WORKLOAD, loadTiming, iperf3KnobArgs(knobs)), timing: loadTiming } };
}

export function sockperfCommands(input: TrialInput<SockperfWorkload>): HostCommand[] {
  const t = sockperfTrial(input);
  return [t.server.command, t.pingPong, ...(t.load ? [t.load.command, t.pingPong] : [])];
}
