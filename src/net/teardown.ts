// Removes a run's namespaces: first every process inside them (by pid), then the namespaces (and with them the veths).
import type { Host } from '../host/host.ts';
import { deleteNamespacesCommand } from './build.ts';

/** `ip netns list` prints "name" or "name (id: 3)". */
export function parseNetnsList(text: string): string[] {
  return text.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

export async function listNamespaces(host: Host): Promise<string[]> {
  const r = await host.exec(['ip', 'netns', 'list']);
  return r.exitCode === 0 ? parseNetnsList(r.stdout) : [];
}

async function pidsIn(host: Host, netns: string): Promise<string[]> {
  const r = await host.exec(['ip', 'netns', 'pids', netns]);
  return r.exitCode === 0 ? r.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p)) : [];
}

async function killAll(host: Host, names: readonly string[], signal: 'TERM' | 'KILL'): Promise<number> {
  const pids = (await Promise.all(names.map((n) => pidsIn(host, n)))).flat();
  if (pids.length) await host.exec(['kill', `-${signal}`, ...pids]);
  return pids.length;
}

/** Returns what could not be removed (empty when the host is clean). Never throws: teardown must always finish. */
export async function teardownNamespaces(host: Host, names: readonly string[]): Promise<string[]> {
  const present = (await listNamespaces(host)).filter((n) => names.includes(n));
  if (present.length === 0) return [];
  if (await killAll(host, present, 'TERM')) {
    for (let i = 0; i < 20 && (await killAll(host, present, 'TERM')) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await killAll(host, present, 'KILL');
  }
  const del = deleteNamespacesCommand(present);
  await host.exec(del.argv, { stdin: del.stdin });
  const left = (await listNamespaces(host)).filter((n) => names.includes(n));
  return left.map((n) => `namespace ${n} is still present (remove it with: ip netns del ${n})`);
}
