// Whole-host CPU time from /proc/stat: parse a snapshot (pure), and the usage between two snapshots (pure).
import { readFile } from 'node:fs/promises';
import type { HostTicks } from '../stats/interference.ts';
import type { CpuUsage } from '../results/cpu.ts';

/** Cumulative time of all CPUs together, in clock ticks (USER_HZ), from the "cpu" line (the guard's shape). */
export type CpuTimes = HostTicks;

export interface ProcStat {
  total: CpuTimes;
  /** "cpuN" lines: the CPUs the kernel accounts for. */
  cpuCount: number;
}

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** undefined when the text has no usable aggregate "cpu" line. */
export function parseProcStat(text: string): ProcStat | undefined {
  const lines = text.split('\n');
  const aggregate = lines.find((l) => /^cpu\s/.test(l));
  if (!aggregate) return undefined;
  const numbers = aggregate.trim().split(/\s+/).slice(1).map(Number);
  // Kernels since 2.6.11 print at least these eight; older or damaged text is not guessed at.
  if (numbers.length < FIELDS.length || numbers.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
  const total = Object.fromEntries(FIELDS.map((f, i) => [f, numbers[i]!])) as unknown as CpuTimes;
  const cpuCount = lines.filter((l) => /^cpu\d+\s/.test(l)).length;
  return cpuCount > 0 ? { total, cpuCount } : undefined;
}

/** undefined when no time passed between the snapshots (or the counters went backwards). */
export function cpuUsage(before: ProcStat, after: ProcStat): CpuUsage | undefined {
  const d = Object.fromEntries(FIELDS.map((f) => [f, after.total[f] - before.total[f]])) as unknown as CpuTimes;
  if (FIELDS.some((f) => d[f] < 0)) return undefined;
  const all = FIELDS.reduce((sum, f) => sum + d[f], 0);
  if (all === 0) return undefined;
  const busy = d.user + d.nice + d.system + d.irq + d.softirq;
  const pct = (ticks: number): number => (100 * ticks) / all;
  return {
    busyPercent: pct(busy),
    userPercent: pct(d.user + d.nice),
    systemPercent: pct(d.system),
    softirqPercent: pct(d.softirq),
    coresBusy: (busy / all) * after.cpuCount,
  };
}

export async function readProcStat(path = '/proc/stat'): Promise<ProcStat | undefined> {
  try {
    return parseProcStat(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}
