// Pure: one request/response trial — an iperf2 server for the trial and one bounceback client: back to back
// (--bounceback-period=0), one request in flight per flow (--bounceback=1), the round-trip histogram on.
// iperf2's default is ten bounces a second, which measures the timer, not the link. The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import { flowsOption, iperf2ClientCommand, iperf2ServerSpec, IPERF2_PORT_OFFSET } from '../tools/iperf2-args.ts';
import type { ListenCheck } from '../tools/server-process.ts';
import type { TrialInput } from './kind.ts';
import type { RrWorkload } from './rr-spec.ts';

export interface Iperf2Trial {
  server: { command: HostCommand; at: ListenCheck };
  client: HostCommand;
}

export function rrTrial({ topology, port, workload, timing }: TrialInput<RrWorkload>): Iperf2Trial {
  const p = port + IPERF2_PORT_OFFSET;
  const options = [
    ...(workload.protocol === 'udp' ? ['-u'] : []),
    '--bounceback=1', '--bounceback-period=0', '-l', String(workload.messageBytes), '--histograms', ...flowsOption(workload.flows),
  ];
  return {
    server: iperf2ServerSpec(topology.server, p, workload.protocol),
    client: iperf2ClientCommand(topology.client, topology.server, p, timing.durationS, options),
  };
}

export function rrCommands(input: TrialInput<RrWorkload>): HostCommand[] {
  const t = rrTrial(input);
  return [t.server.command, t.client];
}
