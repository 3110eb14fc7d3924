// Pure: one iperf3 trial — the servers of senders beyond the first (the session's server serves the first) and one
// client per sender, each to its own port. The runner starts and runs exactly these.
import { iperf3KnobArgs } from '../knobs/iperf3-family.ts';
import type { HostCommand } from '../net/command.ts';
import type { Iperf3Workload } from '../scenario/scenario.ts';
import { iperf3ClientCommand } from '../tools/iperf3-args.ts';
import { iperf3ServerSpec } from '../tools/iperf3-server.ts';
import type { ListenCheck } from '../tools/server-process.ts';
import type { TrialInput } from './kind.ts';

/** Sender i talks to the session's port + i; senders beyond the first get their own server for the trial. */
export function senderPorts(port: number, senders: number): number[] {
  return Array.from({ length: senders }, (_, i) => port + i);
}

export interface Iperf3Trial {
  servers: { command: HostCommand; at: ListenCheck }[];
  clients: HostCommand[];
}

export function iperf3Trial({ topology, port, workload, knobs, timing }: TrialInput<Iperf3Workload>): Iperf3Trial {
  const ports = senderPorts(port, workload.protocol === 'udp' ? workload.senders ?? 1 : 1);
  return {
    servers: ports.slice(1).map((p) => iperf3ServerSpec(topology.server, p)),
    clients: ports.map((p) => iperf3ClientCommand(topology.client, topology.server, p, workload, timing, iperf3KnobArgs(knobs))),
  };
}

export function iperf3Commands(input: TrialInput<Iperf3Workload>): HostCommand[] {
  const trial = iperf3Trial(input);
  return [...trial.servers.map((s) => s.command), ...trial.clients];
}
