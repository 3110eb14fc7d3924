// CPU time of processes from /proc/PID/stat: parse one line (pure), and a snapshot of the run's own process tree
// (this process, its reaped children through cutime/cstime, and its live descendants) and of the kernel threads.
// The interference guard (src/stats/interference.ts) subtracts both from the whole host's time to find neighbours.
import { readdirSync, readFileSync } from 'node:fs';

/** One process's cumulative times in clock ticks (USER_HZ), the same unit as /proc/stat. */
export interface ProcessTimes {
  pid: number;
  ppid: number;
  /** PF_KTHREAD: a kernel thread (ksoftirqd, NAPI threads, kworkers). */
  kernelThread: boolean;
  utime: number;
  stime: number;
  /** Reaped children's times (waited for by this process). */
  cutime: number;
  cstime: number;
}

const PF_KTHREAD = 0x00200000;

/** "1234 (comm with) spaces) S 1 …" → the times; undefined for a line that does not parse. */
export function parseProcessStat(line: string): ProcessTimes | undefined {
  const close = line.lastIndexOf(')');
  const pid = Number.parseInt(line, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  // After the comm: state(0) ppid(1) pgrp session tty_nr tpgid flags(6) minflt cminflt majflt cmajflt utime(11) stime cutime cstime
  const f = line.slice(close + 2).trim().split(/\s+/);
  const n = (i: number) => Number(f[i]);
  if (f.length < 15 || [1, 6, 11, 12, 13, 14].some((i) => !Number.isFinite(n(i)))) return undefined;
  return { pid, ppid: n(1), kernelThread: (n(6) & PF_KTHREAD) !== 0, utime: n(11), stime: n(12), cutime: n(13), cstime: n(14) };
}

/** The tree rooted at `root` (root included) and the kernel threads, as CPU ticks: user and system parts apart. */
export interface TreeTimes {
  ownUser: number;
  ownSystem: number;
  kernelThreads: number;
  /** Processes in the tree (root included). */
  ownProcesses: number;
}

/** Pure: every process's times → the tree of `root` and the kernel threads. */
export function treeTimes(processes: readonly ProcessTimes[], root: number): TreeTimes {
  const children = new Map<number, ProcessTimes[]>();
  for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const own: ProcessTimes[] = [];
  const start = processes.find((p) => p.pid === root);
  const queue = start ? [start] : [];
  const seen = new Set<number>();
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.has(p.pid)) continue;
    seen.add(p.pid);
    own.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  const sum = (list: readonly ProcessTimes[], f: (p: ProcessTimes) => number) => list.reduce((s, p) => s + f(p), 0);
  return {
    ownUser: sum(own, (p) => p.utime + p.cutime),
    ownSystem: sum(own, (p) => p.stime + p.cstime),
    kernelThreads: sum(processes.filter((p) => p.kernelThread), (p) => p.utime + p.stime),
    ownProcesses: own.length,
  };
}

/**
 * Every readable /proc/PID/stat now (a process that exits while we list is simply left out). Synchronous on
 * purpose: ~150 tiny reads take a few ms in one go, where as many thread-pool round trips take tens on a busy host.
 */
export function readAllProcessTimes(proc = '/proc'): ProcessTimes[] {
  let names: string[];
  try {
    names = readdirSync(proc).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const out: ProcessTimes[] = [];
  for (const n of names) {
    try {
      const p = parseProcessStat(readFileSync(`${proc}/${n}/stat`, 'utf8'));
      if (p) out.push(p);
    } catch {
      // exited while we listed
    }
  }
  return out;
}
