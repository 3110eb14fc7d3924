// Warm-up rounds: planned first, numbered on their own, recorded, and kept out of summaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSettings } from '../../src/cli/run-settings.ts';
import { expandPlan, TOPOLOGY_OVERHEAD_S, TRIAL_OVERHEAD_S } from '../../src/plan/expand.ts';
import { mulberry32, shuffleWith } from '../../src/stats/random.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import type { Sample } from '../../src/results/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';

const scenario = (extra: Record<string, unknown> = {}) => validateScenario({
  name: 'warm', topology: { kind: 'pair' }, matrix: { gro: ['off', 'on'] }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }], repetitions: 2, ...extra,
}, 'warm.ts', 'sha');

describe('warm-up rounds', () => {
  it('default no round (the topology is warmed up once when built); --quick has none; --warmup wins over both', () => {
    assert.equal(scenario().warmupRepetitions, 0);
    assert.equal(runSettings(scenario(), {}, 1).warmupRepetitions, 0);
    assert.equal(runSettings(scenario({ warmupRepetitions: 1 }), {}, 1).warmupRepetitions, 1);
    assert.equal(runSettings(scenario(), { quick: true }, 1).warmupRepetitions, 0);
    assert.equal(runSettings(scenario({ warmupRepetitions: 2 }), { quick: true, warmup: 3 }, 1).warmupRepetitions, 3);
  });

  it('warm-up rounds run first, every point once per round, and measured repetitions still count from 0', () => {
    const plan = expandPlan(scenario({ warmupRepetitions: 1 }), runSettings(scenario({ warmupRepetitions: 1 }), {}, 42));
    assert.deepEqual(plan.trials.map((t) => `${t.warmup ? 'w' : 'r'}${t.repetition}`), ['w0', 'w0', 'r0', 'r0', 'r1', 'r1']);
    assert.deepEqual(new Set(plan.trials.slice(0, 2).map((t) => t.pointId)), new Set(['p1', 'p2']));
    assert.equal(plan.estimatedSeconds, 6 * (10 + 1 + TRIAL_OVERHEAD_S) + TOPOLOGY_OVERHEAD_S, 'the estimate counts the warm-up trials');
  });

  it('every round, warm-up rounds included, is the next shuffle of one stream seeded with the run seed', () => {
    const plan = expandPlan(scenario({ warmupRepetitions: 1 }), runSettings(scenario({ warmupRepetitions: 1 }), {}, 42));
    const random = mulberry32(42);
    for (let round = 0; round < 3; round++) {
      assert.deepEqual(plan.trials.slice(2 * round, 2 * round + 2).map((t) => t.pointId), shuffleWith(plan.points, random).map((p) => p.id));
    }
  });

  it('warm-up samples are kept apart from the measured ones and never summarized', () => {
    const plan = expandPlan(scenario({ warmupRepetitions: 1 }), runSettings(scenario({ warmupRepetitions: 1 }), {}, 1));
    const samples: Sample[] = plan.trials.map((t) => ({
      pointId: t.pointId, trial: t.index, repetition: t.repetition, ...(t.warmup ? { warmup: true as const } : {}),
      status: 'ok', startedAt: '2026-11-27T00:00:00Z', durationMs: 1000, metrics: { throughputBps: t.warmup ? 1e9 : 20e9 + t.repetition },
    }));
    const [p1] = assemblePoints(plan.points, samples);
    assert.equal(p1!.samples.length, 2);
    assert.equal(p1!.warmup?.length, 1);
    assert.equal(p1!.summary.throughputBps?.min, 20e9, 'the slow warm-up sample is not in the summary');
    assert.equal(p1!.summary.throughputBps?.n, 2);
  });
});
