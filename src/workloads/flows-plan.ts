// Pure: one many-flows trial — the flows split over iperf2 client processes of at most FLOWS_PER_PROCESS flows (-P;
// one thread and one socket per flow on each side), each to its own iperf2 server port, all with an open-file limit
// that fits (prlimit), CSV output (-y C: exact bytes per flow). One process with -P 1000 was captured resetting
// hundreds of flows and dying of a double free; 100 per process ran clean. The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import { flowsOption, iperf2ClientCommand, iperf2ServerSpec, IPERF2_PORT_OFFSET } from '../tools/iperf2-args.ts';
import type { FlowsWorkload } from '../scenario/flows-spec.ts';
import type { TrialInput } from './kind.ts';
import type { Iperf2Trial } from './rr-plan.ts';

/** Sockets per flow and side (data socket; the listener and stdio on top): generous, it is only a ceiling. */
export function nofileFor(flows: number): number {
  return Math.max(1024, 2 * flows + 256);
}

export const FLOWS_PER_PROCESS = 100;

/** 250 → [100, 100, 50]. */
export function flowsPerProcess(flows: number): number[] {
  return Array.from({ length: Math.ceil(flows / FLOWS_PER_PROCESS) }, (_, i) => Math.min(FLOWS_PER_PROCESS, flows - i * FLOWS_PER_PROCESS));
}

/** Process i: a server on the iperf2 port + i and its client. */
export function flowsTrial({ topology, port, workload, timing }: TrialInput<FlowsWorkload>): Iperf2Trial[] {
  return flowsPerProcess(workload.flows).map((flows, i) => {
    const p = port + IPERF2_PORT_OFFSET + i;
    const nofile = nofileFor(flows);
    return {
      server: iperf2ServerSpec(topology.server, p, 'tcp', nofile),
      client: iperf2ClientCommand(topology.client, topology.server, p, timing.durationS, ['-y', 'C', ...flowsOption(flows)], nofile),
    };
  });
}

export function flowsCommands(input: TrialInput<FlowsWorkload>): HostCommand[] {
  const trials = flowsTrial(input);
  return [...trials.map((t) => t.server.command), ...trials.map((t) => t.client)];
}
