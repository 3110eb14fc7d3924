// What a command writes while run through sudo belongs to the user who typed sudo (SUDO_UID:SUDO_GID), so a later
// `vethbench report` as that user can write beside it. Only entries this command created or replaced are handed
// over; lchown changes a symlink itself, never what it points to; symlinked directories are not entered; the
// live-state directory (/run/vethbench) is never under --out and is never walked.
import { existsSync, lchownSync, lstatSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

interface SudoUser { uid: number; gid: number }

/** SUDO_UID/SUDO_GID when running as root through sudo, else undefined (nothing to hand over). */
export function sudoUser(env: NodeJS.ProcessEnv = process.env, euid = process.geteuid?.()): SudoUser | undefined {
  if (euid !== 0) return undefined;
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  if (!/^\d+$/.test(env.SUDO_UID ?? '') || !/^\d+$/.test(env.SUDO_GID ?? '') || uid === 0) return undefined;
  return { uid, gid };
}

/** Identity (device + inode) of every entry under `dir`, the directory itself included. */
export function snapshot(dir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (path: string): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    seen.set(path, `${stat.dev}:${stat.ino}`);
    if (!stat.isDirectory()) return;
    for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(resolve(dir));
  return seen;
}

/** Entries under `dir` that are new or replaced since `before`, and root-owned: what to hand over. */
export function newRootOwned(dir: string, before: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [path, identity] of snapshot(dir)) {
    if (before.get(path) === identity) continue;
    if (lstatSync(path).uid === 0) changed.push(path);
  }
  return changed;
}

/** The directory a results.json (or a run directory) lives in: where `report` writes. */
export function runDirectory(runOrResults: string): string {
  return existsSync(runOrResults) && lstatSync(runOrResults).isDirectory() ? runOrResults : dirname(runOrResults);
}

/** The live-state directory (src/run/live-state.ts): it stays root's even when --out points into it. */
function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.VETHBENCH_STATE_DIR ?? '/run/vethbench');
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * Runs `work`, then lchowns to the sudo user what it created at or under `dir` (a directory, or one file it writes) — also after a failure or Ctrl-C
 * (the run command returns 130 rather than exiting). Directories `work` created on the way to `dir` (a new
 * --out) are handed over too; nothing above the nearest directory that already existed is looked at.
 */
export async function writtenAsSudoUser<T>(dir: string | undefined, work: () => Promise<T> | T, user = sudoUser()): Promise<T> {
  if (dir === undefined || user === undefined) return work();
  const target = resolve(dir);
  let existing = target;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const before = existing === target ? snapshot(target) : new Map<string, string>();
  try {
    return await work();
  } finally {
    const created: string[] = [];
    for (let d = dirname(target); existing !== target && d !== existing && inside(d, existing); d = dirname(d)) created.push(d);
    handOverToSudoUser([...created, ...(existsSync(target) ? newRootOwned(target, before) : [])], user);
  }
}

/** lchowns these root-owned paths to the sudo user (none outside sudo); the state directory is never handed over. */
export function handOverToSudoUser(paths: readonly string[], user = sudoUser()): void {
  if (user === undefined) return;
  const state = stateDirectory();
  for (const path of paths) {
    if (inside(resolve(path), state)) continue;
    try {
      if (lstatSync(path).uid === 0) lchownSync(path, user.uid, user.gid);
    } catch {
      // a file removed meanwhile, or a filesystem without owners: nothing to hand over
    }
  }
}
