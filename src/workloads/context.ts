// What every workload runner gets (one trial on an open session) and what it gives back (a sample without the
// bookkeeping fields the trial adds), plus the helpers they share: knobs, raw output files, the CPU window.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputError } from '../errors.ts';
import { applyKnobs } from '../knobs/apply.ts';
import type { KnobSettings, KnobShell, Side } from '../knobs/types.ts';
import type { Host } from '../host/host.ts';
import type { ClientTiming } from '../tools/iperf3-args.ts';
import { readProcStat, cpuUsage, type ProcStat } from '../metadata/proc-stat.ts';
import type { CpuUsage } from '../results/cpu.ts';
import type { Point, Trial } from '../plan/expand.ts';
import type { MetricName, SampleMetrics } from '../metrics/registry.ts';
import type { Sample } from '../results/schema.ts';
import { isReverse } from '../scenario/workloads.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import type { TrialInput } from './kind.ts';

/** The open session a trial runs on, as a workload needs it (run/session.ts opens it). */
export interface WorkloadSession {
  topology: ResolvedTopology;
  /** The iperf3 server's port. */
  port: number;
}

/** What a workload runner gets: one trial of one point on an open session (run/trial.ts builds it). */
export interface WorkloadContext {
  host: Host;
  session: WorkloadSession;
  timing: ClientTiming;
  sides: Partial<Record<string, Side>>;
  /** The knob families' shell: the sysctl journal, XDP objects, the kernel release. */
  knobShell: KnobShell;
  /** The run directory; raw outputs go to raw/ below it. */
  runDir: string;
  signal: AbortSignal;
  point: Point;
  trial: Trial;
}

/** A sample as a workload sees it; the trial adds pointId, timing and its own warnings. */
export type Measured = Omit<Sample, 'pointId' | 'trial' | 'repetition' | 'startedAt' | 'durationMs' | 'warnings'> & { warnings: string[] };

/** What the kind's plan part builds its commands from: the runner executes exactly those. */
export function trialInput<W extends ResolvedWorkload>(ctx: WorkloadContext, workload: W): TrialInput<W> {
  return { topology: ctx.session.topology, port: ctx.session.port, workload, knobs: ctx.point.knobs, timing: ctx.timing };
}

/** Applies the point's knobs to `topology` and reads them back; a refusal becomes a skipped sample. */
export async function applyPointKnobs(ctx: WorkloadContext, topology: ResolvedTopology): Promise<{ effective: Record<string, KnobSettings>; warnings: string[] } | Measured> {
  const knobs = await applyKnobs({ host: ctx.host, shell: ctx.knobShell, topology, sides: ctx.sides, reverse: isReverse(ctx.point.workload) }, ctx.point.knobs);
  if (knobs.refused) return { effective: knobs.effective, status: 'skipped', reason: `refused: ${knobs.refused}`, warnings: knobs.warnings };
  return { effective: knobs.effective, warnings: knobs.warnings };
}

/** Writes one raw tool output under raw/ and returns its path relative to the run directory. */
export function writeRaw(ctx: WorkloadContext, text: string, suffix = '', extension = 'json'): string {
  const { trial, point } = ctx;
  const path = join('raw', `${String(trial.index).padStart(4, '0')}-${point.id}-r${trial.repetition}${suffix}.${extension}`);
  try {
    mkdirSync(join(ctx.runDir, 'raw'), { recursive: true });
    writeFileSync(join(ctx.runDir, path), text);
  } catch (error) {
    throw new OutputError(join(ctx.runDir, path), error);
  }
  return path;
}

/**
 * Runs `measure` and reads /proc/stat around it. With `startDelayMs` (iperf3's omitted seconds) the first
 * snapshot waits, so the window covers what is measured; a run that ends before then gives no usage.
 */
export async function withCpuWindow<T>(measure: () => Promise<T>, startDelayMs = 0): Promise<{ result: T; usage?: CpuUsage }> {
  let fired = startDelayMs <= 0;
  let timer: NodeJS.Timeout | undefined;
  const first: Promise<ProcStat | undefined> = fired
    ? readProcStat()
    : new Promise((resolve) => { timer = setTimeout(() => { fired = true; resolve(readProcStat()); }, startDelayMs); });
  let result: T;
  try {
    result = await measure();
  } finally {
    if (!fired) clearTimeout(timer);
  }
  if (!fired) return { result };
  const [before, after] = [await first, await readProcStat()];
  const usage = before && after ? cpuUsage(before, after) : undefined;
  return usage ? { result, usage } : { result };
}

/**
 * A kind's metrics as the results store them: registry names only (an unregistered name does not compile),
 * non-finite values and absent ones dropped.
 */
export function kindMetrics(metrics: { readonly [K in MetricName]?: number | undefined }): SampleMetrics {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined && Number.isFinite(v))) as SampleMetrics;
}
