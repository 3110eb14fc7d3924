// The live-state journal of a running run: which namespaces it owns, written BEFORE they are created, so
// `vethbench cleanup` can finish the job after a SIGKILL. It lives in /run, emptied at boot like the namespaces.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../host/state-dir.ts';
import { liveStateSchema, STATE_SCHEMA_VERSION, type LiveState } from '../results/state-schema.ts';
import { storedDocument } from '../results/parse-stored.ts';

export type { LiveState, LiveTopologyRecord } from '../results/state-schema.ts';

/** Live-state files are named after the run's prefix; the sysctl journal beside them is not one. */
const STATE_FILE = /^vb[0-9a-f]{4}\.json$/;


function statePath(prefix: string): string {
  return join(stateDir(), `${prefix}.json`);
}

/** Atomic write (tmp + rename): a reader never sees half a file. */
export function writeLiveState(state: LiveState): void {
  mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
  const tmp = `${statePath(state.prefix)}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...state, schemaVersion: STATE_SCHEMA_VERSION }, null, 2));
  renameSync(tmp, statePath(state.prefix));
}

export function removeLiveState(prefix: string): void {
  rmSync(statePath(prefix), { force: true });
}

/** Every run's live state; a damaged file is an InputError naming it, the field and the fix (never a TypeError). */
export function readLiveStates(): LiveState[] {
  const dir = stateDir();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => STATE_FILE.test(f));
  } catch {
    return [];
  }
  return files.flatMap((f) => {
    const path = join(dir, f);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return []; // removed by its run while we listed
    }
    return [parseLiveState(text, path)];
  });
}

const DAMAGED = (path: string) => `a damaged live-state file; check \`ip netns list\` for the namespaces of its run, remove them by hand, then remove ${path}`;

/** Pure: a live-state file's text → its state, or an InputError. */
export function parseLiveState(text: string, path: string): LiveState {
  return storedDocument(text, path, liveStateSchema, DAMAGED(path));
}
