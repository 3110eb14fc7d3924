// The iperf3 workload: TCP (streams, -R, --bidir, -l, -Z, -C) and UDP with one or several sender processes,
// each to its own server port, measured at once; whole-host CPU over the measurement window.
import { effectiveWindow, IPERF3_PLACE } from '../knobs/iperf3-family.ts';
import type { ExecResult } from '../host/host.ts';
import { cpuMetrics } from '../results/cpu.ts';
import type { Iperf3Workload } from '../scenario/scenario.ts';
import { clientTimeoutMs } from '../tools/iperf3-args.ts';
import { combineIntervals, combineSenders, intervalCv, iperf3Refusal, udpCountsFromBytes } from '../tools/iperf3-combine.ts';
import type { Iperf3Interval } from '../tools/iperf3-metrics.ts';
import type { Iperf3Metrics } from '../results/metrics.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { startServers, stopServers } from '../tools/server-process.ts';
import { applyPointKnobs, trialInput, withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { iperf3Trial } from './iperf3-plan.ts';

export { senderPorts } from './iperf3-plan.ts';

export async function runIperf3(ctx: WorkloadContext, workload: Iperf3Workload): Promise<Measured | undefined> {
  const { host, session, point } = ctx;
  const knobs = await applyPointKnobs(ctx, session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;

  const { servers, clients } = iperf3Trial(trialInput(ctx, workload));
  const extra = await startServers(host, servers);
  try {
    const { result: runs, usage } = await withCpuWindow(
      () => Promise.all(clients.map((c) => host.exec(c.argv, { netns: c.netns, timeoutMs: clientTimeoutMs(ctx.timing), signal: ctx.signal }))),
      ctx.timing.omitS * 1000,
    );
    if (ctx.signal.aborted) return undefined;
    const raws = runs.map((r, i) => writeRaw(ctx, r.stdout, runs.length > 1 ? `-s${i + 1}` : ''));
    const files = { rawOutput: raws[0]!, ...(raws.length > 1 ? { rawOutputs: raws } : {}) };

    const metrics: Iperf3Metrics[] = [];
    const intervals: Iperf3Interval[][] = [];
    let toolVersion: string | undefined;
    for (const [i, r] of runs.entries()) {
      const who = runs.length > 1 ? `iperf3 sender ${i + 1} of ${runs.length}` : 'iperf3';
      if (r.timedOut) return { ...files, effective, warnings, status: 'failed', reason: `${who} client timed out after ${clientTimeoutMs(ctx.timing) / 1000} s and was killed` };
      const parsed = parseIperf3Json(r.stdout);
      toolVersion ??= parsed.version;
      const version = toolVersion ? { toolVersion } : {};
      if (!parsed.ok) {
        const refusal = iperf3Refusal(workload, point.knobs, parsed.reason, `${r.stderr}\n${r.stdout}`);
        if (refusal) return { ...files, ...version, effective, warnings, status: 'skipped', reason: refusal };
        return { ...files, ...version, effective, warnings, status: 'failed', reason: `${who}: ${parsed.reason}${stderrNote(r)}` };
      }
      if (r.exitCode !== 0) warnings.push(`${who} exited with ${r.exitCode ?? r.signal} although its JSON holds a result`);
      warnings.push(...parsed.warnings);
      if (workload.protocol === 'udp') {
        const udp = udpCountsFromBytes(parsed.metrics, workload.lengthBytes);
        if (udp.warning) warnings.push(`${who}: ${udp.warning}`);
        metrics.push(udp.metrics);
      } else {
        metrics.push(parsed.metrics);
      }
      intervals.push(parsed.intervals);
      if (i === 0 && point.knobs.window !== undefined) {
        const window = effectiveWindow(parsed.sockets);
        if (window !== undefined) effective[IPERF3_PLACE] = { window };
      }
    }
    const combined = combineSenders(metrics);
    const series = combineIntervals(intervals);
    const cv = intervalCv(series);
    return {
      ...files, ...(toolVersion ? { toolVersion } : {}), effective, warnings, status: 'ok',
      metrics: { ...combined, ...(cv !== undefined ? { throughputIntervalCv: cv } : {}), ...cpuMetrics(usage, combined) },
      intervals: series,
    };
  } finally {
    await stopServers(extra);
  }
}

function stderrNote(r: ExecResult): string {
  const killed = r.signal ? ` (killed by ${r.signal})` : '';
  return `${killed}${r.stderr.trim() ? ` (stderr: ${r.stderr.trim().split('\n')[0]})` : ''}`;
}
