// Pure: whole-host CPU usage of a measurement window → the CPU metrics of a sample, with what it buys.
import type { CpuMetrics } from './metrics.ts';

/** `throughputBps` gives Gbit/s per busy core, `pps` packets per busy CPU-second. */
export function cpuMetrics(usage: CpuUsage | undefined, delivered: { throughputBps?: number; pps?: number } = {}): CpuMetrics {
  if (!usage) return {};
  const out: CpuMetrics = {
    cpuBusyPercent: usage.busyPercent,
    cpuUserPercent: usage.userPercent,
    cpuSystemPercent: usage.systemPercent,
    cpuSoftirqPercent: usage.softirqPercent,
    cpuCoresBusy: usage.coresBusy,
  };
  if (usage.coresBusy > 0) {
    if (delivered.throughputBps !== undefined) out.gbpsPerCore = delivered.throughputBps / 1e9 / usage.coresBusy;
    if (delivered.pps !== undefined) out.packetsPerCpuSecond = delivered.pps / usage.coresBusy;
  }
  return out;
}

/** What happened between two snapshots, as shares of all CPUs' time. */
export interface CpuUsage {
  busyPercent: number;
  /** user + nice (guest time is already inside user). */
  userPercent: number;
  systemPercent: number;
  softirqPercent: number;
  /** Busy CPU-seconds per second. */
  coresBusy: number;
}
