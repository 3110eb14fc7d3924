// The interference guard's pure parts: /proc/PID/stat parsing (real captured lines), the run's own tree, the
// neighbour arithmetic, contamination, and what it changes downstream — summaries, --until-decided's rounds and
// the compare gate (exit 4 "host busy").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildProgram } from '../../src/cli/main.ts';
import { neighbourCpuLimit } from '../../src/cli/parse-options.ts';
import { buildComparisonReport, gateExitCode } from '../../src/compare/build-report.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { kernelDefaultOf } from '../../src/knobs/registry.ts';
import { parseProcessStat, treeTimes, type ProcessTimes } from '../../src/metadata/process-times.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { summaryOf } from '../../src/plan/assemble.ts';
import type { Sample } from '../../src/results/schema.ts';
import { MAX_REMEASURES, nextRound, planDecisions } from '../../src/run/decisions.ts';
import { hostBusyReason, interferenceBetween, isContaminated, type HostTicks, type Snapshot } from '../../src/stats/interference.ts';
import { groScenario, sample, settings } from '../helpers/builders.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/proc-pid-stat/${name}`, import.meta.url), 'utf8');

describe('/proc/PID/stat', () => {
  it('parses real lines: a kernel thread, init (its comm in parentheses), a shell', () => {
    const k = parseProcessStat(fixture('kthreadd.stat'))!;
    assert.deepEqual({ pid: k.pid, ppid: k.ppid, kernelThread: k.kernelThread }, { pid: 2, ppid: 0, kernelThread: true });
    const init = parseProcessStat(fixture('init.stat'))!;
    assert.deepEqual(init, { pid: 1, ppid: 0, kernelThread: false, utime: 1358, stime: 6540, cutime: 1560857, cstime: 352390 });
    assert.equal(parseProcessStat(fixture('shell.stat'))!.kernelThread, false);
  });

  it('a comm with spaces and a ")" does not shift the fields; junk gives undefined', () => {
    const line = fixture('shell.stat').replace('(sh)', '(a b) c)');
    assert.equal(parseProcessStat(line)!.ppid, 22904);
    assert.equal(parseProcessStat('garbage'), undefined);
    assert.equal(parseProcessStat('12 (x) S 1 2'), undefined);
  });

  it('the tree: the root, its reaped children (cutime) and live descendants; kernel threads apart; neighbours out', () => {
    const p = (pid: number, ppid: number, utime: number, stime: number, extra: Partial<ProcessTimes> = {}): ProcessTimes => ({ pid, ppid, kernelThread: false, utime, stime, cutime: 0, cstime: 0, ...extra });
    const all = [p(100, 1, 10, 5, { cutime: 7, cstime: 3 }), p(101, 100, 1, 40), p(102, 101, 2, 20), p(200, 1, 500, 0), p(3, 2, 0, 90, { kernelThread: true })];
    assert.deepEqual(treeTimes(all, 100), { ownUser: 10 + 7 + 1 + 2, ownSystem: 5 + 3 + 40 + 20, kernelThreads: 90, ownProcesses: 3 });
  });
});

const ticks = (t: Partial<HostTicks>): HostTicks => ({ user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, ...t });
const snap = (host: Partial<HostTicks>, own: Partial<Snapshot['own']> = {}): Snapshot => ({ host: { total: ticks(host), cpuCount: 2 }, own: { ownUser: 0, ownSystem: 0, kernelThreads: 0, ...own } });

describe('neighbour arithmetic', () => {
  const before = snap({});
  it('a 3-s window on 2 CPUs (600 ticks): own iperf3 time, kernel threads and softirq are not neighbours', () => {
    // The run used 60 user + 240 system ticks, ksoftirqd 80, softirq 100: everything busy is the run's own.
    const after = snap({ user: 60, system: 320, softirq: 100, idle: 120 }, { ownUser: 60, ownSystem: 240, kernelThreads: 80 });
    assert.deepEqual(interferenceBetween(before, after), { neighbourCores: 0, stealCores: 0 });
  });

  it('a CPU-bound neighbour for half the window: 0.5 core; steal in cores', () => {
    const after = snap({ user: 60 + 150, system: 240, idle: 120, steal: 30 }, { ownUser: 60, ownSystem: 240 });
    const r = interferenceBetween(before, after)!;
    assert.ok(Math.abs(r.neighbourCores - 0.5) < 1e-9, String(r.neighbourCores));
    assert.ok(Math.abs(r.stealCores - 0.1) < 1e-9);
  });

  it('the run\'s own ticks over-counted by accounting never become a negative neighbour; no time: undefined', () => {
    const after = snap({ user: 50, system: 200, idle: 350 }, { ownUser: 60, ownSystem: 240 });
    assert.equal(interferenceBetween(before, after)!.neighbourCores, 0);
    assert.equal(interferenceBetween(before, before), undefined);
    assert.equal(interferenceBetween(snap({ user: 10 }), before), undefined);
  });

  it('contaminated above the limit, or when another run is live', () => {
    assert.equal(isContaminated({ neighbourCores: 0.09, stealCores: 0.5, otherRuns: [] }, 0.1), false);
    assert.equal(isContaminated({ neighbourCores: 0.11, stealCores: 0, otherRuns: [] }, 0.1), true);
    assert.equal(isContaminated({ neighbourCores: 0, stealCores: 0, otherRuns: ['gro-20261201T120000Z'] }, 0.1), true);
  });
});

