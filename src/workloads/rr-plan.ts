// Pure: one request/response trial. TCP: an iperf2 server for the trial and one bounceback client — back to back
// (--bounceback-period=0), one request in flight per flow (--bounceback=1), the round-trip histogram on; iperf2's
// default is ten bounces a second, which measures the timer, not the link. UDP: iperf2 2.1.8 has no UDP bounceback
// (with -u it silently runs a paced stream), so a sockperf server and one `sockperf ping-pong` client per flow
// (as fast as replies come: one message in flight each). The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import { flowsOption, iperf2ClientCommand, iperf2ServerSpec, IPERF2_PORT_OFFSET } from '../tools/iperf2-args.ts';
import { sockperfClientCommand, sockperfServerSpec } from '../tools/sockperf-args.ts';
import type { ListenCheck } from '../tools/server-process.ts';
import type { TrialInput } from './kind.ts';
import type { RrWorkload } from '../scenario/rr-spec.ts';

export interface Iperf2Trial {
  server: { command: HostCommand; at: ListenCheck };
  client: HostCommand;
}

/** UDP request/response: sockperf's server and one ping-pong client per flow. */
export interface SockperfRrTrial {
  server: { command: HostCommand; at: ListenCheck };
  clients: HostCommand[];
}

export function udpRrTrial({ topology, port, workload, timing }: TrialInput<RrWorkload>): SockperfRrTrial {
  const p = port + IPERF2_PORT_OFFSET;
  const pingPong = { label: workload.label, tool: 'sockperf' as const, protocol: 'udp' as const, messageBytes: workload.messageBytes, underLoad: false };
  return {
    server: sockperfServerSpec(topology.server, p, 'udp'),
    clients: Array.from({ length: workload.flows }, () => sockperfClientCommand(topology.client, topology.server, p, pingPong, timing.durationS)),
  };
}

export function rrTrial({ topology, port, workload, timing }: TrialInput<RrWorkload>): Iperf2Trial {
  const p = port + IPERF2_PORT_OFFSET;
  const options = [
    '--bounceback=1', '--bounceback-period=0', '-l', String(workload.messageBytes), '--histograms', ...flowsOption(workload.flows),
  ];
  return {
    server: iperf2ServerSpec(topology.server, p, workload.protocol),
    client: iperf2ClientCommand(topology.client, topology.server, p, timing.durationS, options),
  };
}

export function rrCommands(input: TrialInput<RrWorkload>): HostCommand[] {
  if (input.workload.protocol === 'udp') {
    const u = udpRrTrial(input);
    return [u.server.command, ...u.clients];
  }
  const t = rrTrial(input);
  return [t.server.command, t.client];
}
