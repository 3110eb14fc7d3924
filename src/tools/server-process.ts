// Owns a measurement server's lifetime (iperf3, sockperf): start it inside the server namespace, wait until its
// socket is there, stop it by pid. It must be stopped before its namespace is deleted.
import { HostCommandError } from '../errors.ts';
import type { Host, SpawnedProcess } from '../host/host.ts';
import type { HostCommand } from '../net/command.ts';

const LISTEN_TIMEOUT_MS = 5000;
const POLL_MS = 20;

export interface RunningServer {
  process: SpawnedProcess;
  stop(): Promise<void>;
}

export interface ListenCheck {
  netns: string;
  address: string;
  port: number;
  /** A UDP server has no listening state: its bound socket is what `ss -l -u` shows. */
  protocol: 'tcp' | 'udp';
}

/** The socket is there AND owned by this pid: another program holding the port must not pass for our server. */
async function isListening(host: Host, at: ListenCheck, pid: number | undefined): Promise<boolean> {
  const r = await host.exec(['ss', '-N', at.netns, '-H', '-l', at.protocol === 'tcp' ? '-t' : '-u', '-n', '-p', 'sport', '=', `:${at.port}`]);
  return r.exitCode === 0 && r.stdout.includes(`:${at.port}`) && pid !== undefined && r.stdout.includes(`pid=${pid},`);
}

export async function startServer(host: Host, command: HostCommand, at: ListenCheck): Promise<RunningServer> {
  const process = host.spawn(command.argv, { netns: command.netns });
  let exited = false;
  void process.exited.then(() => { exited = true; });
  const deadline = Date.now() + LISTEN_TIMEOUT_MS;
  while (!(await isListening(host, at, process.pid))) {
    if (exited || Date.now() > deadline) {
      const result = await process.stop(500);
      const out = `${result.stderr}${result.stdout}`.trim();
      throw new HostCommandError(process.argv, exited ? `the server exited before listening (exit code ${result.exitCode ?? result.signal})` : `not listening on ${at.address}:${at.port} after ${LISTEN_TIMEOUT_MS} ms`, out);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return { process, stop: async () => { await process.stop(1000); } };
}

/** Starts them all at once; when one fails, the ones already up are stopped before the error goes on. */
export async function startServers(host: Host, servers: readonly { command: HostCommand; at: ListenCheck }[]): Promise<RunningServer[]> {
  const started = await Promise.allSettled(servers.map((s) => startServer(host, s.command, s.at)));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await stopServers(up);
    throw failed.reason;
  }
  return up;
}

export async function stopServers(servers: readonly RunningServer[]): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
}
