// A trial that fails (a hung or crashed tool, a vanished namespace) is retried once on a freshly built topology;
// the first attempt's reason and raw output stay with the sample, so nothing measured is lost.
import { OutputError } from '../errors.ts';
import type { Point, Trial } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import type { SessionPool } from './session-pool.ts';
import { runTrial, type TrialContext } from './trial.ts';

export type AttemptContext = Omit<TrialContext, 'session'> & { pool: SessionPool; now: () => Date };

async function attempt(ctx: AttemptContext, point: Point, trial: Trial): Promise<Sample | undefined> {
  try {
    const session = await ctx.pool.get(point.link);
    return await runTrial({ ...ctx, session }, point, trial);
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    if (error instanceof OutputError) throw error;
    return {
      pointId: point.id, trial: trial.index, repetition: trial.repetition, ...(trial.warmup ? { warmup: true as const } : {}), startedAt: ctx.now().toISOString(),
      durationMs: 0, status: 'failed', reason: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Returns undefined when the run was interrupted before a sample was complete. */
export async function measureWithRetry(ctx: AttemptContext, point: Point, trial: Trial): Promise<Sample | undefined> {
  const first = await attempt(ctx, point, trial);
  if (first?.status !== 'failed') return first;
  await ctx.pool.closeAll();
  const second = await attempt(ctx, point, trial);
  if (!second) return undefined;
  if (second.status === 'failed') await ctx.pool.closeAll();
  const earlier = { reason: first.reason ?? 'failed', ...(first.rawOutput ? { rawOutput: first.rawOutput } : {}) };
  return { ...second, previousAttempts: [earlier] };
}
