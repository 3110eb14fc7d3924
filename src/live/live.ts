// Live mode: `up` builds a scenario's topology and leaves it standing, `down` removes it, `ls` lists them.
// A live topology is recorded in the live-state directory with a `live` record: it has no owning process, so
// `vethbench cleanup` leaves it alone (it is in use by a person, not a dead run); only `down` removes it.
import { InputError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import { applyKnobs } from '../knobs/apply.ts';
import { buildCommands } from '../net/build.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import type { Plan } from '../plan/expand.ts';
import { linkSpecOf } from '../plan/link-topologies.ts';
import { readLiveStates, removeLiveState, writeLiveState, type LiveState } from '../run/live-state.ts';
import { freshRunPrefix } from '../run/fresh-prefix.ts';
import { resolveTopology, type ResolvedTopology } from '../topology/resolve.ts';
import { HostCommandError } from '../errors.ts';
import { knobShell } from '../files/knob-shell.ts';

export const LIVE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export function liveStates(): LiveState[] {
  return readLiveStates().filter((s) => s.live !== undefined);
}

/** By name or prefix; without one, the only live topology (refused when there are several). */
export function findLive(states: readonly LiveState[], name: string | undefined): LiveState {
  if (name === undefined) {
    if (states.length === 1) return states[0]!;
    throw new InputError(states.length === 0 ? 'no live topology: bring one up with vethbench up <scenario.ts>' : `${states.length} live topologies (${states.map((s) => s.live!.name).join(', ')}): name one`);
  }
  const found = states.find((s) => s.live!.name === name || s.prefix === name);
  if (!found) throw new InputError(`no live topology named ${name}${states.length ? ` (live: ${states.map((s) => s.live!.name).join(', ')})` : ''}; list them with vethbench ls`);
  return found;
}

export interface UpResult {
  state: LiveState;
  warnings: string[];
}

/** Builds the first point's topology (its link kind and knobs), journaling the namespaces before they exist. */
export async function bringUp(host: Host, plan: Plan, name: string | undefined): Promise<UpResult> {
  const existing = liveStates();
  const prefix = await freshRunPrefix(host);
  const liveName = name ?? prefix;
  if (!LIVE_NAME.test(liveName)) throw new InputError(`--name ${liveName}: use 1 to 32 characters of [a-z0-9-], starting with a letter`);
  if (existing.some((s) => s.live!.name === liveName)) throw new InputError(`a live topology named ${liveName} is already up; take it down with vethbench down ${liveName}, or choose another --name`);
  const point = plan.points[0];
  if (!point) throw new InputError(`${plan.scenario.file}: no point to bring up`);
  const topology = resolveTopology(plan.scenario.topology, prefix, linkSpecOf(plan.scenario, point.link));
  const state: LiveState = {
    prefix, pid: process.pid, startedAt: new Date().toISOString(), namespaces: topology.namespaces.map((n) => n.name), outDir: '',
    live: { name: liveName, scenario: plan.scenario.file, topology },
  };
  writeLiveState(state);
  try {
    for (const command of buildCommands(topology)) {
      const r = await host.exec(command.argv, { netns: command.netns, stdin: command.stdin, timeoutMs: 15_000 });
      if (r.exitCode !== 0) throw new HostCommandError(r.argv, `building the topology (exit code ${r.exitCode ?? r.signal})`, r.stderr);
    }
    const reverse = point.workload.tool === 'iperf3' && 'reverse' in point.workload && point.workload.reverse === true;
    const outcome = await applyKnobs({ host, shell: knobShell(), topology, sides: plan.scenario.sides, reverse }, point.knobs);
    if (outcome.refused) throw new InputError(`the first point's knobs were refused: ${outcome.refused}`);
    return { state, warnings: outcome.warnings };
  } catch (error) {
    await teardownNamespaces(host, state.namespaces);
    removeLiveState(prefix);
    throw error;
  }
}

/** Returns what could not be removed; the state file goes only once the namespaces are gone. */
export async function takeDown(host: Host, state: LiveState): Promise<string[]> {
  const problems = await teardownNamespaces(host, state.namespaces);
  if (problems.length === 0) removeLiveState(state.prefix);
  return problems;
}

/** Human description: each namespace, its interfaces and addresses, and how to enter it. */
export function describeLive(state: LiveState): string {
  const { name, scenario, topology } = state.live!;
  const lines = [`${name} (prefix ${state.prefix}, ${topology.kind} topology, ${topology.link}, from ${scenario}, up since ${state.startedAt})`, `  path: ${topology.path}`];
  lines.push(...describeNamespaces(topology));
  return lines.join('\n');
}

export function describeNamespaces(topology: ResolvedTopology): string[] {
  const lines: string[] = [];
  const ends = topology.links.flatMap((l) => [l.a, l.b]);
  for (const ns of topology.namespaces) {
    const own = ends.filter((e) => e.netns === ns.name);
    const extras = [ns.forwarding ? 'forwarding on' : '', ...ns.routes.map((r) => `route ${r.to} via ${r.via}`)].filter(Boolean);
    lines.push(`  ${ns.name} [${ns.role}]${extras.length ? ` ${extras.join(', ')}` : ''}`);
    for (const e of own) lines.push(`    ${e.iface} ${e.address}/${e.prefixLength}`);
    lines.push(`    enter: ip netns exec ${ns.name} bash`);
  }
  return lines;
}
