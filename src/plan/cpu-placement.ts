// Pure: what a client,server CPU pair (iperf3 -A) means on a given host — one logical CPU, two SMT threads of one
// core, two cores of one package, two packages, two NUMA nodes — and, on SMT hosts, a pair that really is another
// core. "same-core" is 0,0 and "cross-core" 0,1 (src/knobs/iperf3-family.ts); what 0,1 is depends on the numbering.
import { affinityArgument } from '../knobs/iperf3-family.ts';
import type { CpuTopology, LogicalCpu } from '../results/calibration-schema.ts';

export type Relation = 'same logical CPU' | 'SMT siblings (one core)' | 'another core, same package' | 'another package, same NUMA node' | 'another NUMA node';

export function relationOf(a: LogicalCpu, b: LogicalCpu): Relation {
  if (a.cpu === b.cpu) return 'same logical CPU';
  if (a.node !== undefined && b.node !== undefined && a.node !== b.node) return 'another NUMA node';
  if (a.package !== b.package) return 'another package, same NUMA node';
  if (a.threadSiblings.includes(b.cpu) || a.core === b.core) return 'SMT siblings (one core)';
  return 'another core, same package';
}

/** "0,1" → [0, 1]; "3" → [3, 3]: iperf3 -A n pins the client only, described as if both were there. */
function cpusOf(argument: string): [number, number] {
  const [c, s] = argument.split(',').map(Number);
  return [c!, s ?? c!];
}

/** The first CPU on another core of CPU `cpu`'s package and node: the pair that is really "cross-core" on SMT hosts. */
export function otherCoreOf(topology: CpuTopology, cpu: number): number | undefined {
  const a = topology.cpus.find((c) => c.cpu === cpu);
  if (!a) return undefined;
  return topology.cpus.find((b) => relationOf(a, b) === 'another core, same package')?.cpu;
}

export const hasSmt = (topology: CpuTopology): boolean => topology.cpus.some((c) => c.threadSiblings.length > 1);

const PHRASE: Record<Relation, string> = {
  'same logical CPU': 'one logical CPU: client and server take turns on it',
  'SMT siblings (one core)': 'SMT siblings: two threads of one core, not two cores',
  'another core, same package': 'two cores of one package',
  'another package, same NUMA node': 'two packages (sockets) of one NUMA node',
  'another NUMA node': 'two NUMA nodes',
};

/** What the pair "c,s" is on this host, in words ("CPUs 0 and 1: two cores of one package"). */
export function placementOf(topology: CpuTopology, argument: string): string {
  const [c, s] = cpusOf(argument);
  const a = topology.cpus.find((x) => x.cpu === c);
  const b = topology.cpus.find((x) => x.cpu === s);
  if (!a || !b) return `CPU ${!a ? c : s} does not exist here`;
  return `${c === s ? `CPU ${c}` : `CPUs ${c} and ${s}`}: ${PHRASE[relationOf(a, b)]}`;
}

/** One line for the host and one per named affinity value, plus the explicit pairs that mean what the names suggest. */
export function placementLines(topology: CpuTopology): string[] {
  const zero = topology.cpus.find((c) => c.cpu === 0);
  const packages = new Set(topology.cpus.map((c) => c.package)).size;
  const nodes = new Set(topology.cpus.flatMap((c) => (c.node === undefined ? [] : [c.node]))).size;
  const lines = [`CPU topology: ${topology.cpus.length} logical CPU(s), ${new Set(topology.cpus.map((c) => `${c.package}:${c.core}`)).size} core(s), ${packages} package(s), ${nodes || 'no'} NUMA node(s)${hasSmt(topology) ? ', SMT on' : ', no SMT'}`];
  for (const value of ['same-core', 'cross-core'] as const) lines.push(`  affinity ${value} = iperf3 -A ${affinityArgument(value)} = ${placementOf(topology, affinityArgument(value)!)}`);
  if (!zero) return lines;
  const one = topology.cpus.find((c) => c.cpu === 1);
  const other = otherCoreOf(topology, 0);
  if (one && relationOf(zero, one) !== 'another core, same package' && other !== undefined) lines.push(`  two cores of one package: affinity "0,${other}"`);
  const sibling = zero.threadSiblings.find((c) => c !== 0);
  if (sibling !== undefined && sibling !== 1) lines.push(`  CPU 0's SMT sibling: affinity "0,${sibling}"`);
  const remote = topology.cpus.find((b) => ['another NUMA node', 'another package, same NUMA node'].includes(relationOf(zero, b)));
  if (remote) lines.push(`  ${PHRASE[relationOf(zero, remote)]}: affinity "0,${remote.cpu}"`);
  return lines;
}
