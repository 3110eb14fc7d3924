// Runs the real CLI (bin/vethbench.js) as a child process, with its own live-state directory.
import { execa } from 'execa';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './host-state.ts';

/**
 * The interference guard is off in CLI tests (VETHBENCH_MAX_NEIGHBOUR_CPU=1024): they assert summaries of one or two
 * samples, which a 0.1-core blip from the host would leave out (seen in CI). The guard's own tests set their limits.
 */
export function startCli(args: string[], stateDir: string, env: Record<string, string> = {}) {
  return execa('node', [join(repoRoot, 'bin/vethbench.js'), ...args], { reject: false, cwd: repoRoot, env: { VETHBENCH_STATE_DIR: stateDir, VETHBENCH_MAX_NEIGHBOUR_CPU: '1024', ...env } });
}

/** The single run directory created under an --out directory. */
export function onlyRunDir(outDir: string): string {
  const dirs = readdirSync(outDir);
  if (dirs.length !== 1) throw new Error(`expected one run directory in ${outDir}, found ${dirs.join(', ') || 'none'}`);
  return join(outDir, dirs[0]!);
}

export function journalLines(runDir: string): { type: string }[] {
  return readFileSync(join(runDir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string });
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
