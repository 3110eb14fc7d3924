// Density: Jain's index, the N-pair address plan and its batched build, per-trial metrics, the capacity answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPlan } from '../../src/plan/expand.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import { capacityAnswers, densityMetrics, rateBps } from '../../src/results/density.ts';
import { jainIndex } from '../../src/stats/fairness.ts';
import { densityNamespaces, resolveDensityPairs } from '../../src/topology/density.ts';
import { densityBuildCommands } from '../../src/net/density-build.ts';
import { MAX_IFNAME } from '../../src/topology/resolve.ts';
import { sample, scenario, settings } from '../helpers/builders.ts';

describe('jainIndex', () => {
  it('is 1 for equal shares and 1/n when one takes everything', () => {
    assert.equal(jainIndex([5, 5, 5, 5]), 1);
    assert.equal(jainIndex([8, 0, 0, 0]), 0.25);
    assert.equal(jainIndex([3]), 1);
  });

  it('gives (Σx)² / (n·Σx²) in between', () => {
    assert.equal(jainIndex([1, 2, 3]), 36 / 42);
    assert.equal(jainIndex([10e9, 5e9]), (15e9 ** 2) / (2 * (100e18 + 25e18)));
  });

  it('is undefined for no pairs or nobody getting anything', () => {
    assert.equal(jainIndex([]), undefined);
    assert.equal(jainIndex([0, 0]), undefined);
  });
});

describe('resolveDensityPairs and densityBuildCommands', () => {
  const pairs = resolveDensityPairs('vb5a01', 3);

  it('gives every pair its own two namespaces, interfaces within 15 characters and its own /24', () => {
    assert.deepEqual(pairs.map((p) => [p.client.netns, p.client.iface, p.client.address, p.server.netns, p.server.iface, p.server.address]), [
      ['vb5a01-dc0', 'vb5a01dc0', '198.18.0.1', 'vb5a01-ds0', 'vb5a01ds0', '198.18.0.2'],
      ['vb5a01-dc1', 'vb5a01dc1', '198.18.1.1', 'vb5a01-ds1', 'vb5a01ds1', '198.18.1.2'],
      ['vb5a01-dc2', 'vb5a01dc2', '198.18.2.1', 'vb5a01-ds2', 'vb5a01ds2', '198.18.2.2'],
    ]);
    const biggest = resolveDensityPairs('vb5a01', 256);
    assert.ok(biggest.every((p) => p.client.iface.length <= MAX_IFNAME && p.server.iface.length <= MAX_IFNAME));
    assert.equal(biggest.at(-1)!.server.address, '198.18.255.2');
    assert.equal(new Set(densityNamespaces(biggest)).size, 512);
  });

  it('refuses a count outside 1..256 and a bad prefix', () => {
    assert.throws(() => resolveDensityPairs('vb5a01', 0), /1\.\.256/);
    assert.throws(() => resolveDensityPairs('vb5a01', 257), /1\.\.256/);
    assert.throws(() => resolveDensityPairs('x', 1), /invalid run prefix/);
  });

  it('builds N pairs with 2 + 2N ip processes: all namespaces, all links, then one batch per namespace', () => {
    const build = densityBuildCommands(pairs);
    assert.deepEqual(build.namespaces, { argv: ['ip', '-batch', '-'], stdin: densityNamespaces(pairs).map((n) => `netns add ${n}\n`).join('') });
    assert.deepEqual(build.links.argv, ['ip', '-n', 'vb5a01-dc0', '-batch', '-']);
    assert.equal(build.links.stdin, [0, 1, 2].map((i) => `link add name vb5a01dc${i} netns vb5a01-dc${i} type veth peer name vb5a01ds${i} netns vb5a01-ds${i}\n`).join(''));
    assert.equal(build.perNamespace.length, 6);
    assert.deepEqual(build.perNamespace[3], { argv: ['ip', '-n', 'vb5a01-ds1', '-batch', '-'], stdin: 'link set lo up\naddr add 198.18.1.2/24 dev vb5a01ds1\nlink set vb5a01ds1 up\n' });
  });

  it('never runs a link or address command in the root namespace', () => {
    const build = densityBuildCommands(resolveDensityPairs('vb5a01', 8));
    for (const c of [build.links, ...build.perNamespace]) assert.equal(c.argv[1], '-n');
  });
});

describe('densityMetrics', () => {
  it('aggregate, per-pair spread and fairness', () => {
    assert.deepEqual(densityMetrics([4e9, 2e9, 6e9], undefined), {
      pairs: 3, aggregateThroughputBps: 12e9, pairThroughputMeanBps: 4e9, pairThroughputMinBps: 2e9, pairThroughputMaxBps: 6e9,
      fairnessIndex: 144e18 / (3 * 56e18),
    });
  });

  it('with a target: a pair at 95% of it meets it, one just below does not', () => {
    const m = densityMetrics([1e9, 0.95e9, 0.949e9], 1e9);
    assert.deepEqual([m.targetBps, m.pairsMeetingTarget, m.targetMet], [1e9, 2, 0]);
    assert.equal(densityMetrics([0.97e9, 1.01e9], 1e9).targetMet, 1);
  });

  it('reads iperf3 rates as decimal, and "0" as no target', () => {
    assert.deepEqual(['1G', '2.5G', '500M', '64k', '1000', '0', 'fast'].map(rateBps), [1e9, 2.5e9, 500e6, 64e3, 1000, undefined, undefined]);
  });
});

describe('capacityAnswers', () => {
  const plan = expandPlan(scenario({ workloads: [{ tool: 'density', pairs: [1, 2, 4, 8], bitrate: '1G' }, { tool: 'density', pairs: [2] }] }), settings({ repetitions: 1 }));
  const met = (pointId: string, trial: number, targetMet: number) => sample({ pointId, trial, metrics: { targetMet } });

  it('is the largest N before the first N that missed the target', () => {
    // p1..p4 = n1, n2, n4, n8 with the 1G target; n8 is met again after n4 missed: noise, not capacity.
    const points = assemblePoints(plan.points, [met('p1', 0, 1), met('p2', 1, 1), met('p3', 2, 0), met('p4', 3, 1)]);
    assert.deepEqual(capacityAnswers(points), [{
      workload: 'density-tcp-1G', targetBps: 1e9, largestPairs: 2,
      tried: [{ pairs: 1, met: true }, { pairs: 2, met: true }, { pairs: 4, met: false }, { pairs: 8, met: true }],
    }]);
  });

  it('needs every ok sample of a point to meet it; a point without an ok sample did not', () => {
    const points = assemblePoints(plan.points, [
      met('p1', 0, 1), met('p1', 4, 0), met('p2', 1, 1), sample({ pointId: 'p3', trial: 2, status: 'failed' }),
    ]);
    assert.equal(capacityAnswers(points)[0]!.largestPairs, undefined);
  });

  it('ignores density workloads without a target', () => {
    assert.deepEqual(capacityAnswers(assemblePoints(plan.points, [])).map((a) => a.workload), ['density-tcp-1G']);
  });
});
