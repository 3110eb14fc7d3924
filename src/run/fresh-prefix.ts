// A run prefix no namespace on this host and no live-state file uses yet (for run, up and doctor's probe).
import type { Host } from '../host/host.ts';
import { listNamespaces } from '../net/teardown.ts';
import { readLiveStates } from './live-state.ts';
import { pickPrefix } from './run-id.ts';

export async function freshRunPrefix(host: Host): Promise<string> {
  const taken = new Set([...(await listNamespaces(host)).map((n) => n.slice(0, 6)), ...readLiveStates().map((s) => s.prefix)]);
  return pickPrefix((p) => taken.has(p));
}
