// What integration tests check on the real host: which of a run's namespaces and processes are still there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The reason root-only tests are skipped, or false when they can run. */
export const needsRoot: string | false =
  process.geteuid?.() === 0 ? false : 'needs root: builds real network namespaces and veth links (CI runs as root)';

export function namespacesWithPrefix(prefix: string): string[] {
  const text = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return text.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => n.startsWith(prefix));
}

/** iperf3 processes whose command line names this port (each run uses its own port). */
export function iperf3ProcessesOnPort(port: number): string[] {
  const text = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return text.split('\n').filter((l) => /\biperf3\b/.test(l) && l.includes(` ${port}`));
}

const made: string[] = [];

/**
 * A fresh directory under the system's temp dir, removed when this test file's process exits (each file runs in
 * its own process), so a suite run leaves nothing in /tmp. VETHBENCH_KEEP_TEMP=1 keeps them, to look at a failure.
 */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vethbench-${name}-`));
  if (process.env.VETHBENCH_KEEP_TEMP !== '1') {
    if (made.length === 0) process.once('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
    made.push(dir);
  }
  return dir;
}

export const repoRoot = new URL('../../', import.meta.url).pathname;

/**
 * Why an A/A comparison of runs made minutes apart cannot be judged here, or false: other work keeps more than
 * two runnable tasks per CPU (our own traffic adds about one per CPU). Their load then shifts between the runs,
 * and a correct comparison reports that shift.
 */
export function hostBusyReason(): string | false {
  const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const cpus = availableParallelism();
  return load > 2 * cpus ? `host busy with other work (1-minute load average ${load} on ${cpus} CPUs): an A/A comparison would measure the neighbours` : false;
}
