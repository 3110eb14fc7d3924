// One trial on an open session: the point's workload runner applies and reads back the knobs, measures and
// records; this wraps its result into a sample with the trial's bookkeeping.
import { OutputError } from '../errors.ts';
import type { Point, Trial } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import { runWorkload } from '../workloads/dispatch.ts';
import type { WorkloadContext } from '../workloads/context.ts';
import type { InterferenceGuard } from './interference-guard.ts';
import type { Session } from './session.ts';

/** A workload's context without the trial's own (point, trial), with the runner's session and guard. */
export interface TrialContext extends Omit<WorkloadContext, 'point' | 'trial' | 'session'> {
  session: Session;
  /** Records what else ran during each sample and marks it contaminated above the limit. */
  guard?: InterferenceGuard | undefined;
}

/** Returns the sample, or undefined when the run was interrupted before the measurement finished. */
export async function runTrial(ctx: TrialContext, point: Point, trial: Trial): Promise<Sample | undefined> {
  const started = Date.now();
  const base = (): Omit<Sample, 'status'> => ({
    pointId: point.id, trial: trial.index, repetition: trial.repetition, ...(trial.warmup ? { warmup: true as const } : {}),
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
  });
  try {
    const guarded = await ctx.guard?.start();
    const measured = await runWorkload({ ...ctx, point, trial });
    if (!measured || ctx.signal.aborted) return undefined;
    const { warnings, ...rest } = measured;
    const interference = guarded && measured.status === 'ok' ? await ctx.guard!.finish(guarded) : {};
    return { ...base(), ...rest, ...interference, ...(warnings.length ? { warnings } : {}) };
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    // A full or unwritable run directory stops the run; it is not a property of the point.
    if (error instanceof OutputError) throw error;
    return { ...base(), status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
