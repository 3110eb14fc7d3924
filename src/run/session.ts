// A topology that stays up across trials: built once, its iperf3 server started once, torn down at the end
// (or after a failed trial, so the next one starts from a fresh build).
import { HostCommandError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import { buildCommands } from '../net/build.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { startIperf3Server, type RunningServer } from '../tools/iperf3-server.ts';

export interface Session {
  topology: ResolvedTopology;
  port: number;
  server: RunningServer;
}

export async function openSession(host: Host, topology: ResolvedTopology, port: number): Promise<Session> {
  try {
    for (const command of buildCommands(topology)) {
      const r = await host.exec(command.argv, { netns: command.netns, stdin: command.stdin, timeoutMs: 15_000 });
      if (r.exitCode !== 0) throw new HostCommandError(r.argv, `building the topology (exit code ${r.exitCode ?? r.signal})`, r.stderr);
    }
    return { topology, port, server: await startIperf3Server(host, topology.server, port) };
  } catch (error) {
    await teardownNamespaces(host, topology.namespaces.map((n) => n.name));
    throw error;
  }
}

/** Stops the server by pid, then deletes the namespaces. Returns what could not be removed. */
export async function closeSession(host: Host, session: Session): Promise<string[]> {
  await session.server.stop();
  return teardownNamespaces(host, session.topology.namespaces.map((n) => n.name));
}
