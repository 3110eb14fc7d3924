import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kernelDefaultOf } from '../../src/knobs/registry.ts';
import { expandPlan, type Plan, type Trial } from '../../src/plan/expand.ts';
import type { JournalRecord, Sample } from '../../src/results/schema.ts';
import { budgetSeconds } from '../../src/run/budget.ts';
import { decisionMetrics } from '../../src/run/effect-points.ts';
import { decidedEffects, fixedRepetitionEffects, nextRound, planDecisions } from '../../src/run/decisions.ts';
import { effectLines } from '../../src/report/terminal/effect-lines.ts';
import { groScenario, sample, scenario, settings } from '../helpers/builders.ts';

/** Deterministic throughput per point label and round: ±2 % wobble around the point's median. */
function measure(plan: Plan, trial: Trial, medians: Record<string, number>, amplitude = 0.02): Sample {
  const point = plan.points.find((p) => p.id === trial.pointId)!;
  const wobble = Math.exp(amplitude * ((((trial.repetition + Number(point.id.slice(1)) * 3) * 7) % 11) - 5) / 5);
  return sample({ pointId: point.id, trial: trial.index, repetition: trial.repetition, metrics: { throughputBps: medians[point.label]! * wobble } });
}

/** Runs the schedule the way the runner does: the plan's trials, then round after round until it stops. */
function simulateRun(plan: Plan, medians: Record<string, number>, until: { thresholdPercent: number; maxRepetitions: number }, stopAfter = Infinity, amplitude = 0.02) {
  const decisions = planDecisions(plan.points, until, kernelDefaultOf);
  const samples: Sample[] = plan.trials.map((t) => measure(plan, t, medians, amplitude));
  const journal: JournalRecord[] = [];
  const rounds: string[][] = [];
  let stop: string | undefined;
  while (rounds.length < stopAfter) {
    const next = nextRound(decisions, plan, samples, (r) => journal.push(r));
    if (next.stop !== undefined) { stop = next.stop; break; }
    rounds.push(next.trials.map((t) => plan.points.find((p) => p.id === t.pointId)!.label));
    samples.push(...next.trials.map((t) => measure(plan, t, medians, amplitude)));
  }
  return { decisions, samples, journal, rounds, stop };
}

