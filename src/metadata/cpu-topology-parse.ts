// Pure: the CPU topology from a dump of sysfs — `grep -H . cpu*/topology/{core_id,physical_package_id,
// thread_siblings_list}` lines ("PATH:VALUE") and `ls -d cpu*/node*` lines (the NUMA node links). The reader
// (cpu-topology.ts) produces the same lines from the live tree, so a captured dump and the host parse alike.
// Field meanings: the kernel's Documentation/admin-guide/cputopology.rst.
import type { CpuTopology, LogicalCpu } from '../results/calibration-schema.ts';

/** "0-3,8,10-11" (the kernel's cpulist format) → [0, 1, 2, 3, 8, 10, 11]; undefined when it is not one. */
export function parseCpuList(text: string): number[] | undefined {
  const out: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to - from > 65_536) return undefined;
    for (let c = from; c <= to; c++) out.push(c);
  }
  return out;
}

const FILE = /(?:^|\/)cpu(\d+)\/topology\/(core_id|physical_package_id|thread_siblings_list):(.*)$/;
const NODE = /(?:^|\/)cpu(\d+)\/node(\d+)\/?$/;

/** The dump's lines → one entry per logical CPU that has core, package and siblings; others are left out. */
export function parseCpuTopology(dump: string): CpuTopology {
  const raw = new Map<number, { core?: number; package?: number; siblings?: number[]; node?: number }>();
  const entry = (cpu: number) => raw.get(cpu) ?? raw.set(cpu, {}).get(cpu)!;
  for (const line of dump.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const file = FILE.exec(line);
    if (file) {
      const e = entry(Number(file[1]));
      const value = file[3]!.trim();
      if (file[2] === 'thread_siblings_list') { const list = parseCpuList(value); if (list) e.siblings = list; }
      else if (/^-?\d+$/.test(value)) e[file[2] === 'core_id' ? 'core' : 'package'] = Number(value);
      continue;
    }
    const node = NODE.exec(line);
    if (node) entry(Number(node[1])).node = Number(node[2]);
  }
  const cpus: LogicalCpu[] = [];
  for (const [cpu, e] of [...raw].sort((a, b) => a[0] - b[0])) {
    if (e.core === undefined || e.package === undefined || !e.siblings) continue;
    cpus.push({ cpu, core: e.core, package: e.package, ...(e.node === undefined ? {} : { node: e.node }), threadSiblings: e.siblings });
  }
  return { cpus };
}
