// Owns an iperf3 server's lifetime: start it inside the server namespace, wait until it listens, stop it by pid.
import { HostCommandError } from '../errors.ts';
import type { Host, SpawnedProcess } from '../host/host.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { iperf3ServerCommand } from './iperf3-args.ts';

const LISTEN_TIMEOUT_MS = 5000;
const POLL_MS = 20;

export interface RunningServer {
  process: SpawnedProcess;
  stop(): Promise<void>;
}

/** Listening on the port AND by this pid: another program holding the port must not pass for our server. */
async function isListening(host: Host, server: Endpoint, port: number, pid: number | undefined): Promise<boolean> {
  const r = await host.exec(['ss', '-N', server.netns, '-H', '-l', '-t', '-n', '-p', 'sport', '=', `:${port}`]);
  return r.exitCode === 0 && r.stdout.includes(`:${port}`) && pid !== undefined && r.stdout.includes(`pid=${pid},`);
}

export async function startIperf3Server(host: Host, server: Endpoint, port: number): Promise<RunningServer> {
  const command = iperf3ServerCommand(server, port);
  const process = host.spawn(command.argv, { netns: command.netns });
  let exited = false;
  void process.exited.then(() => { exited = true; });
  const deadline = Date.now() + LISTEN_TIMEOUT_MS;
  while (!(await isListening(host, server, port, process.pid))) {
    if (exited || Date.now() > deadline) {
      const result = await process.stop(500);
      const out = `${result.stderr}${result.stdout}`.trim();
      throw new HostCommandError(process.argv, exited ? `the server exited before listening (exit code ${result.exitCode ?? result.signal})` : `not listening on ${server.address}:${port} after ${LISTEN_TIMEOUT_MS} ms`, out);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return { process, stop: async () => { await process.stop(1000); } };
}