describe('run --until-decided: the schedule', () => {
  const tcpOnly = () => {
    const s = groScenario();
    return expandPlan({ ...s, workloads: s.workloads.filter((w) => w.label === 'tcp') }, settings({ repetitions: 5 }));
  };
  // GRO +25 % with TSO off, nothing with TSO on; TSO off costs a lot: the kernel's story of scenarios/gro.ts.
  const medians = { 'tcp gro=off tso=on': 20e9, 'tcp gro=on tso=on': 20e9, 'tcp gro=off tso=off': 8e9, 'tcp gro=on tso=off': 10e9 };

  it('the family: 4 simple effects × 1 gating metric for TCP (m = 4); UDP adds packets/s and throughput', () => {
    assert.equal(planDecisions(tcpOnly().points, { thresholdPercent: 5, maxRepetitions: 60 }, kernelDefaultOf).sequential.familySize, 4);
    const both = expandPlan(groScenario(), settings({ repetitions: 5 }));
    assert.equal(planDecisions(both.points, { thresholdPercent: 5, maxRepetitions: 60 }, kernelDefaultOf).sequential.familySize, 4 + 8);
  });

  it('a scenario gate narrows the family to the gate\'s metrics each workload writes; one it does not write leaves the defaults', () => {
    const both = expandPlan(groScenario(), settings({ repetitions: 5 }));
    const gated = planDecisions(both.points, { thresholdPercent: 5, maxRepetitions: 60 }, kernelDefaultOf, ['pps']);
    assert.equal(gated.sequential.familySize, 4 + 4, 'TCP keeps throughput (it writes no pps); UDP decides on packets/s only');
    assert.deepEqual([...new Set([...gated.metrics.values()].flatMap((l) => l.map((m) => m.name)))].sort(), ['pps', 'throughputBps']);
    const udp = both.points.find((p) => p.workload.tool === 'iperf3' && p.workload.protocol === 'udp')!;
    assert.deepEqual(decisionMetrics(udp.workload, ['pps']).map((m) => m.name), ['pps']);
    assert.deepEqual(decisionMetrics(udp.workload).map((m) => m.name), ['pps', 'throughputBps']);
  });

  it('decided effects drop their points from the next rounds; sampling stops when every effect is decided', () => {
    const plan = tcpOnly();
    const run = simulateRun(plan, medians, { thresholdPercent: 5, maxRepetitions: 60 });
    assert.equal(run.stop, 'every effect is decided');
    // m = 4: 5 vs 5 cannot reach 99.75 %, the first decisions come at the look n = 8.
    assert.ok(run.rounds.length >= 3, `${run.rounds.length} rounds`);
    assert.ok(run.journal.every((r) => r.type === 'look'));
    assert.equal(run.journal.length, 4);
    const lines = effectLines(decidedEffects(run.decisions, plan.points, run.samples), 5);
    assert.match(lines.join('\n'), /^gro on vs off \(tcp, tso=off\): \+2\d\.\d% \[\+\d+\.\d%, \+\d+\.\d%\] \(99\.\d% CI\) — better$/m);
    assert.match(lines.join('\n'), /^gro on vs off \(tcp, tso=on\): [+−]\d\.\d% \[.*\] \(99\.\d% CI\) — equivalent within ±5 %$/m);
    assert.match(lines.join('\n'), /^tso off vs on \(tcp, gro=off\): −60\.\d% .* — worse$/m);
    assert.match(lines.join('\n'), /^gro on vs off \(tcp, tso=off\) vs \(tcp, tso=on\): \+2\d\.\d% .* — interaction/m);
  });

  it('each round is a seeded shuffle of the points still needed: the same seed gives the same order', () => {
    const a = simulateRun(tcpOnly(), medians, { thresholdPercent: 5, maxRepetitions: 60 });
    const b = simulateRun(tcpOnly(), medians, { thresholdPercent: 5, maxRepetitions: 60 });
    assert.deepEqual(a.rounds, b.rounds);
    assert.equal(new Set(a.rounds[0]).size, a.rounds[0]!.length);
  });

  it('an effect the samples cannot decide stops at the maximum, undecided, with about how many more samples per arm', () => {
    const plan = expandPlan(scenario({ matrix: { gro: ['off', 'on'] } }), settings({ repetitions: 5 }));
    const run = simulateRun(plan, { 'tcp gro=off': 10e9, 'tcp gro=on': 10.5e9 }, { thresholdPercent: 5, maxRepetitions: 12 }, Infinity, 0.1);
    assert.equal(run.stop, 'the maximum of 12 repetitions is reached (1 effect(s) undecided)');
    const [line] = effectLines(decidedEffects(run.decisions, plan.points, run.samples), 5);
    assert.match(line!, /— undecided, needs about \d+ more per arm$/);
  });

  it('a round cut short (interrupted) is completed first on resume, for the points that still need it', () => {
    const plan = tcpOnly();
    const run = simulateRun(plan, medians, { thresholdPercent: 5, maxRepetitions: 60 }, 1);
    const cut = run.samples.slice(0, -2); // the last round lost its last two trials
    const decisions = planDecisions(plan.points, { thresholdPercent: 5, maxRepetitions: 60 }, kernelDefaultOf);
    const next = nextRound(decisions, plan, cut, () => {});
    assert.equal(next.trials?.length, 2);
    assert.deepEqual(next.trials!.map((t) => t.repetition), [5, 5]);
    assert.ok(next.trials![0]!.index > Math.max(...cut.map((s) => s.trial)));
  });

  it('a fixed number of repetitions: every simple effect at 1 − 0.05/m with Holm-adjusted p', () => {
    const plan = tcpOnly();
    const samples = plan.trials.map((t) => measure(plan, t, medians));
    const effects = fixedRepetitionEffects(plan.points, samples, 5, kernelDefaultOf);
    const simple = effects.filter((e) => e.kind === 'simple');
    assert.equal(simple.length, 4);
    assert.ok(simple.every((e) => e.confidence >= 1 - 0.05 / 4 - 1e-9 || e.verdict === 'undecided'));
    assert.ok(simple.every((e) => e.pAdjusted! >= e.p!));
  });
});

describe('which metrics decide an effect (the registry\'s gating metrics each workload writes)', () => {
  it('iperf3 rates, sockperf latency percentiles (idle and under load), density aggregate and fairness, setup-cost p50s', () => {
    const names = (w: Parameters<typeof decisionMetrics>[0]) => decisionMetrics(w).map((m) => `${m.name}:${m.direction}`);
    assert.deepEqual(names({ label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false }), ['throughputBps:higher']);
    assert.deepEqual(names({ label: 'udp', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 1400 }), ['pps:higher', 'throughputBps:higher']);
    assert.deepEqual(names({ label: 'lat', tool: 'sockperf', protocol: 'udp', messageBytes: 64, underLoad: true }), ['latencyP50Us:lower', 'latencyP99Us:lower', 'loadedLatencyP50Us:lower', 'loadedLatencyP99Us:lower']);
    assert.deepEqual(names({ label: 'd', tool: 'density', protocol: 'tcp', pairs: 2, bitrate: '0', lengthBytes: 1400 }), ['aggregateThroughputBps:higher', 'fairnessIndex:higher']);
    assert.deepEqual(names({ label: 's', tool: 'setup-cost', mode: 'batched', pairs: 1, minIterations: 5 }), ['createP50Ms:lower', 'deleteP50Ms:lower']);
  });
});

describe('--budget', () => {
  it('90s, 10m, 1h, a bare number of seconds; anything else is refused', () => {
    assert.deepEqual(['90s', '10m', '1h', '45', '1.5m'].map(budgetSeconds), [90, 600, 3600, 45, 90]);
    assert.deepEqual(['', '10x', '-5', '0', 'm'].map(budgetSeconds), [undefined, undefined, undefined, undefined, undefined]);
  });
});
