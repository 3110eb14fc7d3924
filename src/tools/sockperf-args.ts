// Pure: sockperf argument vectors for the server and one ping-pong client run.
import type { HostCommand } from '../net/command.ts';
import type { SockperfWorkload } from '../scenario/scenario.ts';
import type { Endpoint } from '../topology/resolve.ts';
import type { ListenCheck } from './server-process.ts';

type Protocol = SockperfWorkload['protocol'];

/** sockperf serves one protocol per process (UDP unless --tcp). */
export function sockperfServerCommand(server: Endpoint, port: number, protocol: Protocol): HostCommand {
  return { argv: ['sockperf', 'server', ...(protocol === 'tcp' ? ['--tcp'] : []), '-i', server.address, '-p', String(port)], netns: server.netns };
}

export function sockperfServerSpec(server: Endpoint, port: number, protocol: Protocol): { command: HostCommand; at: ListenCheck } {
  return { command: sockperfServerCommand(server, port, protocol), at: { netns: server.netns, address: server.address, port, protocol } };
}

/** -t is the whole run; sockperf spends its first part warming up and measures the rest ("Valid Duration"). */
export function sockperfClientCommand(client: Endpoint, server: Endpoint, port: number, workload: SockperfWorkload, durationS: number): HostCommand {
  return {
    argv: [
      'sockperf', 'ping-pong', ...(workload.protocol === 'tcp' ? ['--tcp'] : []),
      '-i', server.address, '-p', String(port), '--client_ip', client.address,
      '-t', String(durationS), '-m', String(workload.messageBytes),
    ],
    netns: client.netns,
  };
}

/** sockperf waits about 2 s for replies that never come (UDP, server gone) before it gives up. */
export function sockperfTimeoutMs(durationS: number): number {
  return (durationS + 10) * 1000;
}
