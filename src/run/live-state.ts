// The live-state journal of a running run: which namespaces it owns, written BEFORE they are created, so
// `vethbench cleanup` can finish the job after a SIGKILL. It lives in /run, emptied at boot like the namespaces.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedTopology } from '../topology/resolve.ts';

export interface LiveState {
  prefix: string;
  /** The vethbench process that owns the run; cleanup leaves a run alone while it lives. */
  pid: number;
  startedAt: string;
  namespaces: string[];
  outDir: string;
  /**
   * Set for a topology `vethbench up` left running: it has no owning process (pid is that of the `up` that built it),
   * so `cleanup` never removes it — `vethbench down` does. Holds what `diagnose` and `down` need.
   */
  live?: LiveTopologyRecord;
}

export interface LiveTopologyRecord {
  name: string;
  scenario: string;
  topology: ResolvedTopology;
}

export function stateDir(): string {
  return process.env.VETHBENCH_STATE_DIR ?? '/run/vethbench';
}

function statePath(prefix: string): string {
  return join(stateDir(), `${prefix}.json`);
}

/** Atomic write (tmp + rename): a reader never sees half a file. */
export function writeLiveState(state: LiveState): void {
  mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
  const tmp = `${statePath(state.prefix)}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, statePath(state.prefix));
}

export function removeLiveState(prefix: string): void {
  rmSync(statePath(prefix), { force: true });
}

export function readLiveStates(): LiveState[] {
  let files: string[];
  try {
    files = readdirSync(stateDir()).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(join(stateDir(), f), 'utf8')) as LiveState];
    } catch {
      return [];
    }
  });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