const dirty = (s: Sample, cores = 1.6): Sample => ({ ...s, interference: { neighbourCores: cores, stealCores: 0, otherRuns: [] }, contaminated: true });

describe('what contamination changes', () => {
  it('a summary leaves contaminated samples out (they stay in the samples)', () => {
    const samples = [10, 11, 12, 3].map((g, i) => sample({ pointId: 'p0', trial: i, repetition: i, metrics: { throughputBps: g * 1e9 } }));
    samples[3] = dirty(samples[3]!);
    assert.equal(summaryOf(samples).throughputBps!.n, 3);
    assert.equal(summaryOf(samples).throughputBps!.min, 10e9);
  });

  it('--until-decided measures a contaminated sample again in the same round, at most MAX_REMEASURES times', () => {
    const s = groScenario();
    const plan = expandPlan({ ...s, workloads: s.workloads.filter((w) => w.label === 'tcp') }, settings({ repetitions: 5 }));
    const decisions = planDecisions(plan.points, { thresholdPercent: 5, maxRepetitions: 60 }, kernelDefaultOf);
    const samples: Sample[] = plan.trials.map((t) => sample({ pointId: t.pointId, trial: t.index, repetition: t.repetition, metrics: { throughputBps: 1e10 * (1 + 0.3 * ((t.index * 7) % 5) / 5) } }));
    const last = [...samples].reverse().find((x) => x.repetition === 4)!;
    samples[samples.indexOf(last)] = dirty(last);
    const next = nextRound(decisions, plan, samples, () => {});
    assert.deepEqual(next.trials?.map((t) => [t.pointId, t.repetition]), [[last.pointId, 4]]);
    for (let i = 0; i < MAX_REMEASURES; i++) samples.push(dirty({ ...last, trial: 1000 + i }));
    const after = nextRound(decisions, plan, samples, () => {});
    assert.ok(after.trials?.every((t) => t.repetition === 5), 'the busy point is given up for round 4 and round 5 starts');
  });

  it('compare: a side without enough clean samples is invalid "host busy" and gates with exit 4, not as a regression', () => {
    const next = loadFixture('shaped');
    for (const p of next.results.points) p.samples = p.samples.map((s, i) => (i < 4 ? dirty(s) : s));
    const point = next.results.points[0]!;
    const report = buildComparisonReport([loadFixture('base'), next], DEFAULT_SETTINGS, new Date('2026-12-01T00:00:00Z'));
    const judged = report.comparisons[0]!.points.find((p) => p.key === point.key)!;
    assert.equal(judged.verdict, 'invalid');
    assert.match(judged.reason, /host busy \(neighbours used 1\.6 of \d+ core\(s\) during 4 of 6 samples\)/);
    const gate = gateExitCode(report, { failOnRegression: true, failOnUndecided: false, allowMissing: false });
    assert.equal(gate.code, 4);
    assert.match(gate.reasons.join('\n'), /host busy/);
  });

  it('compare: a side with every sample contaminated says "host busy" too (no metric is left to carry it)', () => {
    const next = loadFixture('shaped');
    for (const p of next.results.points) p.samples = p.samples.map(dirty);
    const report = buildComparisonReport([loadFixture('base'), next], DEFAULT_SETTINGS, new Date('2026-12-01T00:00:00Z'));
    for (const p of report.comparisons[0]!.points) {
      assert.equal(p.verdict, 'invalid');
      assert.match(p.reason, /host busy \(neighbours used [\d.]+ of \d+ core\(s\) during 6 of 6 samples\)/);
    }
    assert.equal(gateExitCode(report, { failOnRegression: true, failOnUndecided: false, allowMissing: false }).code, 4);
  });

  it('hostBusyReason: enough clean samples (≥ 2 and ≥ the contaminated ones) can be judged', () => {
    const ok = (i: number) => sample({ pointId: 'p0', trial: i, repetition: i, metrics: { throughputBps: 1e10 } });
    assert.equal(hostBusyReason([ok(0), ok(1), dirty(ok(2))], 2), undefined);
    assert.match(hostBusyReason([ok(0), dirty(ok(1)), dirty(ok(2))], 2)!, /during 2 of 3 samples/);
    assert.equal(hostBusyReason([ok(0)], 2), undefined);
  });
});

describe('--max-neighbour-cpu', () => {
  it('takes cores from 0 to 1024; anything else is refused with the expected form', () => {
    assert.equal(neighbourCpuLimit('0.1'), 0.1);
    assert.equal(neighbourCpuLimit('0'), 0);
    for (const bad of ['abc', '-1', '2000', '0.1x', '']) assert.throws(() => neighbourCpuLimit(bad), /expected cores from 0 to 1024/);
  });

  it('run and nightly accept it, and a bad value is exit 2 before anything runs', async () => {
    for (const command of ['run', 'nightly']) {
      const option = buildProgram(() => {}).commands.find((c) => c.name() === command)!.options.find((o) => o.long === '--max-neighbour-cpu');
      assert.ok(option, `${command} has --max-neighbour-cpu`);
    }
    const { main } = await import('../../src/cli/main.ts');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => { errors.push(String(chunk)); return true; }) as typeof process.stderr.write;
    try {
      assert.equal(await main(['node', 'vethbench', 'run', 'scenarios/gro.ts', '--max-neighbour-cpu', 'lots']), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.match(errors.join(''), /--max-neighbour-cpu <cores>' argument 'lots' is invalid/);
  });
});
