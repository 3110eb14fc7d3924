// Pure: iperf2 (Debian's `iperf`, 2.1.8) argument vectors. Always enhanced text (-e): it carries the connect times,
// the bounceback counts and the per-flow lines the parsers read; iperf2 2.1.8 has no JSON output.
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import type { ListenCheck } from './server-process.ts';

/** iperf2 servers listen this far above the session's iperf3 port (sockperf takes +100). */
export const IPERF2_PORT_OFFSET = 200;

/**
 * `nofile`: the open-file limit the process gets (prlimit), for runs with hundreds of flows — each flow is a
 * socket (and on the server a thread), and a shell's default soft limit of 1024 stops a thousand flows.
 */
function withNofile(argv: string[], nofile: number | undefined): string[] {
  return nofile === undefined ? argv : ['prlimit', `--nofile=${nofile}:${nofile}`, ...argv];
}

export function iperf2ServerSpec(server: Endpoint, port: number, protocol: 'tcp' | 'udp', nofile?: number): { command: HostCommand; at: ListenCheck } {
  const argv = ['iperf', '-s', ...(protocol === 'udp' ? ['-u'] : []), '-B', server.address, '-p', String(port), '-e'];
  return { command: { argv: withNofile(argv, nofile), netns: server.netns }, at: { netns: server.netns, address: server.address, port, protocol } };
}

/** The client part every iperf2 run shares; `options` are the workload's own. */
export function iperf2ClientCommand(client: Endpoint, server: Endpoint, port: number, durationS: number, options: readonly string[], nofile?: number): HostCommand {
  const argv = ['iperf', '-c', server.address, '-B', client.address, '-p', String(port), '-e', '-t', String(durationS), ...options];
  return { argv: withNofile(argv, nofile), netns: client.netns };
}

/** -P only when more than one flow, as iperf2 prints a [SUM] line then. */
export function flowsOption(flows: number): string[] {
  return flows > 1 ? ['-P', String(flows)] : [];
}

/** iperf2 stalls instead of exiting on some errors: the client is killed this long after its duration. */
export function iperf2TimeoutMs(durationS: number, graceS = 10): number {
  return (durationS + graceS) * 1000;
}
