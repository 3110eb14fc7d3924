// The iperf3 server of a session or a workload: bound to the server address and a per-run port.
import type { Host } from '../host/host.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { iperf3ServerCommand } from './iperf3-args.ts';
import { startServer, type RunningServer } from './server-process.ts';

export type { RunningServer } from './server-process.ts';

export function iperf3ServerSpec(server: Endpoint, port: number) {
  return { command: iperf3ServerCommand(server, port), at: { netns: server.netns, address: server.address, port, protocol: 'tcp' as const } };
}

export async function startIperf3Server(host: Host, server: Endpoint, port: number): Promise<RunningServer> {
  const spec = iperf3ServerSpec(server, port);
  return startServer(host, spec.command, spec.at);
}
