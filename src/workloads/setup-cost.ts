// The setup-cost workload: tinybench times creating veth pairs (create, move one end, address, up) and deleting
// them, between two namespaces made for the trial, batched or one ip process per operation.
import { Bench, type Statistics } from 'tinybench';
import { HostCommandError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import type { HostCommand } from '../net/command.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import { cpuMetrics } from '../results/cpu.ts';
import type { SetupCostSampleMetrics } from '../results/metrics.ts';
import type { SetupCostWorkload } from '../scenario/scenario.ts';
import { trialInput, withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { setupCostTrial } from './setup-cost-plan.ts';

export { setupCostNamespaces } from './setup-cost-plan.ts';

async function runAll(host: Host, commands: readonly HostCommand[]): Promise<void> {
  for (const c of commands) {
    const r = await host.exec(c.argv, { netns: c.netns, stdin: c.stdin, timeoutMs: 10_000 });
    if (r.exitCode !== 0) throw new HostCommandError(r.argv, `exit code ${r.exitCode ?? r.signal}`, r.stderr);
  }
}

export function setupCostMetrics(create: Statistics, del: Statistics, pairs: number): SetupCostSampleMetrics {
  const cycle = create.mean + del.mean;
  return {
    createMeanMs: create.mean, createP50Ms: create.p50, createP99Ms: create.p99, createMaxMs: create.max, createSamples: create.samplesCount,
    deleteMeanMs: del.mean, deleteP50Ms: del.p50, deleteP99Ms: del.p99, deleteMaxMs: del.max, deleteSamples: del.samplesCount,
    cycleMeanMs: cycle, cyclePerPairMs: cycle / pairs,
  };
}

export async function runSetupCost(ctx: WorkloadContext, workload: SetupCostWorkload): Promise<Measured | undefined> {
  const { host } = ctx;
  const trial = setupCostTrial(trialInput(ctx, workload));
  const { up, down, namespaces } = trial;
  const warnings: string[] = [];
  if (Object.keys(ctx.point.knobs).length) warnings.push('setup-cost measures the control plane: the point\'s knobs are not applied to its namespaces');
  // tinybench leaves its listeners on the signal it is given: give it one per trial, not the run's.
  const local = new AbortController();
  const abort = (): void => local.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    await runAll(host, [trial.create]);
    // Each task gets half the sample's duration (at least minIterations each); the step not timed runs in a hook.
    const bench = new Bench({
      time: (ctx.timing.durationS * 1000) / 2, iterations: workload.minIterations,
      warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true, signal: local.signal,
    });
    // async: true, or tinybench calls each function once outside its hooks to find out (and breaks the pairing).
    bench.add('create', () => runAll(host, up), { async: true, afterEach: () => runAll(host, down) });
    bench.add('delete', () => runAll(host, down), { async: true, beforeEach: () => runAll(host, up) });
    const { usage } = await withCpuWindow(() => bench.run());
    if (ctx.signal.aborted) return undefined;
    const [create, del] = bench.tasks.map((t) => t.result);
    if (create?.state !== 'completed' || del?.state !== 'completed') {
      return { warnings, status: 'failed', reason: `tinybench: create ended ${create?.state}, delete ended ${del?.state}` };
    }
    const rawOutput = writeRaw(ctx, `${JSON.stringify({
      mode: workload.mode, pairs: workload.pairs, up, down,
      createSamplesMs: create.latency.samples ?? [], deleteSamplesMs: del.latency.samples ?? [],
    }, null, 2)}\n`);
    return { rawOutput, warnings, status: 'ok', metrics: { ...setupCostMetrics(create.latency, del.latency, workload.pairs), ...cpuMetrics(usage) } };
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    warnings.push(...await teardownNamespaces(host, namespaces));
  }
}
