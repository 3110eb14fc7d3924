// Pure: the text `vethbench plan` prints — topology, trials, the exact commands of one trial, the estimate.
import { OFFLOAD_KNOBS } from '../knobs/offloads.ts';
import { setOffloadsCommand, showFeaturesCommand } from '../knobs/offloads.ts';
import { buildCommands, deleteNamespacesCommand } from '../net/build.ts';
import { describeCommand } from '../net/command.ts';
import { duration } from '../report/format.ts';
import { allEndpoints, resolveTopology } from '../topology/resolve.ts';
import { iperf3ClientCommand, iperf3ServerCommand } from '../tools/iperf3-args.ts';
import type { Plan } from './expand.ts';

/** Warnings about sweeps that cannot show an effect (kernel facts from DESIGN.md). */
export function planWarnings(plan: Plan): string[] {
  const warnings: string[] = [];
  const gro = plan.scenario.matrix.gro;
  const tso = plan.scenario.matrix.tso;
  const sweepsGro = gro !== undefined && gro.length > 1;
  const tcpWithTso = plan.points.some((p) => p.workload.protocol === 'tcp' && p.knobs.tso !== 'off');
  if (sweepsGro && tcpWithTso) {
    warnings.push(`gro is swept for TCP while the sender keeps TSO on${tso?.includes('off') ? ' in some points' : ''}: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)`);
  }
  return warnings;
}

export function describePlan(plan: Plan, prefix: string, port: number): string {
  const topology = resolveTopology(plan.scenario.topology, prefix);
  const s = plan.settings;
  const out: string[] = [];
  out.push(`scenario ${plan.scenario.name} (${plan.scenario.file}, sha256 ${plan.scenario.sourceSha256.slice(0, 12)})`);
  if (plan.scenario.description) out.push(`  ${plan.scenario.description}`);
  out.push('', `topology ${topology.kind}: ${topology.path}  (run prefix ${prefix} is chosen afresh at run time)`);
  for (const link of topology.links) {
    out.push(`  veth ${link.a.netns}/${link.a.iface} ${link.a.address}/${link.a.prefixLength} ⇄ ${link.b.netns}/${link.b.iface} ${link.b.address}/${link.b.prefixLength}`);
  }
  for (const ns of topology.namespaces) {
    for (const r of ns.routes) out.push(`  route in ${ns.name}: ${r.to} via ${r.via}`);
    if (ns.forwarding) out.push(`  IPv4 forwarding on in ${ns.name} only`);
  }
  const swept = OFFLOAD_KNOBS.filter((k) => plan.scenario.matrix[k]).map((k) => `${k}=${plan.scenario.matrix[k]!.join('|')}`);
  out.push('', `points: ${plan.points.length} (${swept.join(' × ') || 'no knobs swept'} × ${plan.scenario.workloads.length} workload(s))`);
  for (const p of plan.points) out.push(`  ${p.id}  ${p.label}`);
  const warmups = s.warmupRepetitions ? ` + ${s.warmupRepetitions} discarded warm-up` : '';
  out.push('', `trials: ${plan.trials.length} = ${plan.points.length} points × (${s.repetitions} repetition(s)${warmups}), interleaved, order seed ${s.seed}`);
  out.push(`  ${plan.trials.map((t) => `${t.pointId}/${t.warmup ? 'w' : 'r'}${t.repetition + 1}`).join(' ')}`);
  out.push(`  each: ${s.durationS} s measured after ${s.omitS} s omitted; estimated total ${duration(plan.estimatedSeconds)}`);

  const first = plan.points[0];
  if (first) {
    out.push('', `commands of one trial (${first.label}):`);
    const commands = [
      ...buildCommands(topology),
      ...allEndpoints(topology).flatMap((e) => [setOffloadsCommand(e, first.knobs), showFeaturesCommand(e)]).filter((c) => c !== undefined),
      iperf3ServerCommand(topology.server, port),
      iperf3ClientCommand(topology.client, topology.server, port, first.workload, s),
      deleteNamespacesCommand(topology.namespaces.map((n) => n.name)),
    ];
    for (const c of commands) out.push(...describeCommand(c).split('\n').map((l) => `  ${l}`));
  }
  const warnings = planWarnings(plan);
  if (warnings.length) out.push('', ...warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}
