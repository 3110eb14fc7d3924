// The shipped tuning scenarios plan as `vethbench tune` needs them (no root: nothing is built), and the choice of
// workload and objective is refused with the fix when it is ambiguous or wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareTune, type TuneFlags } from '../../src/cli/tune-command.ts';

const flags = (extra: Partial<TuneFlags>): TuneFlags => ({ budget: 600, threshold: 5, maxRepetitions: 60, maxCandidates: 16, confirmRounds: 8, out: '/tmp', seed: 1, ...extra });

describe('tune: shipped scenarios and the objective', () => {
  it('tune-throughput: 12 candidates, the defaults among them, screening 60 trials fits 10 minutes', async () => {
    const { plan, setup } = await prepareTune('scenarios/tune-throughput.ts', flags({ objective: 'throughputBps' }));
    assert.equal(setup.space.candidates.length, 12);
    assert.deepEqual(setup.space.defaults.knobs, { qdisc: 'noqueue', gro: 'off', tso: 'on', rxChannels: 1 });
    assert.ok(setup.space.candidates.includes(setup.space.defaults));
    assert.equal(plan.trials.length, 60);
    assert.equal(setup.sequential.familySize, 11);
    assert.deepEqual(plan.settings.untilDecided, { thresholdPercent: 5, maxRepetitions: 60, budgetS: 600 });
  });

  it('tune-latency: 6 candidates on sockperf p99, lower is better', async () => {
    const { setup } = await prepareTune('scenarios/tune-latency.ts', flags({ objective: 'latencyP99Us' }));
    assert.equal(setup.space.candidates.length, 6);
    assert.equal(setup.direction, 'lower');
  });

  it('a scenario with several workloads needs --workload; a wrong one is named with the choices', async () => {
    await assert.rejects(prepareTune('scenarios/gro.ts', flags({ objective: 'throughputBps' })), /scenarios\/gro\.ts: has 2 workloads \(tcp, .*\); name the one to tune with --workload tcp/);
    const { setup } = await prepareTune('scenarios/gro.ts', flags({ objective: 'throughputBps', workload: 'tcp' }));
    assert.ok(setup.space.candidates.every((p) => p.workload.label === 'tcp'));
  });
});
