// Pure: one many-flows trial — an iperf2 server and a client with -P flows (one thread and one socket per flow on
// each side), both with an open-file limit that fits (prlimit), CSV output (-y C: exact bytes per flow).
// The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import { flowsOption, iperf2ClientCommand, iperf2ServerSpec, IPERF2_PORT_OFFSET } from '../tools/iperf2-args.ts';
import type { FlowsWorkload } from './flows-spec.ts';
import type { TrialInput } from './kind.ts';
import type { Iperf2Trial } from './rr-plan.ts';

/** Sockets per flow and side (data socket; the listener and stdio on top): generous, it is only a ceiling. */
export function nofileFor(flows: number): number {
  return Math.max(1024, 2 * flows + 256);
}

export function flowsTrial({ topology, port, workload, timing }: TrialInput<FlowsWorkload>): Iperf2Trial {
  const p = port + IPERF2_PORT_OFFSET;
  const nofile = nofileFor(workload.flows);
  return {
    server: iperf2ServerSpec(topology.server, p, 'tcp', nofile),
    client: iperf2ClientCommand(topology.client, topology.server, p, timing.durationS, ['-y', 'C', ...flowsOption(workload.flows)], nofile),
  };
}

export function flowsCommands(input: TrialInput<FlowsWorkload>): HostCommand[] {
  const t = flowsTrial(input);
  return [t.server.command, t.client];
}
