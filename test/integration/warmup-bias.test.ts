// Root, real namespaces: with the default warm-up (a short run once when the topology is built, no discarded round
// per point) the first measured sample is not biased: a cold path would make it slow, so it must not fall below the
// later rounds (their minimum less 10 %, and their median CI's low end less 10 %). Under the traffic lock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSettings } from '../../src/cli/run-settings.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { loadScenario } from '../../src/host/load-scenario.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { runScenarios } from '../../src/run/run-scenarios.ts';
import { summarize } from '../../src/stats/summary.ts';
import { needsRoot, tempDir } from '../helpers/host-state.ts';

test('default warm-up: the first measured round falls within the later rounds', { skip: needsRoot, timeout: 120_000 }, async () => {
  const scenario = await loadScenario('test/fixtures/scenarios/integration-warmup.ts');
  const plan = expandPlan(scenario, runSettings(scenario, {}, 3));
  assert.equal(plan.settings.warmupRepetitions, 0, 'no discarded round by default');
  assert.equal(plan.trials.length, 10);
  const [outcome] = await runScenarios([{ plan }], { host: new ExecaHost(), out: tempDir('warmup-bias'), signal: new AbortController().signal, log: () => {}, maxNeighbourCpu: 1024 });
  const values = outcome!.results.points[0]!.samples.sort((a, b) => a.repetition - b.repetition).map((s) => s.metrics?.throughputBps ?? NaN);
  const [first, ...later] = values;
  const s = summarize(later, later.map((_, i) => i + 1))!;
  console.log(`first ${(first! / 1e9).toFixed(2)} Gbit/s; later median ${(s.median / 1e9).toFixed(2)} [${(s.ciLow / 1e9).toFixed(2)}, ${(s.ciHigh / 1e9).toFixed(2)}] (${(100 * s.ciConfidence).toFixed(0)} % CI), min ${(Math.min(...later) / 1e9).toFixed(2)}`);
  assert.ok(first! >= 0.9 * Math.min(...later), 'the first round is not below every later round');
  assert.ok(first! >= 0.9 * s.ciLow, 'the first round is not below the later rounds\' median CI');
});
