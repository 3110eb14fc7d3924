// Pure: iperf3 argument vectors for the server and for one measured client run.
// Short options: their spelling is the same in every iperf3 3.x (long names changed, e.g. --bandwidth → --bitrate).
import type { HostCommand } from '../net/command.ts';
import type { Iperf3Workload } from '../scenario/scenario.ts';
import type { Endpoint } from '../topology/resolve.ts';

export function iperf3ServerCommand(server: Endpoint, port: number): HostCommand {
  return { argv: ['iperf3', '-s', '-B', server.address, '-p', String(port)], netns: server.netns };
}

export interface ClientTiming {
  durationS: number;
  omitS: number;
  /** Seconds past duration + omit before the client is killed as hung (default 10). */
  graceS?: number;
}

/** `extra`: options that knobs add (-w, -A) or a caller's rate (-b). */
export function iperf3ClientCommand(client: Endpoint, server: Endpoint, port: number, workload: Iperf3Workload, timing: ClientTiming, extra: readonly string[] = []): HostCommand {
  const argv = [
    'iperf3', '-c', server.address, '-B', client.address, '-p', String(port), '-J',
    '-t', String(timing.durationS), '-O', String(timing.omitS), '-P', String(workload.streams),
  ];
  if (workload.protocol === 'tcp') {
    if (workload.reverse) argv.push('-R');
    if (workload.bidir) argv.push('--bidir');
    if (workload.blockBytes) argv.push('-l', String(workload.blockBytes));
    if (workload.zerocopy) argv.push('-Z');
    if (workload.congestion) argv.push('-C', workload.congestion);
  } else {
    argv.push('-u', '-b', workload.bitrate, '-l', String(workload.lengthBytes));
  }
  argv.push(...extra);
  return { argv, netns: client.netns };
}

/** How long a client may run before it is killed: measurement + omit + a grace for setup and result exchange. */
export function clientTimeoutMs(timing: ClientTiming): number {
  return (timing.durationS + timing.omitS + (timing.graceS ?? 10)) * 1000;
}
