// Root, real namespaces: with the default warm-up (a short run once when the topology is built, no discarded round
// per point) the first measured sample is not biased. A cold path would make it the slowest of its build every
// time; unbiased, its rank among a build's samples is uniform. Three independent builds of six samples: the first is
// the slowest in all three with probability (1/6)³ = 0.46 % when there is no bias — only then does the test fail.
// Under the traffic lock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSettings } from '../../src/cli/run-settings.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { runScenarios } from '../../src/run/run-scenarios.ts';
import { summarize } from '../../src/stats/summary.ts';
import { needsRoot, tempDir } from '../helpers/host-state.ts';

const BUILDS = 3;

test('default warm-up: the first measured sample is not the slowest of its build in every build', { skip: needsRoot, timeout: 180_000 }, async () => {
  const scenario = await loadScenario('test/fixtures/scenarios/integration-warmup.ts');
  const plan = expandPlan(scenario, runSettings(scenario, {}, 3));
  assert.equal(plan.settings.warmupRepetitions, 0, 'no discarded round by default');
  assert.equal(plan.trials.length, 6);
  const runs = Array.from({ length: BUILDS }, () => ({ plan }));
  const outcomes = await runScenarios(runs, { host: new ExecaHost(), out: tempDir('warmup-bias'), signal: new AbortController().signal, log: () => {}, maxNeighbourCpu: 1024 });
  assert.equal(outcomes.length, BUILDS);
  const ranks = outcomes.map((outcome, build) => {
    const values = outcome.results.points[0]!.samples.sort((a, b) => a.repetition - b.repetition).map((s) => s.metrics?.throughputBps ?? NaN);
    assert.equal(values.length, 6);
    assert.ok(values.every(Number.isFinite), `build ${build + 1}: every sample measured`);
    const [first, ...later] = values;
    const s = summarize(later, later.map((_, i) => i + 1))!;
    const rank = 1 + later.filter((v) => v < first!).length;
    console.log(`build ${build + 1}: first ${(first! / 1e9).toFixed(2)} Gbit/s (rank ${rank} of 6); later median ${(s.median / 1e9).toFixed(2)} [${(s.ciLow / 1e9).toFixed(2)}, ${(s.ciHigh / 1e9).toFixed(2)}] (${(100 * s.ciConfidence).toFixed(0)} % CI), first / later median ${(first! / s.median).toFixed(3)}`);
    return rank;
  });
  assert.ok(ranks.some((r) => r > 1), `the first sample was the slowest in all ${BUILDS} builds (ranks ${ranks.join(', ')}): the warm-up leaves a cold path`);
});
