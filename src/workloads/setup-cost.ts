// The setup-cost workload: tinybench times full cycles (create → move → address → up → delete) of veth pairs
// between two namespaces made for the trial, batched or one ip process per operation.
import { Bench } from 'tinybench';
import { HostCommandError } from '../errors.ts';
import { createNamespacesCommand } from '../net/build.ts';
import { setupCycleCommands } from '../net/setup-cost.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import { cpuMetrics } from '../results/cpu.ts';
import type { SetupCostSampleMetrics } from '../results/metrics.ts';
import type { SetupCostWorkload } from '../scenario/scenario.ts';
import { namespaceName } from '../topology/resolve.ts';
import { withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import type { Host } from '../host/host.ts';
import type { HostCommand } from '../net/command.ts';

async function runAll(host: Host, commands: readonly HostCommand[]): Promise<void> {
  for (const c of commands) {
    const r = await host.exec(c.argv, { netns: c.netns, stdin: c.stdin, timeoutMs: 10_000 });
    if (r.exitCode !== 0) throw new HostCommandError(r.argv, `exit code ${r.exitCode ?? r.signal}`, r.stderr);
  }
}

export async function runSetupCost(ctx: WorkloadContext, workload: SetupCostWorkload): Promise<Measured | undefined> {
  const { host } = ctx;
  const prefix = ctx.session.topology.prefix;
  const [a, b] = [namespaceName(prefix, 'sca'), namespaceName(prefix, 'scb')];
  const cycle = setupCycleCommands(workload.mode, prefix, a, b, workload.pairs);
  const warnings: string[] = [];
  if (Object.keys(ctx.point.knobs).length) warnings.push('setup-cost measures the control plane: the point\'s knobs are not applied to its namespaces');
  try {
    await runAll(host, [createNamespacesCommand([a, b])]);
    const bench = new Bench({
      time: ctx.timing.durationS * 1000, iterations: workload.minIterations,
      warmupIterations: 2, warmupTime: 0, retainSamples: true, throws: true, signal: ctx.signal,
    });
    bench.add(workload.label, async () => {
      await runAll(host, cycle.up);
      await runAll(host, cycle.down);
    });
    const { usage } = await withCpuWindow(() => bench.run());
    if (ctx.signal.aborted) return undefined;
    const result = bench.tasks[0]!.result;
    if (result.state !== 'completed') return { warnings, status: 'failed', reason: `tinybench: the task ended ${result.state}` };
    const l = result.latency;
    const metrics: SetupCostSampleMetrics = {
      setupMeanMs: l.mean, setupP50Ms: l.p50, setupP99Ms: l.p99, setupMinMs: l.min, setupMaxMs: l.max,
      setupSamples: l.samplesCount, setupPerPairMs: l.mean / workload.pairs,
      ...cpuMetrics(usage),
    };
    const rawOutput = writeRaw(ctx, `${JSON.stringify({ mode: workload.mode, pairs: workload.pairs, cycle, samplesMs: l.samples ?? [] }, null, 2)}\n`);
    return { rawOutput, warnings, status: 'ok', metrics };
  } finally {
    const left = await teardownNamespaces(host, [a, b]);
    warnings.push(...left);
  }
}
