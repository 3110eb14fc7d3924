// The request/response-rate workload (TCP_RR / UDP_RR): iperf2 bounceback over the session's link; transactions/s,
// round-trip times with their sample count, per-flow spread and fairness with several flows, CPU per transaction.
import { cpuMetrics } from '../results/cpu.ts';
import { parseBouncebackOutput } from '../tools/iperf2-bounceback-parse.ts';
import { applyPointKnobs, kindMetrics, trialInput, type Measured, type WorkloadContext } from './context.ts';
import { iperf2Killed, runIperf2 } from './iperf2-run.ts';
import { rrTrial, udpRrTrial } from './rr-plan.ts';
import { runUdpRr, udpRrMetrics } from './rr-udp.ts';
import type { RrWorkload } from '../scenario/rr-spec.ts';
import type { RrSampleMetrics } from '../results/metrics.ts';

export async function runRr(ctx: WorkloadContext, workload: RrWorkload): Promise<Measured | undefined> {
  const knobs = await applyPointKnobs(ctx, ctx.session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;
  if (ctx.timing.omitS > 0) warnings.push('iperf2 has no omit option: the whole duration is measured');
  const durationS = ctx.timing.durationS;
  if (workload.protocol === 'udp') {
    const udp = await runUdpRr(ctx, udpRrTrial(trialInput(ctx, workload)), durationS);
    if (!udp) return undefined;
    const files = { rawOutput: udp.raws[0]!, ...(udp.raws.length > 1 ? { rawOutputs: udp.raws } : {}), effective, warnings };
    if (udp.timedOut) return { ...files, status: 'failed', reason: 'a sockperf client did not finish in time and was killed' };
    const parsed = udpRrMetrics(udp.texts);
    if (!parsed.ok) return { ...files, status: 'failed', reason: parsed.reason };
    warnings.push(...parsed.warnings);
    const cpu = cpuMetrics(udp.usage);
    const tps = parsed.metrics.transactionsPerSecond;
    const figures: RrSampleMetrics = { ...parsed.metrics, ...cpu, ...(tps !== undefined && cpu.cpuCoresBusy ? { transactionsPerCpuSecond: tps / cpu.cpuCoresBusy } : {}) };
    return { ...files, toolVersion: 'sockperf', status: 'ok', metrics: kindMetrics(figures) };
  }
  const run = await runIperf2(ctx, rrTrial(trialInput(ctx, workload)), durationS);
  if (!run) return undefined;
  const base = { rawOutput: run.rawOutput, effective, warnings };
  const parsed = parseBouncebackOutput(run.text);
  const killed = iperf2Killed(run, durationS);
  if (killed) return { ...base, status: 'failed', reason: parsed.ok ? killed : `${killed} (${parsed.reason})` };
  if (!parsed.ok) return { ...base, status: 'failed', reason: `iperf2 bounceback: ${parsed.reason}` };
  warnings.push(...parsed.warnings);
  const cpu = cpuMetrics(run.usage);
  const tps = parsed.metrics.transactionsPerSecond;
  const perCpu = tps !== undefined && cpu.cpuCoresBusy ? { transactionsPerCpuSecond: tps / cpu.cpuCoresBusy } : {};
  const figures: RrSampleMetrics = { ...parsed.metrics, ...cpu, ...perCpu };
  const metrics = kindMetrics(figures);
  return { ...base, toolVersion: 'iperf 2', status: 'ok', metrics };
}
