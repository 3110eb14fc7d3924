// Reads this host's CPU topology from sysfs in the dump format cpu-topology-parse.ts parses (so the live tree and a
// captured fixture go through the same parser). Absent files (no sysfs, a container hiding it) give fewer CPUs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuTopology } from '../results/calibration-schema.ts';
import { parseCpuTopology } from './cpu-topology-parse.ts';

const FILES = ['core_id', 'physical_package_id', 'thread_siblings_list'];

export function readCpuTopology(root = '/sys/devices/system/cpu'): CpuTopology {
  let entries: string[];
  try { entries = readdirSync(root); } catch { return { cpus: [] }; }
  const lines: string[] = [];
  for (const cpu of entries.filter((e) => /^cpu\d+$/.test(e))) {
    for (const file of FILES) {
      try { lines.push(`${cpu}/topology/${file}:${readFileSync(join(root, cpu, 'topology', file), 'utf8').trim()}`); } catch { /* offline CPU or hidden file */ }
    }
    try { for (const node of readdirSync(join(root, cpu)).filter((e) => /^node\d+$/.test(e))) lines.push(`${cpu}/${node}`); } catch { /* no node links */ }
  }
  return parseCpuTopology(lines.join('\n'));
}
