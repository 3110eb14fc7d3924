// Every namespace a run may create, known before the first is created, so the live-state journal can name them
// all and `vethbench cleanup` finds them after a SIGKILL — the link kinds' topologies, and the namespaces density
// and setup-cost trials create and remove on their own.
import type { Plan } from '../plan/expand.ts';
import { densityNamespaces, resolveDensityPairs } from '../topology/density.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { setupCostNamespaces } from '../workloads/setup-cost.ts';

export function runNamespaces(plan: Plan, prefix: string, topologies: readonly ResolvedTopology[]): string[] {
  const names = topologies.flatMap((t) => t.namespaces.map((n) => n.name));
  const densest = Math.max(0, ...plan.points.map((p) => (p.workload.tool === 'density' ? p.workload.pairs : 0)));
  if (densest > 0) names.push(...densityNamespaces(resolveDensityPairs(prefix, densest)));
  if (plan.points.some((p) => p.workload.tool === 'setup-cost')) names.push(...setupCostNamespaces(prefix));
  return [...new Set(names)];
}
