// The sockperf workload: ping-pong latency over the session's link, its server owned for the trial; with
// underLoad, measured again while an iperf3 TCP stream saturates the same link, reported next to the idle figures.
import type { LatencyMetrics, SockperfSampleMetrics } from '../results/metrics.ts';
import { cpuMetrics } from '../results/cpu.ts';
import type { SockperfWorkload } from '../scenario/scenario.ts';
import { clientTimeoutMs } from '../tools/iperf3-args.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { sockperfTimeoutMs } from '../tools/sockperf-args.ts';
import { parseSockperfOutput } from '../tools/sockperf-parse.ts';
import { startServers, stopServers } from '../tools/server-process.ts';
import { applyPointKnobs, trialInput, withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { LOAD_LEAD_S, sockperfTrial } from './sockperf-plan.ts';

export { LOAD_LEAD_S, SOCKPERF_PORT_OFFSET } from './sockperf-plan.ts';

function loadedNames(m: LatencyMetrics): Partial<SockperfSampleMetrics> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [`loaded${k[0]!.toUpperCase()}${k.slice(1)}`, v]));
}

export async function runSockperf(ctx: WorkloadContext, workload: SockperfWorkload): Promise<Measured | undefined> {
  const { host, session } = ctx;
  const knobs = await applyPointKnobs(ctx, session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;

  const durationS = ctx.timing.durationS;
  const trial = sockperfTrial(trialInput(ctx, workload));
  const servers = await startServers(host, [trial.server]);
  const raws: string[] = [];
  const files = () => ({ rawOutput: raws[0]!, ...(raws.length > 1 ? { rawOutputs: [...raws] } : {}) });
  try {
    const pingPong = async (suffix: string) => {
      const c = trial.pingPong;
      const r = await host.exec(c.argv, { netns: c.netns, timeoutMs: sockperfTimeoutMs(durationS), signal: ctx.signal });
      raws.push(writeRaw(ctx, `${r.stdout}${r.stderr}`, suffix, 'txt'));
      if (r.timedOut) return { ok: false as const, reason: `sockperf timed out after ${sockperfTimeoutMs(durationS) / 1000} s and was killed` };
      const parsed = parseSockperfOutput(`${r.stdout}${r.stderr}`);
      // Killed from outside (another tool's cleanup, the OOM killer): say so rather than "output cut short".
      return !parsed.ok && r.signal ? { ...parsed, reason: `sockperf was killed by ${r.signal}: ${parsed.reason}` } : parsed;
    };

    const { result: idle, usage } = await withCpuWindow(() => pingPong('-idle'));
    if (ctx.signal.aborted) return undefined;
    const version = 'version' in idle && idle.version ? { toolVersion: idle.version } : {};
    if (!idle.ok) return { ...files(), ...version, effective, warnings, status: 'failed', reason: `sockperf: ${idle.reason}` };
    warnings.push(...idle.warnings);
    const metrics: SockperfSampleMetrics = { ...idle.metrics, ...cpuMetrics(usage) };
    if (!trial.load) return { ...files(), ...version, effective, warnings, status: 'ok', metrics };

    const { command: l, timing } = trial.load;
    const load = host.exec(l.argv, { netns: l.netns, timeoutMs: clientTimeoutMs(timing), signal: ctx.signal });
    await new Promise((r) => setTimeout(r, LOAD_LEAD_S * 1000));
    const loaded = await pingPong('-loaded');
    const loadRun = await load;
    if (ctx.signal.aborted) return undefined;
    raws.push(writeRaw(ctx, loadRun.stdout, '-load'));
    if (!loaded.ok) return { ...files(), ...version, effective, warnings, status: 'failed', reason: `sockperf under load: ${loaded.reason}` };
    const loadParsed = parseIperf3Json(loadRun.stdout);
    if (!loadParsed.ok) return { ...files(), ...version, effective, warnings, status: 'failed', reason: `iperf3 load stream: ${loadParsed.reason}` };
    warnings.push(...loaded.warnings.map((w) => `under load: ${w}`));
    Object.assign(metrics, loadedNames(loaded.metrics));
    if (loadParsed.metrics.throughputBps !== undefined) metrics.loadThroughputBps = loadParsed.metrics.throughputBps;
    return { ...files(), ...version, effective, warnings, status: 'ok', metrics };
  } finally {
    await stopServers(servers);
  }
}
