// A scenario's `gate: [...]`: validated against the one metric registry (a typo is refused with a did-you-mean),
// stored in results.json's scenario section, and used by compare when no --gate is given (the new run's list
// first, then the registry's defaults), with a warning when the two runs' lists differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import { renderTerminal } from '../../src/report/terminal/compare-table.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { ScenarioError } from '../../src/errors.ts';
import type { ExecResult, Host } from '../../src/host/host.ts';
import { DEFAULT_GATES } from '../../src/metrics/registry.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { runPlan } from '../../src/run/runner.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { CAPABILITIES_HERE, definition, scenario, SCENARIO_FILE, settings, SHA } from '../helpers/builders.ts';
import { tempDir } from '../helpers/host-state.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

function problemsOf(gate: unknown): { path: string; message: string }[] {
  try {
    validateScenario({ ...definition(), gate }, SCENARIO_FILE, SHA);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.problems;
  }
  assert.fail(`expected gate ${JSON.stringify(gate)} to be refused`);
}

describe('scenario gate: validation against the metric registry', () => {
  it('keeps a valid list in the validated scenario, and leaves it out when absent', () => {
    assert.deepEqual(scenario({ gate: ['latencyP99Us', 'latencyP50Us'] }).gate, ['latencyP99Us', 'latencyP50Us']);
    assert.equal('gate' in scenario(), false);
  });

  it('refuses a typo with the file, the field, the value and the closest registry metric', () => {
    const problems = problemsOf(['latencyP99Us', 'latencyP99us', 'throughputbps']);
    assert.deepEqual(problems.map((p) => p.path), ['gate[1]', 'gate[2]']);
    assert.match(problems[0]!.message, /^"latencyP99us" is not a metric of the registry \(src\/metrics\/registry\.ts\) — did you mean "latencyP99Us"\?/);
    assert.match(problems[1]!.message, /did you mean "throughputBps"\?/);
    assert.throws(() => validateScenario({ ...definition(), gate: ['latencyP99us'] }, SCENARIO_FILE, SHA), /^ScenarioError: scenarios\/test\.ts: gate\[0\]: "latencyP99us" is not a metric/);
  });

  it('refuses a metric without a direction, a name far from any metric, a repeat and an empty list', () => {
    assert.match(problemsOf(['bytesSent'])[0]!.message, /"bytesSent" describes the run \(no better direction\), so it cannot gate/);
    const far = problemsOf(['zzzzzzzzzz'])[0]!.message;
    assert.ok(!far.includes('did you mean'), far);
    assert.ok(far.includes(DEFAULT_GATES.join(', ')), 'names the defaults as the fix');
    assert.deepEqual(problemsOf(['latencyP50Us', 'latencyP50Us']), [{ path: 'gate[1]', message: '"latencyP50Us" is listed twice (also at [0]); list each gating metric once' }]);
    assert.match(problemsOf([])[0]!.message, /lists no metric; leave `gate` out to use the registry's defaults/);
    assert.equal(problemsOf('latencyP50Us')[0]!.path, 'gate');
  });
});

/** Every command succeeds silently: the run below only has kinds this host lacks, so nothing is measured. */
const quietHost: Host = {
  exec: async (argv): Promise<ExecResult> => ({ argv, exitCode: 0, stdout: '', stderr: '', timedOut: false, signal: undefined, durationMs: 1 }),
  spawn: () => { throw new Error('nothing may be started for a skipped kind'); },
};

describe('scenario gate: stored in results.json', () => {
  it('the run writes the scenario\'s list into scenario.gate, and nothing without one', async () => {
    const state = tempDir('gate-state');
    process.env.VETHBENCH_STATE_DIR = state;
    try {
      for (const gate of [['connectP50Us', 'latencyP99Us'], undefined]) {
        const plan = expandPlan(scenario({ links: ['ipvlan:l2'], ...(gate ? { gate } : {}) } as never), settings({ repetitions: 1 }));
        const { results } = await runPlan({ host: quietHost, plan, outDir: tempDir('gate-out'), prefix: 'vb9a7e', hostFacts: undefined, capabilities: CAPABILITIES_HERE, signal: new AbortController().signal });
        assert.deepEqual(results.scenario.gate, gate);
        assert.equal(results.run.settings.maxNeighbourCpu, 0.1, 'the guard\'s default limit is recorded');
      }
    } finally {
      delete process.env.VETHBENCH_STATE_DIR;
    }
  });
});

describe('compare: which metrics gate (--gate, else the new run\'s list, else the registry)', () => {
  const compare = (baseGate: string[] | undefined, newGate: string[] | undefined, flag?: string[]) => {
    const base = loadFixture('base');
    const next = loadFixture('again');
    if (baseGate) base.results.scenario.gate = baseGate;
    if (newGate) next.results.scenario.gate = newGate;
    const report = buildComparisonReport([base, next], { ...DEFAULT_SETTINGS, ...(flag ? { gate: flag } : {}) }, new Date(0));
    return { report, pair: report.comparisons[0]! };
  };
  const gating = (pair: ReturnType<typeof compare>['pair']) => [...new Set(pair.points.flatMap((p) => p.metrics.filter((m) => m.gates).map((m) => m.metric)))];

  it('without any list the registry\'s defaults gate, and no difference is reported', () => {
    const { pair } = compare(undefined, undefined);
    assert.deepEqual(gating(pair), ['throughputBps']);
    assert.equal(pair.family.source, 'the registry\'s defaults');
    assert.ok(!pair.warnings.some((w) => w.includes('gate on different metrics')));
  });

  it('the new run\'s stored list gates, and the difference from the base\'s (none) is printed', () => {
    const { report, pair } = compare(undefined, ['rttMeanUs', 'retransmits']);
    assert.deepEqual(gating(pair), ['retransmits', 'rttMeanUs']);
    assert.equal(pair.family.size, 2 * pair.points.length);
    assert.equal(pair.family.source, 'the new run\'s scenario');
    const text = renderTerminal(report, false);
    assert.ok(text.includes('warning: the runs gate on different metrics: base the registry\'s defaults; new rttMeanUs, retransmits — gating on the new run\'s scenario'), text);
    assert.ok(text.includes('gating (the new run\'s scenario): retransmits, rttMeanUs'), text);
  });

  it('a base list the new run dropped: the defaults gate, and the difference is printed', () => {
    const { pair } = compare(['rttMeanUs'], undefined);
    assert.deepEqual(gating(pair), ['throughputBps']);
    assert.ok(pair.warnings.includes('the runs gate on different metrics: base rttMeanUs; new the registry\'s defaults — gating on the registry\'s defaults'), pair.warnings.join('\n'));
  });

  it('--gate wins over both stored lists; the same list on both sides (in any order) is no difference', () => {
    const { pair } = compare(['rttMeanUs', 'retransmits'], ['retransmits', 'rttMeanUs'], ['cpuHostPercent']);
    assert.deepEqual(gating(pair), ['cpuHostPercent']);
    assert.equal(pair.family.source, '--gate');
    assert.ok(!pair.warnings.some((w) => w.includes('gate on different metrics')), pair.warnings.join('\n'));
  });
});
