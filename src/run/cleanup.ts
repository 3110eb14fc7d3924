// `vethbench cleanup`: finish the teardown of runs that were killed (SIGKILL, power loss of the process).
import type { Host } from '../host/host.ts';
import { readSysctlJournal, restoreSysctls } from '../files/sysctl-journal.ts';
import { listNamespaces, teardownNamespaces } from '../net/teardown.ts';
import { RUN_NAMESPACE } from '../results/state-schema.ts';
import { isProcessAlive } from '../host/state-dir.ts';
import { readLiveStates, removeLiveState, type LiveState } from './live-state.ts';


export interface CleanupDecision {
  /** To remove: the dead runs' namespaces (and, with --orphans, the orphans). */
  namespaces: string[];
  /** vethbench-pattern namespaces no state file names (another state directory, or a lost one): kept unless asked. */
  orphans: string[];
  /** Live-state files of finished-off runs, to delete once their namespaces are gone. */
  prefixes: string[];
  /** Runs whose owner still lives: left alone. */
  running: { prefix: string; pid: number; live?: string }[];
}

/**
 * Pure: which namespaces belong to dead runs. A namespace outside the naming pattern is never touched, and one
 * that matches it but that no state file names is only removed when asked (`--orphans`): it may belong to a live
 * run that keeps its state elsewhere (VETHBENCH_STATE_DIR), or to one still probing before it wrote its state.
 */
export function decideCleanup(states: readonly LiveState[], namespaces: readonly string[], alive: (pid: number) => boolean, includeOrphans = false): CleanupDecision {
  // A live topology (`vethbench up`) has no owner process: it counts as running until `vethbench down` removes it.
  const running = states.filter((s) => s.live !== undefined || alive(s.pid)).map((s) => ({ prefix: s.prefix, pid: s.pid, ...(s.live ? { live: s.live.name } : {}) }));
  const livePrefixes = new Set(running.map((r) => r.prefix));
  const dead = states.filter((s) => !livePrefixes.has(s.prefix));
  const deadPrefixes = new Set(dead.map((s) => s.prefix));
  const prefixOf = (n: string): string | undefined => RUN_NAMESPACE.exec(n)?.[1];
  const ofDeadRuns = namespaces.filter((n) => deadPrefixes.has(prefixOf(n) ?? ''));
  const orphans = namespaces.filter((n) => {
    const prefix = prefixOf(n);
    return prefix !== undefined && !livePrefixes.has(prefix) && !deadPrefixes.has(prefix);
  });
  return { namespaces: includeOrphans ? [...ofDeadRuns, ...orphans] : ofDeadRuns, orphans, prefixes: dead.map((s) => s.prefix), running };
}

export interface CleanupReport extends CleanupDecision {
  /** Global sysctls put back from the journal of a dead run ("key=value"). */
  sysctlsRestored: string[];
  problems: string[];
}

export async function cleanupLeftovers(host: Host, dryRun: boolean, includeOrphans = false): Promise<CleanupReport> {
  const decision = decideCleanup(readLiveStates(), await listNamespaces(host), (pid) => pid !== process.pid && isProcessAlive(pid), includeOrphans);
  if (dryRun) {
    const journal = readSysctlJournal();
    const pending = journal && !isProcessAlive(journal.ownerPid) ? Object.entries(journal.originals).map(([k, v]) => `${k}=${v}`) : [];
    return { ...decision, sysctlsRestored: pending, problems: [] };
  }
  const problems = await teardownNamespaces(host, decision.namespaces);
  if (problems.length === 0) for (const prefix of decision.prefixes) removeLiveState(prefix);
  const sysctls = await restoreSysctls(host, 'dead-owner');
  return { ...decision, sysctlsRestored: sysctls.restored, problems: [...problems, ...sysctls.problems] };
}
