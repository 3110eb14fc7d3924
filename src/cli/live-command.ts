// `vethbench up | down | ls | diagnose`: live topologies to explore and troubleshoot (see src/live/live.ts).
import { ExecaHost } from '../host/execa-host.ts';
import { needsNft } from '../net/build.ts';
import { assertPreflight, checkPreflight, findBinary, searchDirs } from '../host/preflight.ts';
import { captureTopology } from '../live/capture.ts';
import { diagnose, healthy, type Finding } from '../live/diagnose.ts';
import { bringUp, describeLive, findLive, liveStates, takeDown } from '../live/live.ts';
import { listNamespaces } from '../net/teardown.ts';
import { expandPlan } from '../plan/expand.ts';
import { loadScenario } from '../host/load-scenario.ts';
import { runSettings } from './run-settings.ts';

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
    process.stdout.write(`${JSON.stringify(states.map((s) => ({ name: s.live!.name, prefix: s.prefix, scenario: s.live!.scenario, kind: s.live!.topology.kind, path: s.live!.topology.path, namespaces: s.namespaces, startedAt: s.startedAt })), null, 2)}\n`);
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
    process.stdout.write(`${JSON.stringify({ name: state.live!.name, healthy: ok, findings }, null, 2)}\n`);
  } else {
    const checked = `${topology.namespaces.length} namespaces, ${topology.links.length} links, ${capture.pings.length} ping pairs${withNft ? ', nftables' : ' (nft not installed: firewall not checked)'}`;
    process.stdout.write(`${state.live!.name}: ${ok ? 'healthy' : 'problems found'} (${checked})\n${findings.length ? `${formatFindings(findings)}\n` : ''}`);
  }
  return ok ? 0 : 1;
}
