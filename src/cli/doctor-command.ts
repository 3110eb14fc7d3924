// `vethbench doctor`: can this host run vethbench? Root, programs and versions, link kinds — each problem with its fix.
import { probeLinkKinds } from '../host/capabilities.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { checkPreflight, preflightProblems, TOOL_REQUIREMENTS } from '../host/preflight.ts';
import { freshRunPrefix } from '../run/fresh-prefix.ts';
import { interferenceSnapshot } from '../metadata/interference-snapshot.ts';
import { otherLiveRuns } from '../run/interference-guard.ts';
import { DEFAULT_MAX_NEIGHBOUR_CPU, interferenceBetween, quietnessLine } from '../stats/interference.ts';
import { ALL_LINKS, linkName, requiredKinds, unsupportedReason } from '../topology/link-kinds.ts';

/** The probed kinds some scenario link needs (the probe may know more, e.g. vxlan: nothing uses it, so it is not shown). */
const USED_KINDS = new Set(ALL_LINKS.flatMap(requiredKinds));

/** Seconds doctor watches the host: long enough for 0.1 core to be 20 ticks on 2 CPUs, short enough to wait for. */
export const QUIET_WINDOW_S = 2;

/** How quiet the host is now (what run's interference guard would see), or why it cannot tell. */
async function quietness(): Promise<{ line: string; busy: boolean }> {
  const before = await interferenceSnapshot();
  await new Promise((r) => setTimeout(r, QUIET_WINDOW_S * 1000));
  const after = await interferenceSnapshot();
  const cpu = before && after ? interferenceBetween(before, after) : undefined;
  const others = otherLiveRuns('');
  if (!cpu) return { line: 'host quietness: not measured (/proc/stat unreadable)', busy: false };
  const busy = cpu.neighbourCores > DEFAULT_MAX_NEIGHBOUR_CPU || others.length > 0;
  const runs = others.length ? `; other vethbench runs live: ${others.join(', ')} (their samples and yours would be contaminated)` : '';
  return { line: `host quietness over ${QUIET_WINDOW_S} s: ${quietnessLine(cpu.neighbourCores, cpu.stealCores, after!.host.cpuCount)}${runs}`, busy };
}

/** Exit code 0 when `vethbench run` can work here, 3 ("this host cannot run it", as run) otherwise. */
export async function doctorCommand(): Promise<number> {
  const host = new ExecaHost();
  const report = await checkPreflight(host, { needRoot: true, binaries: TOOL_REQUIREMENTS.map((t) => t.binary) });
  const out: string[] = [];
  out.push(`root / CAP_NET_ADMIN+CAP_SYS_ADMIN: ${report.isRoot ? 'yes' : 'no'}`);
  out.push('programs (required unless marked "only for"):');
  for (const t of TOOL_REQUIREMENTS) {
    const found = report.binaries.find((b) => b.binary === t.binary);
    const version = Object.values(report.versions).find((v) => v.binary === t.binary);
    const state = found?.path ? `${found.path}${version ? `  (${version.line})` : ''}` : `MISSING — apt-get install -y ${t.debianPackage}`;
    out.push(`  ${t.binary.padEnd(9)} ${state}${t.optional ? `  [only for ${t.purpose}]` : ''}`);
  }
  out.push('link kinds:');
  if (report.isRoot && report.binaries.find((b) => b.binary === 'ip')?.found) {
    const kinds = (await probeLinkKinds(host, `${await freshRunPrefix(host)}-cap`)).filter((k) => USED_KINDS.has(k.kind));
    for (const k of kinds) out.push(`  ${k.kind.padEnd(9)} ${k.supported ? 'yes' : `no — ${k.reason ?? ''}`}`);
    out.push(`  ${'loopback'.padEnd(9)} yes (lo inside a namespace: nothing to create)`);
    const usable = ALL_LINKS.filter((l) => unsupportedReason(l, kinds) === undefined).map(linkName);
    const skipped = ALL_LINKS.filter((l) => unsupportedReason(l, kinds) !== undefined).map(linkName);
    out.push(`scenario links measurable here: ${usable.join(', ')}${skipped.length ? `; skipped with the reason above: ${skipped.join(', ')}` : ''}`);
  } else {
    out.push('  not probed: probing creates a scratch namespace, which needs root (run: sudo vethbench doctor)');
  }
  const required = preflightProblems({ ...report, binaries: report.binaries.filter((b) => !TOOL_REQUIREMENTS.find((t) => t.binary === b.binary)?.optional) });
  const quiet = await quietness();
  out.push(quiet.line);
  out.push(required.length ? 'problems:' : `ready: vethbench run can work on this host${quiet.busy ? ' (but not quietly now: wait for the neighbours, or samples will be marked contaminated)' : ''}`);
  for (const p of required) out.push(`  ${p.problem}\n    fix: ${p.fix}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return required.length ? 3 : 0;
}
