// One instant of the interference guard's inputs, read from /proc: the whole host's CPU time and the run's own
// process tree and kernel threads (arithmetic in src/stats/interference.ts).
import type { Snapshot } from '../stats/interference.ts';
import { readProcStat } from './proc-stat.ts';
import { readAllProcessTimes, treeTimes } from './process-times.ts';

/** undefined where /proc/stat cannot be read (then no interference is recorded, never a guess). */
export async function interferenceSnapshot(root = process.pid): Promise<Snapshot | undefined> {
  const host = await readProcStat();
  const processes = readAllProcessTimes();
  if (!host || processes.length === 0) return undefined;
  const { ownUser, ownSystem, kernelThreads } = treeTimes(processes, root);
  return { host, own: { ownUser, ownSystem, kernelThreads } };
}
