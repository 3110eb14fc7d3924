// Pure: the text `vethbench plan` prints — topology, trials, the exact commands of one trial, the estimate.
import { knobCommands } from '../knobs/apply.ts';
import { buildCommands, deleteNamespacesCommand } from '../net/build.ts';
import { describeCommand } from '../net/command.ts';
import { duration } from '../report/format.ts';
import { resolveTopology } from '../topology/resolve.ts';
import { isReverse } from '../scenario/workloads.ts';
import { iperf3ServerCommand } from '../tools/iperf3-args.ts';
import { workloadCommands } from '../workloads/commands.ts';
import { sweptKnobs, type Plan } from './expand.ts';
import { planWarnings } from './warnings.ts';

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
  const swept = sweptKnobs(plan.scenario.matrix).map((k) => `${k}=${plan.scenario.matrix[k]!.join('|')}`);
  out.push('', `points: ${plan.points.length} (${swept.join(' × ') || 'no knobs swept'} × ${plan.scenario.workloads.length} workload(s))`);
  for (const p of plan.points) out.push(`  ${p.id}  ${p.label}`);
  out.push('', `trials: ${plan.trials.length} = ${plan.points.length} point(s) × ${s.repetitions} repetition(s), interleaved, order seed ${s.seed}`);
  out.push(`  ${plan.trials.map((t) => `${t.pointId}/r${t.repetition + 1}`).join(' ')}`);
  out.push(`  each: ${s.durationS} s measured after ${s.omitS} s omitted; estimated total ${duration(plan.estimatedSeconds)}`);

  const first = plan.points[0];
  if (first) {
    out.push('', `commands of one trial (${first.label}):`);
    const commands = [
      ...buildCommands(topology),
      iperf3ServerCommand(topology.server, port),
      ...knobCommands({ topology, sides: plan.scenario.sides, reverse: isReverse(first.workload) }, first.knobs),
      ...workloadCommands(topology, port, first.workload, first.knobs, s),
      deleteNamespacesCommand(topology.namespaces.map((n) => n.name)),
    ];
    for (const c of commands) out.push(...describeCommand(c).split('\n').map((l) => `  ${l}`));
  }
  const warnings = planWarnings(plan);
  if (warnings.length) out.push('', ...warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}
