// The density workload: N namespace pairs built for the trial with batched ip calls, one iperf3 stream per pair,
// all at once; per-pair and aggregate goodput, fairness, CPU; torn down (servers by pid, then namespaces) after.
import { present } from '../metrics/present.ts';
import { HostCommandError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import type { KnobSettings } from '../knobs/types.ts';
import type { HostCommand } from '../net/command.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import { cpuMetrics } from '../results/cpu.ts';
import { densityMetrics, rateBps } from '../results/density.ts';
import type { PairResult } from '../results/schema.ts';
import type { DensityWorkload } from '../scenario/scenario.ts';
import { densityBuildCommands, type DensityBuild } from '../net/density-build.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { clientTimeoutMs } from '../tools/iperf3-args.ts';
import { combineSenders, udpCountsFromBytes } from '../tools/iperf3-combine.ts';
import type { Iperf3Metrics } from '../results/metrics.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { startServers, stopServers, type RunningServer } from '../tools/server-process.ts';
import { applyPointKnobs, trialInput, withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { densityTrial } from './density-plan.ts';
import { mapLimit } from './limit.ts';

/** Short ip/ss/ethtool processes in flight at once while building and preparing pairs. */
const PARALLEL = 8;

async function run(host: Host, command: HostCommand, what: string): Promise<void> {
  const r = await host.exec(command.argv, { netns: command.netns, stdin: command.stdin, timeoutMs: 30_000 });
  if (r.exitCode !== 0) throw new HostCommandError(r.argv, `${what} (exit code ${r.exitCode ?? r.signal})`, r.stderr);
}

/** Builds the pairs (scripts/density-build-time.ts times this). */
export async function buildDensityPairs(host: Host, pairs: readonly ResolvedTopology[]): Promise<void> {
  await runDensityBuild(host, densityBuildCommands(pairs));
}

/** Namespaces, then every veth pair, then each namespace's addresses and links (concurrently). */
async function runDensityBuild(host: Host, build: DensityBuild): Promise<void> {
  await run(host, build.namespaces, 'creating the density namespaces');
  await run(host, build.links, 'creating the density veth pairs');
  await mapLimit(build.perNamespace, PARALLEL, (c) => run(host, c, 'addressing a density namespace'));
}

export async function runDensity(ctx: WorkloadContext, workload: DensityWorkload): Promise<Measured | undefined> {
  const { host } = ctx;
  const trial = densityTrial(trialInput(ctx, workload));
  const { pairs } = trial;
  const warnings: string[] = [];
  let servers: RunningServer[] = [];
  try {
    await runDensityBuild(host, trial.build);
    const effective: Record<string, KnobSettings> = {};
    const applied = await mapLimit(pairs, PARALLEL, (p) => applyPointKnobs(ctx, p));
    for (const a of applied) {
      Object.assign(effective, a.effective);
      warnings.push(...a.warnings);
      if ('status' in a) return { ...a, effective, warnings };
    }
    if (ctx.signal.aborted) return undefined;

    servers = await startServers(host, trial.servers);
    const clients = trial.clients;
    const { result: runs, usage } = await withCpuWindow(
      () => Promise.all(clients.map((c) => host.exec(c.argv, { netns: c.netns, timeoutMs: clientTimeoutMs(ctx.timing), signal: ctx.signal }))),
      ctx.timing.omitS * 1000,
    );
    if (ctx.signal.aborted) return undefined;

    const raws = runs.map((r, i) => writeRaw(ctx, r.stdout, `-pair${i}`));
    const parsed = runs.map((r) => (r.timedOut ? { ok: false as const, reason: 'client timed out and was killed' } : parseIperf3Json(r.stdout)));
    const toolVersion = parsed.find((p) => p.version)?.version;
    /** Each pair's metrics (UDP counts from the bytes received), or why it has none. */
    const perPairOrReason = parsed.map((p, pair): Iperf3Metrics | string => {
      if (!p.ok) return p.reason;
      warnings.push(...p.warnings.map((w) => `pair ${pair}: ${w}`));
      if (workload.protocol === 'tcp') return p.metrics;
      const udp = udpCountsFromBytes(p.metrics, workload.lengthBytes);
      if (udp.warning) warnings.push(`pair ${pair}: ${udp.warning}`);
      return udp.metrics;
    });
    const results: PairResult[] = perPairOrReason.map((m, pair) => (typeof m === 'string' ? { pair, reason: m } : { pair, ...pick(m, ['throughputBps', 'retransmits', 'lossPercent']) }));
    const files = { rawOutput: raws[0]!, rawOutputs: raws, ...(toolVersion ? { toolVersion } : {}), pairs: results };
    const failed = results.find((r) => r.reason !== undefined);
    if (failed) return { ...files, effective, warnings, status: 'failed', reason: `pair ${failed.pair} of ${pairs.length}: iperf3: ${failed.reason}` };
    const perPair = perPairOrReason.filter((m): m is Iperf3Metrics => typeof m !== 'string');
    const combined = combineSenders(perPair);
    const metrics = {
      ...densityMetrics(perPair.map((m) => m.throughputBps ?? 0), rateBps(workload.bitrate)),
      ...pick(combined, ['retransmits', 'pps', 'lossPercent']),
      ...cpuMetrics(usage, present({ throughputBps: combined.throughputBps, pps: combined.pps })),
    };
    const first = parsed[0]!;
    return { ...files, effective, warnings, status: 'ok', metrics, ...(first.ok ? { intervals: first.intervals } : {}) };
  } finally {
    await stopServers(servers);
    const left = await teardownNamespaces(host, trial.namespaces);
    if (left.length) warnings.push(...left);
  }
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<Pick<T, K>>;
}
