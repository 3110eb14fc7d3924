// Where vethbench keeps what it must undo (live-state files, the sysctl journal, compiled XDP objects), and whether
// the process that wrote a state file still runs.
import { lstatSync } from 'node:fs';
import { InputError } from '../errors.ts';

/**
 * /run/vethbench, or VETHBENCH_STATE_DIR (tests). As root, a state directory someone else owns or may write to is
 * refused: cleanup deletes the namespaces and restores the sysctls its files name, so they must be root's alone.
 */
export function stateDir(): string {
  const dir = process.env.VETHBENCH_STATE_DIR ?? '/run/vethbench';
  if (process.getuid?.() === 0) {
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(dir);
    } catch {
      return dir; // created by the first write, owned by root with mode 0700
    }
    if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
      throw new InputError(`VETHBENCH_STATE_DIR ${dir}: ${!st.isDirectory() ? 'is not a directory' : st.uid !== 0 ? `is owned by uid ${st.uid}, not root` : 'may be written by others'}; as root, vethbench trusts only a state directory that root alone can write (unset VETHBENCH_STATE_DIR to use /run/vethbench)`);
    }
  }
  return dir;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
