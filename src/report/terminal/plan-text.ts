// Pure: the text `vethbench plan` prints — topology, trials, the exact commands of one trial, the estimate.
import { knobCommands } from '../../knobs/apply.ts';
import { buildCommands, deleteNamespacesCommand } from '../../net/build.ts';
import { describeCommand, type HostCommand } from '../../net/command.ts';
import { duration } from '../../metrics/format.ts';
import { topologyKind } from '../../topology/kinds/registry.ts';
import type { ResolvedTopology } from '../../topology/resolve.ts';
import { isReverse } from '../../scenario/workloads.ts';
import { iperf3ServerCommand } from '../../tools/iperf3-args.ts';
import { workloadCommands } from '../../workloads/plans.ts';
import { sweptKnobs, type Plan } from '../../plan/expand.ts';
import { resolveLinkTopologies } from '../../plan/link-topologies.ts';
import { hostLimitWarnings, type HostLimits } from '../../plan/host-limits.ts';
import { planWarnings } from '../../plan/warnings.ts';
import type { KnobShell } from '../../knobs/types.ts';

function topologyLines(topology: ResolvedTopology): string[] {
  const out = topology.links.map(({ a, b }) => `  ${topology.link} ${a.netns}/${a.iface} ${a.address}/${a.prefixLength} ⇄ ${b.netns}/${b.iface} ${b.address}/${b.prefixLength}`);
  const lowerLabel = topology.link === 'veth' ? topologyKind(topology.kind)?.lowerLabel ?? 'lower device' : 'parent veth end';
  for (const lower of topology.lowers) out.push(`  ${lowerLabel} ${lower.netns}/${lower.iface} (no address)`);
  for (const extra of topology.extras ?? []) out.push(`  idle end ${extra.netns}/${extra.iface} ${extra.address}/${extra.prefixLength} (not measured)`);
  for (const ns of topology.namespaces) {
    for (const r of ns.routes) out.push(`  route in ${ns.name}: ${r.to} via ${r.via}`);
    if (ns.forwarding) out.push(`  IPv4 forwarding on in ${ns.name}`);
    if (ns.masquerade) out.push(`  nftables MASQUERADE in ${ns.name} for traffic leaving through ${ns.masquerade.oif}`);
  }
  return out;
}

function commandLines(commands: readonly HostCommand[]): string[] {
  return commands.flatMap((c) => describeCommand(c).split('\n').map((l) => `  ${l}`));
}

/** The exact commands of the first point's trial (what `plan` prints and `plan --json` lists), build to teardown. */
export function oneTrialCommands(plan: Plan, prefix: string, port: number, shell: KnobShell): { label: string; commands: HostCommand[] } | undefined {
  const topologies = [...resolveLinkTopologies(plan.scenario, prefix).values()];
  const first = plan.points[0];
  const topology = topologies.find((t) => t.link === first?.link);
  if (!first || !topology) return undefined;
  return {
    label: first.label,
    commands: [
      ...(topologies.length === 1 ? buildCommands(topology) : []),
      iperf3ServerCommand(topology.server, port),
      ...knobCommands({ shell, topology, sides: plan.scenario.sides, reverse: isReverse(first.workload) }, first.knobs),
      ...workloadCommands({ topology, port, workload: first.workload, knobs: first.knobs, timing: plan.settings }),
      deleteNamespacesCommand(topologies.flatMap((t) => t.namespaces.map((n) => n.name))),
    ],
  };
}

/** Every warning plan prints: sweeps that cannot matter, and (given the planning host's limits) values run would refuse. */
export function allPlanWarnings(plan: Plan, hostLimits?: HostLimits): string[] {
  return [...planWarnings(plan, hostLimits?.kernelRelease), ...(hostLimits ? hostLimitWarnings(plan.scenario, hostLimits) : [])];
}

/** `hostLimits`: the planning host's, to warn about values `run` would refuse there. */
/** `hostLines`: what the host's own records add (its calibrated noise floor, what affinity means on its CPUs), printed after the trials. */
export function describePlan(plan: Plan, prefix: string, port: number, shell: KnobShell, hostLimits?: HostLimits, hostLines: readonly string[] = []): string {
  const topologies = [...resolveLinkTopologies(plan.scenario, prefix).values()];
  const single = topologies.length === 1;
  const s = plan.settings;
  const out: string[] = [];
  out.push(`scenario ${plan.scenario.name} (${plan.scenario.file}, sha256 ${plan.scenario.sourceSha256.slice(0, 12)})`);
  if (plan.scenario.description) out.push(`  ${plan.scenario.description}`);
  if (!single) out.push('', `links: ${topologies.map((t) => t.link).join(', ')} — each in its own namespaces, all up at once; a kind this host lacks is skipped with the reason (probed at run time)`);
  for (const topology of topologies) {
    const head = single ? `topology ${topology.kind}` : `link ${topology.link}, topology ${topology.kind}`;
    out.push('', `${head}: ${topology.path}  (run prefix ${prefix} is chosen afresh at run time)`, ...topologyLines(topology));
    if (!single) out.push('  build:', ...commandLines(buildCommands(topology)).map((l) => `  ${l}`));
  }
  const swept = sweptKnobs(plan.scenario.matrix).map((k) => `${k}=${plan.scenario.matrix[k]!.join('|')}`);
  const dimensions = [...(single ? [] : [`${topologies.length} links`]), ...swept];
  out.push('', `points: ${plan.points.length} (${dimensions.join(' × ') || 'no knobs swept'} × ${plan.scenario.workloads.length} workload(s))`);
  for (const p of plan.points) out.push(`  ${p.id}  ${p.label}`);
  const warmups = s.warmupRepetitions ? ` + ${s.warmupRepetitions} discarded warm-up` : '';
  const rounds = warmups ? `(${s.repetitions} repetition(s)${warmups})` : `${s.repetitions} repetition(s)`;
  out.push('', `trials: ${plan.trials.length} = ${plan.points.length} point(s) × ${rounds}, interleaved, order seed ${s.seed}`);
  out.push(`  ${plan.trials.map((t) => `${t.pointId}/${t.warmup ? 'w' : 'r'}${t.repetition + 1}`).join(' ')}`);
  out.push(`  each: ${s.durationS} s measured after ${s.omitS} s omitted; estimated total ${duration(plan.estimatedSeconds)}`);
  if (hostLines.length) out.push(...hostLines.map((l) => `  ${l}`));

  const trial = oneTrialCommands(plan, prefix, port, shell);
  if (trial) out.push('', `commands of one trial (${trial.label}):`, ...commandLines(trial.commands));
  const warnings = allPlanWarnings(plan, hostLimits);
  if (warnings.length) out.push('', ...warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}
