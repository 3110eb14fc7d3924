// Root: each workload kind for about a second over real veth links — plausible numbers, and nothing left behind.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { Point } from '../../src/plan/expand.ts';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { closeSession, openSession } from '../../src/run/session.ts';
import { runTrial } from '../../src/run/trial.ts';
import type { Workload } from '../../src/scenario/types.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { SOCKPERF_PORT_OFFSET } from '../../src/workloads/sockperf.ts';
import { scenario } from '../helpers/builders.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();

/** One trial of `workload` (1 s, nothing omitted) on a fresh pair session; the session is always closed. */
async function trialOf(prefix: string, workload: Workload): Promise<Sample> {
  const resolved = scenario({ workloads: [workload] }).workloads[0]!;
  const point: Point = { id: 'p1', key: `veth||${resolved.label}`, link: 'veth', knobs: {}, workload: resolved, label: resolved.label };
  const session = await openSession(host, resolveTopology({ kind: 'pair' }, prefix), portForPrefix(prefix));
  try {
    const sample = await runTrial(
      { host, session, knobShell: knobShell(), timing: { durationS: 1, omitS: 0 }, sides: {}, runDir: tempDir(prefix), signal: new AbortController().signal },
      point, { index: 0, pointId: 'p1', repetition: 0 },
    );
    assert.ok(sample, 'the trial returned a sample');
    return sample;
  } finally {
    assert.deepEqual(await closeSession(host, session), []);
  }
}

function processesNaming(word: string, port: number): string[] {
  const text = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return text.split('\n').filter((l) => l.includes(word) && l.includes(` ${port}`));
}

function assertLeftNothing(prefix: string): void {
  const port = portForPrefix(prefix);
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  for (const p of [port, port + 1, port + 2]) assert.deepEqual(iperf3ProcessesOnPort(p), []);
  assert.deepEqual(processesNaming('sockperf', port + SOCKPERF_PORT_OFFSET), []);
}

test('sockperf ping-pong over a veth pair, idle and under iperf3 load: plausible percentiles', { skip: needsRoot }, async () => {
  const sample = await trialOf('vb5101', { tool: 'sockperf', protocol: 'udp', underLoad: true });
  assert.equal(sample.status, 'ok', sample.reason);
  const m = sample.metrics!;
  assert.ok(m.latencyP99Us! > 0, `p99 ${m.latencyP99Us}`);
  assert.ok(m.latencyMeanUs! > 1 && m.latencyMeanUs! < 10_000, `mean ${m.latencyMeanUs} µs`);
  assert.ok(m.latencyP50Us! > 1 && m.latencyP50Us! < 10_000, `p50 ${m.latencyP50Us} µs`);
  assert.ok(m.latencyP50Us! <= m.latencyP99Us! && m.latencyP99Us! <= m.latencyMaxUs!);
  assert.ok(m.latencyObservations! > 1000, `${m.latencyObservations} observations`);
  assert.ok(m.loadedLatencyP99Us! > 0 && m.loadedLatencyP50Us! < 10_000, `loaded p50 ${m.loadedLatencyP50Us} µs`);
  assert.ok(m.loadThroughputBps! > 1e8, `load ${m.loadThroughputBps} bit/s`);
  assert.ok(m.cpuBusyPercent! > 0 && m.cpuBusyPercent! <= 100, `CPU ${m.cpuBusyPercent}%`);
  assert.equal(sample.rawOutputs?.length, 3, 'idle, loaded and load outputs kept');
  assertLeftNothing('vb5101');
});

test('sockperf TCP ping-pong works the same way', { skip: needsRoot }, async () => {
  const sample = await trialOf('vb5102', { tool: 'sockperf', protocol: 'tcp', messageBytes: 1400 });
  assert.equal(sample.status, 'ok', sample.reason);
  assert.ok(sample.metrics!.latencyP50Us! > 1 && sample.metrics!.latencyP50Us! < 10_000);
  assert.equal('loadedLatencyP99Us' in sample.metrics!, false, 'no loaded figures without underLoad');
  assertLeftNothing('vb5102');
});

test('UDP 64-byte flood from two sender processes: their rates add up, CPU per packet is derived', { skip: needsRoot }, async () => {
  const sample = await trialOf('vb5103', { tool: 'iperf3', protocol: 'udp', lengthBytes: 64, senders: 2 });
  assert.equal(sample.status, 'ok', sample.reason);
  const m = sample.metrics!;
  assert.equal(m.senders, 2);
  assert.ok(m.pps! > 10_000, `${m.pps} pps`);
  assert.ok(m.lossPercent! >= 0 && m.lossPercent! <= 100);
  assert.ok(m.packetsPerCpuSecond! > 0 && m.cpuCoresBusy! > 0);
  assert.equal(sample.rawOutputs?.length, 2);
  assertLeftNothing('vb5103');
});

test('density N=2: two pairs at once, two per-pair results, fairness, the target judged', { skip: needsRoot }, async () => {
  const sample = await trialOf('vb5104', { tool: 'density', pairs: [2], bitrate: '100M' });
  assert.equal(sample.status, 'ok', sample.reason);
  assert.deepEqual(sample.pairs?.map((p) => p.pair), [0, 1]);
  for (const p of sample.pairs!) assert.ok(p.throughputBps! > 50e6, `pair ${p.pair}: ${p.throughputBps} bit/s`);
  const m = sample.metrics!;
  assert.equal(m.pairs, 2);
  assert.equal(m.aggregateThroughputBps, sample.pairs![0]!.throughputBps! + sample.pairs![1]!.throughputBps!);
  assert.ok(m.fairnessIndex! > 0.5 && m.fairnessIndex! <= 1);
  assert.equal(m.targetBps, 100e6);
  assert.ok(m.pairsMeetingTarget! >= 0 && m.pairsMeetingTarget! <= 2);
  assertLeftNothing('vb5104');
});

test('setup cost: create and delete timed batched and one at a time', { skip: needsRoot }, async () => {
  for (const mode of ['batched', 'one-at-a-time'] as const) {
    const sample = await trialOf('vb5105', { tool: 'setup-cost', modes: [mode], pairs: 2, minIterations: 3 });
    assert.equal(sample.status, 'ok', `${mode}: ${sample.reason}`);
    const m = sample.metrics!;
    assert.ok(m.createMeanMs! > 0 && m.deleteMeanMs! > 0, `${mode}: create ${m.createMeanMs} ms, delete ${m.deleteMeanMs} ms`);
    assert.ok(m.createSamples! >= 3 && m.deleteSamples! >= 3);
    assert.ok(m.createP50Ms! <= m.createP99Ms!);
  }
  assertLeftNothing('vb5105');
});

test('vethbench run on a capacity sweep prints the largest N meeting the per-pair target and removes every pair', { skip: needsRoot }, async () => {
  const out = tempDir('capacity-out');
  const r = await startCli(['run', 'test/fixtures/scenarios/integration-capacity.ts', '--out', out], tempDir('capacity-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /density-tcp-200M: largest N with every pair at ≥95% of 0\.20 Gbit\/s: (none|1|2) \(tried 1 [✓✗], 2 [✓✗]\)/);
  const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
  assert.deepEqual(results.points.map((p) => p.samples[0]?.pairs?.length), [1, 2]);
  assert.deepEqual(results.points.map((p) => p.summary.pairs?.median), [1, 2]);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
});
