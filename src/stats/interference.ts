// Pure arithmetic of the interference guard: what else used the CPU during a sample, whether that contaminates
// it, which samples count, and why a run that could not gather enough clean ones cannot be judged.
// Neighbours = the whole host's user + nice + system time minus the run's own tree (node, its reaped children,
// its live descendants) minus the kernel threads. Kernel threads, irq and softirq count as the run's own: veth's
// receive work runs in ksoftirqd and NAPI threads, and it is what is measured.

/** Cumulative /proc/stat time of all CPUs (ticks), the part this module reads. */
export interface HostTicks {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface HostSnapshot {
  total: HostTicks;
  cpuCount: number;
}

/** The run's own tree and the kernel threads at one instant (ticks). */
export interface OwnSnapshot {
  ownUser: number;
  ownSystem: number;
  kernelThreads: number;
}

export interface Snapshot {
  host: HostSnapshot;
  own: OwnSnapshot;
}

/** The shape of a sample's `interference` record (src/results/schema.ts owns it). */
export interface Interference {
  neighbourCores: number;
  stealCores: number;
  otherRuns: string[];
}

export const DEFAULT_MAX_NEIGHBOUR_CPU = 0.1;

const TICK_FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/**
 * Cores used by neighbours and stolen by the hypervisor, averaged over the window between two snapshots;
 * undefined when no time passed or a counter went backwards. Accounting of a task's time and of /proc/stat differ
 * by a few ticks: each part is clamped at 0 so the run's own time is never reported as a neighbour's debt.
 */
export function interferenceBetween(before: Snapshot, after: Snapshot): { neighbourCores: number; stealCores: number } | undefined {
  const d = (f: (typeof TICK_FIELDS)[number]) => after.host.total[f] - before.host.total[f];
  if (TICK_FIELDS.some((f) => d(f) < 0)) return undefined;
  const all = TICK_FIELDS.reduce((s, f) => s + d(f), 0);
  if (all === 0 || after.host.cpuCount < 1) return undefined;
  const ticksPerCore = all / after.host.cpuCount;
  const user = d('user') + d('nice') - (after.own.ownUser - before.own.ownUser);
  const system = d('system') - (after.own.ownSystem - before.own.ownSystem) - (after.own.kernelThreads - before.own.kernelThreads);
  return { neighbourCores: (Math.max(0, user) + Math.max(0, system)) / ticksPerCore, stealCores: d('steal') / ticksPerCore };
}

/** Neighbours above the limit, or another vethbench run live at the same time (its traffic shares the CPUs). */
export function isContaminated(interference: Interference, maxNeighbourCpu: number): boolean {
  return interference.neighbourCores > maxNeighbourCpu || interference.otherRuns.length > 0;
}

interface GuardedSample {
  status: string;
  warmup?: true | undefined;
  contaminated?: true | undefined;
  interference?: Interference | undefined;
}

/** What summaries, effects, looks and the compare gate count: not a warm-up, not contaminated. */
export function isClean(sample: GuardedSample): boolean {
  return !sample.warmup && !sample.contaminated;
}

/**
 * A point side without enough clean samples: fewer than 2 clean ok ones, or fewer clean than contaminated ones.
 * Returns the reason in the words of the gate ("host busy (neighbours used 1.6 of 2 cores during 7 of 12 samples)"),
 * or undefined when the side can be judged. `cores` is the host's CPU count.
 */
export function hostBusyReason(samples: readonly GuardedSample[], cores: number | undefined): string | undefined {
  const measured = samples.filter((s) => !s.warmup && s.status === 'ok');
  const dirty = measured.filter((s) => s.contaminated);
  if (dirty.length === 0) return undefined;
  const clean = measured.length - dirty.length;
  if (clean >= 2 && clean >= dirty.length) return undefined;
  const used = dirty.map((s) => s.interference?.neighbourCores ?? 0);
  const mean = used.reduce((a, b) => a + b, 0) / used.length;
  const others = [...new Set(dirty.flatMap((s) => s.interference?.otherRuns ?? []))];
  const of = cores ? ` of ${cores}` : '';
  return `host busy (neighbours used ${mean.toFixed(1)}${of} core(s) during ${dirty.length} of ${measured.length} samples${others.length ? `; other vethbench runs live: ${others.join(', ')}` : ''})`;
}

/** How quiet a window was, in words (doctor, the run's closing line). */
export function quietnessLine(neighbourCores: number, stealCores: number, cores: number, maxNeighbourCpu = DEFAULT_MAX_NEIGHBOUR_CPU): string {
  const verdict = neighbourCores > maxNeighbourCpu ? `busy: samples now would be contaminated (limit --max-neighbour-cpu ${maxNeighbourCpu})` : 'quiet enough to measure';
  return `neighbours used ${neighbourCores.toFixed(2)} of ${cores} core(s), steal ${stealCores.toFixed(2)} core(s): ${verdict}`;
}
