// `vethbench cleanup`: remove what killed runs left behind (matched by the run prefix only).
import { PreflightError } from '../errors.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { cleanupLeftovers } from '../run/cleanup.ts';

export async function cleanupCommand(flags: { dryRun?: boolean; orphans?: boolean }): Promise<number> {
  if (process.geteuid?.() !== 0 && !flags.dryRun) throw new PreflightError('vethbench cleanup deletes namespaces, which needs root; fix: run it with sudo (or look first with --dry-run)');
  const report = await cleanupLeftovers(new ExecaHost(), flags.dryRun ?? false, flags.orphans ?? false);
  const verb = flags.dryRun ? 'would remove' : 'removed';
  const lines = [
    ...report.running.map((r) => (r.live !== undefined ? `left alone: live topology ${r.live} (${r.prefix}) from vethbench up (remove it with: vethbench down ${r.live})` : `left alone: run ${r.prefix} is still running (pid ${r.pid})`)),
    ...report.namespaces.map((n) => `${verb} namespace ${n}`),
    ...(flags.orphans ? [] : report.orphans.map((n) => `left alone: namespace ${n} looks like vethbench's but no run journal names it (remove it with --orphans once no run is active)`)),
    ...report.sysctlsRestored.map((s) => `${flags.dryRun ? 'would restore' : 'restored'} sysctl ${s}`),
    ...report.problems,
  ];
  if (lines.length === 0) lines.push('nothing to clean up');
  process.stdout.write(`${lines.join('\n')}\n`);
  return report.problems.length ? 1 : 0;
}
