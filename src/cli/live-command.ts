// `vethbench up | down | ls | diagnose`: live topologies to explore and troubleshoot (see src/live/live.ts).
import { ExecaHost } from '../host/execa-host.ts';
import { needsNft } from '../net/build.ts';
import { assertPreflight, checkPreflight, findBinary, searchDirs } from '../host/preflight.ts';
import { captureTopology } from '../live/capture.ts';
import { diagnose, healthy, type Finding } from '../live/diagnose.ts';
import { diagnoseJson, lsJson } from '../live/live-json.ts';
import { bringUp, describeLive, findLive, liveStates, takeDown } from '../live/live.ts';
import { listNamespaces } from '../net/teardown.ts';
import { expandPlan } from '../plan/expand.ts';
import { loadScenario } from '../files/load-scenario.ts';
import { runSettings } from './run-settings.ts';
import { InputError } from '../errors.ts';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { handOverToSudoUser } from './sudo-owner.ts';
import { captureEnds, describeSummary, summarizePcap } from '../live/packet-capture.ts';
import { captureEndsToFiles } from '../live/tcpdump.ts';
import { OutputError } from '../errors.ts';

const LIVE_BINARIES = ['ip', 'ethtool', 'sysctl', 'kill', 'tc'];

export async function upCommand(file: string, flags: { name?: string; filter?: Record<string, string[]> }): Promise<number> {
  const scenario = await loadScenario(file);
  const plan = expandPlan(scenario, runSettings(scenario, { quick: true, filter: flags.filter ?? {} }, 0));
  const host = new ExecaHost();
  const nft = needsNft(scenario.topology) ? ['nft'] : [];
  assertPreflight(await checkPreflight(host, { needRoot: true, binaries: [...LIVE_BINARIES, ...nft] }));
  const { state, warnings } = await bringUp(host, plan, flags.name);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const point = plan.points[0]!;
  process.stdout.write(`${describeLive(state)}\n  knobs: ${point.label}\ncheck it with: vethbench diagnose ${state.live!.name}\ntake it down with: vethbench down ${state.live!.name}\n`);
  return 0;
}

/** Without a name: every live topology (there is no owner to ask; `ls` first shows what goes). */
export async function downCommand(name: string | undefined): Promise<number> {
  const host = new ExecaHost();
  assertPreflight(await checkPreflight(host, { needRoot: true, binaries: ['ip', 'kill'] }));
  const states = name === undefined ? liveStates() : [findLive(liveStates(), name)];
  if (states.length === 0) process.stdout.write('no live topology\n');
  let problems = 0;
  for (const state of states) {
    const left = await takeDown(host, state);
    problems += left.length;
    process.stdout.write(left.length ? `${left.join('\n')}\n` : `removed ${state.live!.name} (${state.namespaces.join(', ')})\n`);
  }
  return problems ? 1 : 0;
}

export async function lsCommand(flags: { json?: boolean }): Promise<number> {
  const states = liveStates();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(lsJson(states), null, 2)}\n`);
    return 0;
  }
  process.stdout.write(states.length ? `${states.map(describeLive).join('\n\n')}\n` : 'no live topology (bring one up with vethbench up <scenario.ts>)\n');
  return 0;
}

export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity === 'problem' ? 'PROBLEM' : 'warning'} [${f.check}] ${f.message}${f.fix ? `\n    fix: ${f.fix}` : ''}`).join('\n');
}

export async function diagnoseCommand(name: string | undefined, flags: { json?: boolean }): Promise<number> {
  const host = new ExecaHost();
  assertPreflight(await checkPreflight(host, { needRoot: true, binaries: ['ip', 'tc', 'sysctl', 'ping'] }));
  const state = findLive(liveStates(), name);
  const topology = state.live!.topology;
  const withNft = (await findBinary('nft', searchDirs(process.env.PATH))) !== undefined;
  const capture = await captureTopology(host, topology, await listNamespaces(host), withNft);
  const findings = diagnose(topology, capture);
  const ok = healthy(findings);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(diagnoseJson(state.live!.name, findings, ok), null, 2)}\n`);
  } else {
    const checked = `${topology.namespaces.length} namespaces, ${topology.links.length} links, ${capture.pings.length} ping pairs${withNft ? ', nftables' : ' (nft not installed: firewall not checked)'}`;
    process.stdout.write(`${state.live!.name}: ${ok ? 'healthy' : 'problems found'} (${checked})\n${findings.length ? `${formatFindings(findings)}\n` : ''}`);
  }
  return ok ? 0 : 1;
}

/** `vethbench capture [NAME] --count N`: a pcap per measured end, captured inside the topology's namespaces. */
export async function captureCommand(name: string | undefined, flags: { count: number; timeout: number; out: string }): Promise<number> {
  const host = new ExecaHost();
  assertPreflight(await checkPreflight(host, { needRoot: true, binaries: ['ip', 'tcpdump'] }));
  const state = findLive(liveStates(), name);
  const liveName = state.live!.name;
  const ends = captureEnds(state.live!.topology, liveName);
  const present = await listNamespaces(host);
  const gone = ends.filter((e) => !present.includes(e.netns)).map((e) => e.netns);
  if (gone.length) throw new InputError(`${liveName}: namespace ${[...new Set(gone)].join(', ')} is gone; take it down with vethbench down ${liveName} and bring it up again`);
  let firstCreated: string | undefined;
  try {
    firstCreated = mkdirSync(flags.out, { recursive: true });
  } catch (error) {
    throw new OutputError(flags.out, error);
  }
  process.stderr.write(`capturing up to ${flags.count} packets on ${ends.length} ends of ${liveName} (at most ${flags.timeout} s); send traffic now, e.g. ip netns exec ${state.live!.topology.client.netns} ping ${state.live!.topology.server.address}\n`);
  const results = await captureEndsToFiles(host, ends.map((end) => ({ end, path: join(flags.out, end.file) })), flags.count, flags.timeout);
  let failed = 0;
  for (const r of results) {
    const where = `${r.end.netns}/${r.end.iface} (${r.end.address})`;
    if (r.exitCode !== 0 && !r.timedOut) {
      failed += 1;
      process.stdout.write(`  ${where}: tcpdump failed (exit ${r.exitCode ?? 'by signal'}): ${r.stderr.trim().split('\n').slice(-2).join(' ')}\n`);
      continue;
    }
    let summary: string;
    try {
      summary = describeSummary(summarizePcap(readFileSync(r.path)));
    } catch (error) {
      summary = `unreadable pcap: ${(error as Error).message}`;
    }
    const notes = [r.timedOut ? `stopped after ${flags.timeout} s` : '', r.dropped ? `${r.dropped} dropped by the kernel` : ''].filter(Boolean).join(', ');
    process.stdout.write(`  ${where}: ${summary}${notes ? `; ${notes}` : ''} → ${r.path}\n`);
  }
  // Through sudo, the pcaps (and the directories made for them) belong to the user who typed sudo.
  handOverToSudoUser([...createdDirectories(firstCreated, resolve(flags.out)), ...results.map((r) => r.path)]);
  process.stdout.write(`read one with: tcpdump -nr ${results[0]?.path ?? ''}\n`);
  return failed ? 1 : 0;
}

/** The directories mkdirSync(..., { recursive: true }) made: from the first one it created down to `last`. */
function createdDirectories(first: string | undefined, last: string): string[] {
  if (first === undefined) return [];
  const dirs: string[] = [];
  for (let d = last; d.length >= first.length; d = dirname(d)) {
    dirs.push(d);
    if (d === first || dirname(d) === d) break;
  }
  return dirs;
}
