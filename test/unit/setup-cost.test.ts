// Setup cost: the same ip operations batched or one process each; the metrics from tinybench's statistics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Statistics } from 'tinybench';
import { setupCycleCommands } from '../../src/net/setup-cost.ts';
import type { HostCommand } from '../../src/net/command.ts';
import { setupCostMetrics, setupCostNamespaces } from '../../src/workloads/setup-cost.ts';

/** Every operation as "netns: ip words", whichever way it is sent. */
function operations(commands: HostCommand[]): string[] {
  return commands.flatMap((c) => {
    const netns = c.argv[2]!;
    return c.stdin === undefined ? [`${netns}: ${c.argv.slice(3).join(' ')}`] : c.stdin.trim().split('\n').map((l) => `${netns}: ${l}`);
  });
}

describe('setupCycleCommands', () => {
  const [a, b] = setupCostNamespaces('vb5a02');

  it('one-at-a-time: create, move, address and raise both ends, one ip process each; delete one per pair', () => {
    const cycle = setupCycleCommands('one-at-a-time', 'vb5a02', a, b, 1);
    assert.deepEqual(cycle.up.map((c) => c.argv), [
      ['ip', '-n', 'vb5a02-sca', 'link', 'add', 'name', 'vb5a02sa0', 'type', 'veth', 'peer', 'name', 'vb5a02sb0'],
      ['ip', '-n', 'vb5a02-sca', 'link', 'set', 'vb5a02sb0', 'netns', 'vb5a02-scb'],
      ['ip', '-n', 'vb5a02-sca', 'addr', 'add', '198.18.0.1/24', 'dev', 'vb5a02sa0'],
      ['ip', '-n', 'vb5a02-sca', 'link', 'set', 'vb5a02sa0', 'up'],
      ['ip', '-n', 'vb5a02-scb', 'addr', 'add', '198.18.0.2/24', 'dev', 'vb5a02sb0'],
      ['ip', '-n', 'vb5a02-scb', 'link', 'set', 'vb5a02sb0', 'up'],
    ]);
    assert.deepEqual(cycle.down.map((c) => c.argv), [['ip', '-n', 'vb5a02-sca', 'link', 'del', 'vb5a02sa0']]);
  });

  it('batched: the same operations through three ip -batch processes, whatever the pair count', () => {
    for (const pairs of [1, 8]) {
      const single = setupCycleCommands('one-at-a-time', 'vb5a02', a, b, pairs);
      const batched = setupCycleCommands('batched', 'vb5a02', a, b, pairs);
      assert.equal(batched.up.length + batched.down.length, 3);
      assert.equal(single.up.length + single.down.length, 7 * pairs);
      assert.deepEqual(operations(batched.up).sort(), operations(single.up).sort());
      assert.deepEqual(operations(batched.down), operations(single.down));
    }
  });

  it('works inside the two trial namespaces only', () => {
    const cycle = setupCycleCommands('batched', 'vb5a02', a, b, 4);
    for (const c of [...cycle.up, ...cycle.down]) assert.ok(c.argv[1] === '-n' && [a, b].includes(c.argv[2]!), c.argv.join(' '));
  });
});

describe('setupCostMetrics', () => {
  const stats = (mean: number, p50: number, p99: number, max: number, samplesCount: number) => ({ mean, p50, p99, max, samplesCount } as Statistics);

  it('keeps create and delete apart and adds them up into a cycle, per pair too', () => {
    assert.deepEqual(setupCostMetrics(stats(12, 11, 20, 25, 40), stats(30, 28, 45, 50, 38), 4), {
      createMeanMs: 12, createP50Ms: 11, createP99Ms: 20, createMaxMs: 25, createSamples: 40,
      deleteMeanMs: 30, deleteP50Ms: 28, deleteP99Ms: 45, deleteMaxMs: 50, deleteSamples: 38,
      cycleMeanMs: 42, cyclePerPairMs: 10.5,
    });
  });
});
