// Workload entries → resolved workloads (labels, defaults, expansion), their validation, the five workload
// scenarios (each loads, plans and describes its commands), and how their results print.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScenarioError } from '../../src/errors.ts';
import { describePlan } from '../../src/report/terminal/plan-text.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { sampleHeadline } from '../../src/report/terminal/headline.ts';
import { resultsTable } from '../../src/report/terminal/terminal-table.ts';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import type { Workload } from '../../src/scenario/types.ts';
import { runResultsOf, sample, scenario, settings, tableRows } from '../helpers/builders.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const resolve = (...workloads: Workload[]) => scenario({ workloads }).workloads;

function problems(...workloads: unknown[]): { path: string; message: string }[] {
  try {
    scenario({ workloads: workloads as Workload[] });
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('resolving workloads', () => {
  it('labels TCP variants by their options and leaves unset options absent', () => {
    const w = resolve(
      { tool: 'iperf3', protocol: 'tcp', bidir: true },
      { tool: 'iperf3', protocol: 'tcp', streams: 4, reverse: true, blockBytes: 131072, zerocopy: true, congestion: 'bbr' },
    );
    assert.deepEqual(w, [
      { label: 'tcp-bidir', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false, bidir: true },
      { label: 'tcp-P4-R-l128K-Z-bbr', tool: 'iperf3', protocol: 'tcp', streams: 4, reverse: true, blockBytes: 131072, zerocopy: true, congestion: 'bbr' },
    ]);
  });

  it('UDP senders appear in the label and the workload only when more than one', () => {
    assert.deepEqual(resolve({ tool: 'iperf3', protocol: 'udp', lengthBytes: 64, senders: 4 }, { tool: 'iperf3', protocol: 'udp', lengthBytes: 64, senders: 1, name: 'one' }), [
      { label: 'udp-64B-x4', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 64, senders: 4 },
      { label: 'one', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 64 },
    ]);
  });

  it('sockperf defaults to 64-byte messages, idle only', () => {
    assert.deepEqual(resolve({ tool: 'sockperf', protocol: 'udp' }, { tool: 'sockperf', protocol: 'tcp', messageBytes: 1400, underLoad: true }), [
      { label: 'pingpong-udp-64B', tool: 'sockperf', protocol: 'udp', messageBytes: 64, underLoad: false },
      { label: 'pingpong-tcp-1400B', tool: 'sockperf', protocol: 'tcp', messageBytes: 1400, underLoad: true },
    ]);
  });

  // A repeated pair count is refused like a repeated matrix value (test/unit/scenario-bad-input.test.ts).
  it('a density entry stands for one point per pair count', () => {
    assert.deepEqual(resolve({ tool: 'density', pairs: [1, 4], bitrate: '2G' }).map((w) => [w.label, w.tool === 'density' && w.pairs]), [
      ['density-tcp-2G-n1', 1], ['density-tcp-2G-n4', 4],
    ]);
    assert.deepEqual(resolve({ tool: 'density', pairs: [2], protocol: 'udp', name: 'udpd' })[0], { label: 'udpd-n2', tool: 'density', protocol: 'udp', pairs: 2, bitrate: '0', lengthBytes: 1400 });
  });

  it('a setup-cost entry stands for both modes unless told', () => {
    assert.deepEqual(resolve({ tool: 'setup-cost' }, { tool: 'setup-cost', modes: ['batched'], pairs: 8, minIterations: 20 }), [
      { label: 'setup-batched', tool: 'setup-cost', mode: 'batched', pairs: 1, minIterations: 5 },
      { label: 'setup-one-at-a-time', tool: 'setup-cost', mode: 'one-at-a-time', pairs: 1, minIterations: 5 },
      { label: 'setup-x8-batched', tool: 'setup-cost', mode: 'batched', pairs: 8, minIterations: 20 },
    ]);
  });

  it('finds the same label coming from two entries', () => {
    assert.deepEqual(problems({ tool: 'density', pairs: [1, 2] }, { tool: 'density', pairs: [2, 4] }), [
      { path: 'workloads[1]', message: 'has the same label "density-tcp-n2" as workloads[0]; give one of them a distinct name' },
    ]);
  });

  it('reports problems of the new fields by path, with each tool\'s own field list', () => {
    assert.deepEqual(problems(
      { tool: 'sockperf', protocol: 'sctp' },
      { tool: 'density', pairs: [0, 300] },
      { tool: 'setup-cost', modes: ['fast'] },
      { tool: 'sockperf', protocol: 'udp', streams: 2 },
      { tool: 'iperf3', protocol: 'udp', senders: 17 },
    ), [
      { path: 'workloads[0].protocol', message: 'got "sctp"; expected one of "tcp", "udp"' },
      { path: 'workloads[1].pairs[0]', message: '0 is below the minimum of 1' },
      { path: 'workloads[1].pairs[1]', message: '300 is above the maximum of 256' },
      { path: 'workloads[2].modes[0]', message: 'got "fast"; expected one of "batched", "one-at-a-time"' },
      { path: 'workloads[3].streams', message: 'unknown field "streams" — "streams" is only allowed when tool is "iperf3" (known fields: tool, protocol, name, messageBytes, underLoad)' },
      { path: 'workloads[4].senders', message: '17 is above the maximum of 16' },
    ]);
  });
});

describe('the workload scenarios', () => {
  for (const [file, tools] of [
    ['scenarios/tcp-streams.ts', ['iperf3']],
    ['scenarios/udp-pps.ts', ['iperf3']],
    ['scenarios/latency.ts', ['sockperf']],
    ['scenarios/capacity.ts', ['density']],
    ['scenarios/setup-cost.ts', ['setup-cost']],
  ] as const) {
    it(`${file} loads, plans with --quick settings and shows the commands of a trial`, async () => {
      const s = await loadScenario(file);
      const plan = expandPlan(s, settings({ repetitions: 1, durationS: 1, omitS: 0 }));
      assert.ok(plan.points.length > 0);
      assert.deepEqual([...new Set(plan.points.map((p) => p.workload.tool))], tools);
      const text = describePlan(plan, 'vb0000', 20000, knobShell());
      assert.match(text, /commands of one trial/);
      assert.doesNotMatch(text, /undefined|NaN/);
    });
  }

  it('capacity.ts sweeps 1..32 pairs against a 1 Gbit/s target, udp-pps.ts has 64-byte datagrams from two senders', async () => {
    const capacity = await loadScenario('scenarios/capacity.ts');
    assert.deepEqual(capacity.workloads.map((w) => w.tool === 'density' && [w.pairs, w.bitrate]), [[1, '1G'], [2, '1G'], [4, '1G'], [8, '1G'], [16, '1G'], [32, '1G']]);
    const udp = await loadScenario('scenarios/udp-pps.ts');
    assert.ok(udp.workloads.some((w) => w.tool === 'iperf3' && w.protocol === 'udp' && w.lengthBytes === 64 && w.senders === 2));
  });
});

function results(workloads: Workload[], samples: Sample[]): RunResults {
  const plan = expandPlan(scenario({ workloads }), settings({ repetitions: 1 }));
  return runResultsOf(plan, samples);
}
const rows = tableRows;

describe('printing workload results', () => {
  it('latency: idle percentiles, and the loaded ones next to them', () => {
    const r = results([{ tool: 'sockperf', protocol: 'udp', underLoad: true }], [sample({ pointId: 'p1', trial: 0, metrics: {
      latencyP50Us: 3.1, latencyP90Us: 3.3, latencyP99Us: 5.8, latencyP999Us: 9.6, latencyMaxUs: 418.2, latencyMeanUs: 3.2, cpuBusyPercent: 60,
      loadedLatencyP50Us: 3.4, loadedLatencyP99Us: 15, loadedLatencyP999Us: 40, loadThroughputBps: 20e9,
    } })]);
    assert.deepEqual(rows(resultsTable(r)), [
      ['latency (µs, half RTT)', 'knobs', 'samples', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean', 'host CPU %', 'loaded p50', 'loaded p99', 'loaded p99.9', 'load Gbit/s'],
      ['pingpong-udp-64B', '(defaults)', '1', '3.1', '3.3', '5.8', '9.6', '418.2', '3.2', '60', '3.4', '15.0', '40.0', '20.00'],
    ]);
  });

  it('density: the table and the capacity answer', () => {
    const r = results([{ tool: 'density', pairs: [1, 2], bitrate: '1G' }], [
      sample({ pointId: 'p1', trial: 0, metrics: { pairs: 1, aggregateThroughputBps: 1e9, pairThroughputMinBps: 1e9, pairThroughputMeanBps: 1e9, pairThroughputMaxBps: 1e9, fairnessIndex: 1, targetBps: 1e9, pairsMeetingTarget: 1, targetMet: 1, cpuBusyPercent: 40, gbpsPerCore: 1.25 } }),
      sample({ pointId: 'p2', trial: 1, metrics: { pairs: 2, aggregateThroughputBps: 1.5e9, pairThroughputMinBps: 0.5e9, pairThroughputMeanBps: 0.75e9, pairThroughputMaxBps: 1e9, fairnessIndex: 0.9, targetBps: 1e9, pairsMeetingTarget: 1, targetMet: 0 } }),
    ]);
    const text = resultsTable(r);
    assert.deepEqual(rows(text)[2], ['density-tcp-1G-n2', '(defaults)', '1', '2', '1.50', '0.50/0.75/1.00', '0.900', '–', '–', '1/2']);
    assert.match(text, /density-tcp-1G: largest N with every pair at ≥95% of 1\.00 Gbit\/s: 1 \(tried 1 ✓, 2 ✗\)$/);
  });

  it('setup cost: create and delete apart', () => {
    const r = results([{ tool: 'setup-cost', modes: ['batched'] }], [sample({ pointId: 'p1', trial: 0, metrics: {
      createMeanMs: 12.5, createP50Ms: 12, createP99Ms: 20, deleteMeanMs: 30, deleteP50Ms: 29, deleteP99Ms: 41, cyclePerPairMs: 42.5, createSamples: 40, deleteSamples: 38,
    } })]);
    assert.deepEqual(rows(resultsTable(r))[1], ['setup-batched', '(defaults)', '1', '12.50', '12.00', '20.00', '30.00', '29.00', '41.00', '42.50', '40+38']);
  });

  it('iperf3 points get host CPU and Gbit/s per core columns once CPU was measured', () => {
    const r = results([{ tool: 'iperf3', protocol: 'tcp' }], [sample({ pointId: 'p1', trial: 0, metrics: { throughputBps: 30e9, cpuBusyPercent: 75, gbpsPerCore: 20 } })]);
    assert.deepEqual(rows(resultsTable(r)).map((row) => row.slice(-2)), [['host CPU %', 'Gbit/s per core'], ['75.0', '20.0']]);
  });

  it('progress lines name each kind\'s own figures', () => {
    const w = (def: Workload) => scenario({ workloads: [def] }).workloads[0]!;
    assert.equal(sampleHeadline(w({ tool: 'sockperf', protocol: 'tcp', underLoad: true }), { latencyP50Us: 3.6, latencyP99Us: 6.58, loadedLatencyP50Us: 3.37, loadedLatencyP99Us: 15 }), 'latency p50 3.60 µs, p99 6.58 µs; under load p50 3.37 µs, p99 15.0 µs');
    assert.equal(sampleHeadline(w({ tool: 'density', pairs: [4], bitrate: '1G' }), { aggregateThroughputBps: 3.97e9, pairs: 4, fairnessIndex: 0.9999, pairsMeetingTarget: 4 }), '3.97 Gbit/s over 4 pairs, fairness 1.000, 4/4 pairs met the target');
    assert.equal(sampleHeadline(w({ tool: 'setup-cost' }), { createMeanMs: 12.345, createP99Ms: 20, deleteMeanMs: 30, deleteP99Ms: 41, createSamples: 10, deleteSamples: 9 }), 'create 12.3 ms (p99 20.0 ms), delete 30.0 ms (p99 41.0 ms), 10+9 samples');
    assert.equal(sampleHeadline(w({ tool: 'iperf3', protocol: 'udp', lengthBytes: 64, senders: 2 }), { throughputBps: 0.23e9, lossPercent: 5.2, pps: 452_136 }), '0.230 Gbit/s, loss 5.20 %, 0.452 Mpps');
  });
});
