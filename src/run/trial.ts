// One trial on an open session: apply and read back the point's knobs, run the iperf3 client, parse, record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import { applyKnobs } from '../knobs/apply.ts';
import { effectiveWindow, IPERF3_PLACE, iperf3KnobArgs } from '../knobs/iperf3-family.ts';
import type { Side } from '../knobs/types.ts';
import type { Point, Trial } from '../plan/expand.ts';
import type { Sample } from '../results/types.ts';
import { clientTimeoutMs, iperf3ClientCommand, type ClientTiming } from '../tools/iperf3-args.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import type { Session } from './session.ts';

export interface TrialContext {
  host: Host;
  session: Session;
  timing: ClientTiming;
  sides: Partial<Record<string, Side>>;
  /** The run directory; raw outputs go to raw/ below it. */
  runDir: string;
  signal: AbortSignal;
}

/** Returns the sample, or undefined when the run was interrupted before the measurement finished. */
export async function runTrial(ctx: TrialContext, point: Point, trial: Trial): Promise<Sample | undefined> {
  const { host, session } = ctx;
  const started = Date.now();
  const warnings: string[] = [];
  const base = (): Omit<Sample, 'status'> => ({
    pointId: point.id, trial: trial.index, repetition: trial.repetition, ...(trial.warmup ? { warmup: true as const } : {}),
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    ...(warnings.length ? { warnings: [...warnings] } : {}),
  });
  try {
    const reverse = point.workload.protocol === 'tcp' && point.workload.reverse;
    const knobs = await applyKnobs({ host, topology: session.topology, sides: ctx.sides, reverse }, point.knobs);
    warnings.push(...knobs.warnings);
    const effective = knobs.effective;
    if (knobs.refused) return { ...base(), effective, status: 'skipped', reason: `refused: ${knobs.refused}` };
    if (ctx.signal.aborted) return undefined;

    const client = iperf3ClientCommand(session.topology.client, session.topology.server, session.port, point.workload, ctx.timing, iperf3KnobArgs(point.knobs));
    const r = await host.exec(client.argv, { netns: client.netns, timeoutMs: clientTimeoutMs(ctx.timing), signal: ctx.signal });
    if (ctx.signal.aborted) return undefined;

    const rawOutput = join('raw', `${String(trial.index).padStart(4, '0')}-${point.id}-r${trial.repetition}.json`);
    try {
      mkdirSync(join(ctx.runDir, 'raw'), { recursive: true });
      writeFileSync(join(ctx.runDir, rawOutput), r.stdout);
    } catch (error) {
      throw new OutputError(join(ctx.runDir, rawOutput), error);
    }
    if (r.timedOut) return { ...base(), effective, rawOutput, status: 'failed', reason: `iperf3 client timed out after ${clientTimeoutMs(ctx.timing) / 1000} s and was killed` };
    const parsed = parseIperf3Json(r.stdout);
    const toolVersion = parsed.version ? { toolVersion: parsed.version } : {};
    if (!parsed.ok && point.knobs.window !== undefined && /socket buffer size not set correctly/i.test(parsed.reason)) {
      // iperf3 ≥ 3.? refuses to run when the kernel capped -w at net.core.*mem_max: the knob did not take effect.
      return { ...base(), effective, rawOutput, ...toolVersion, status: 'skipped', reason: `refused: iperf3 -w ${point.knobs.window}: ${parsed.reason} (the kernel caps it at net.core.rmem_max/wmem_max)` };
    }
    if (!parsed.ok) {
      const stderr = r.stderr.trim() ? ` (stderr: ${r.stderr.trim().split('\n')[0]})` : '';
      return { ...base(), effective, rawOutput, ...toolVersion, status: 'failed', reason: `iperf3: ${parsed.reason}${stderr}` };
    }
    if (r.exitCode !== 0) warnings.push(`iperf3 exited with ${r.exitCode ?? r.signal} although its JSON holds a result`);
    warnings.push(...parsed.warnings);
    const window = point.knobs.window !== undefined ? effectiveWindow(parsed.sockets) : undefined;
    if (window !== undefined) effective[IPERF3_PLACE] = { window };
    return { ...base(), effective, rawOutput, ...toolVersion, status: 'ok', metrics: parsed.metrics };
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    if (error instanceof OutputError) throw error;
    return { ...base(), status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
