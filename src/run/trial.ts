// One trial: build the topology, apply and read back knobs, start the server, measure, tear down — always.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostCommandError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import { effectiveOffloads, OFFLOAD_KNOBS, parseEthtoolFeatures, setOffloadsCommand, showFeaturesCommand, type OffloadSettings } from '../knobs/offloads.ts';
import { buildCommands } from '../net/build.ts';
import type { HostCommand } from '../net/command.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import type { Point, Trial } from '../plan/expand.ts';
import type { Sample } from '../results/types.ts';
import { allEndpoints, type ResolvedTopology } from '../topology/resolve.ts';
import { clientTimeoutMs, iperf3ClientCommand, type ClientTiming } from '../tools/iperf3-args.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { startIperf3Server, type RunningServer } from '../tools/iperf3-server.ts';

export interface TrialContext {
  host: Host;
  topology: ResolvedTopology;
  port: number;
  timing: ClientTiming;
  /** The run directory; raw outputs go to raw/ below it. */
  runDir: string;
  signal: AbortSignal;
}

async function mustRun(host: Host, command: HostCommand, what: string): Promise<void> {
  const r = await host.exec(command.argv, { netns: command.netns, stdin: command.stdin, timeoutMs: 15_000 });
  if (r.exitCode !== 0) throw new HostCommandError(r.argv, `${what} (exit code ${r.exitCode ?? r.signal})`, r.stderr);
}

/** Applies the point's offloads on every veth end and reads back what took effect. */
async function applyOffloads(host: Host, topology: ResolvedTopology, knobs: OffloadSettings, warnings: string[]): Promise<Record<string, OffloadSettings>> {
  const asked = OFFLOAD_KNOBS.filter((k) => knobs[k]);
  const effective: Record<string, OffloadSettings> = {};
  for (const end of allEndpoints(topology)) {
    const set = setOffloadsCommand(end, knobs);
    if (set) {
      const r = await host.exec(set.argv, { netns: set.netns, timeoutMs: 10_000 });
      if (r.exitCode !== 0) warnings.push(`${set.argv.join(' ')}: exit code ${r.exitCode ?? r.signal}: ${r.stderr.trim()}`);
    }
    const show = showFeaturesCommand(end);
    const r = await host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 });
    if (r.exitCode !== 0) throw new HostCommandError(r.argv, 'cannot read the offloads back', r.stderr);
    effective[end.iface] = effectiveOffloads(parseEthtoolFeatures(r.stdout), asked);
    for (const knob of asked) {
      if (effective[end.iface]![knob] !== knobs[knob]) {
        warnings.push(`${end.iface}: ${knob} requested ${knobs[knob]} but is ${effective[end.iface]![knob] ?? 'not reported'}`);
      }
    }
  }
  return effective;
}

function failed(base: Omit<Sample, 'status'>, reason: string): Sample {
  return { ...base, status: 'failed', reason };
}

/** Returns the sample, or undefined when the run was interrupted before the measurement finished. */
export async function runTrial(ctx: TrialContext, point: Point, trial: Trial): Promise<Sample | undefined> {
  const { host, topology } = ctx;
  const started = Date.now();
  const warnings: string[] = [];
  const base = (): Omit<Sample, 'status'> => ({
    pointId: point.id, trial: trial.index, repetition: trial.repetition, ...(trial.warmup ? { warmup: true as const } : {}),
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started,
    ...(warnings.length ? { warnings: [...warnings] } : {}),
  });
  let server: RunningServer | undefined;
  try {
    for (const command of buildCommands(topology)) await mustRun(host, command, 'building the topology');
    const effective = await applyOffloads(host, topology, point.knobs, warnings);
    server = await startIperf3Server(host, topology.server, ctx.port);
    if (ctx.signal.aborted) return undefined;
    const client = iperf3ClientCommand(topology.client, topology.server, ctx.port, point.workload, ctx.timing);
    const r = await host.exec(client.argv, { netns: client.netns, timeoutMs: clientTimeoutMs(ctx.timing), signal: ctx.signal });
    if (ctx.signal.aborted) return undefined;

    const rawOutput = join('raw', `${String(trial.index).padStart(4, '0')}-${point.id}-r${trial.repetition}.json`);
    mkdirSync(join(ctx.runDir, 'raw'), { recursive: true });
    writeFileSync(join(ctx.runDir, rawOutput), r.stdout);
    const withRaw = { ...base(), effective, rawOutput };
    if (r.timedOut) return failed(withRaw, `iperf3 client timed out after ${clientTimeoutMs(ctx.timing) / 1000} s and was killed`);
    const parsed = parseIperf3Json(r.stdout);
    if (!parsed.ok) {
      const stderr = r.stderr.trim() ? ` (stderr: ${r.stderr.trim().split('\n')[0]})` : '';
      return failed({ ...withRaw, ...(parsed.version ? { toolVersion: parsed.version } : {}) }, `iperf3: ${parsed.reason}${stderr}`);
    }
    if (r.exitCode !== 0) warnings.push(`iperf3 exited with ${r.exitCode ?? r.signal} although its JSON holds a result`);
    warnings.push(...parsed.warnings);
    return {
      ...base(), effective, rawOutput, status: 'ok', metrics: parsed.metrics,
      ...(parsed.version ? { toolVersion: parsed.version } : {}),
    };
  } catch (error) {
    if (ctx.signal.aborted) return undefined;
    return failed(base(), error instanceof Error ? error.message : String(error));
  } finally {
    await server?.stop();
    const left = await teardownNamespaces(host, topology.namespaces.map((n) => n.name));
    if (left.length) throw new HostCommandError(['ip', 'netns', 'del'], `teardown incomplete: ${left.join('; ')}`);
  }
}
