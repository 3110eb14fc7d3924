// The sysfs topology parser and what "same-core" / "cross-core" mean on a host, on captured and labelled dumps
// (test/fixtures/cpu-topology/README.md says where each came from).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCpuList, parseCpuTopology } from '../../src/metadata/cpu-topology-parse.ts';
import { readCpuTopology } from '../../src/metadata/cpu-topology.ts';
import { otherCoreOf, placementLines, placementOf, relationOf } from '../../src/plan/cpu-placement.ts';

const dump = (name: string) => parseCpuTopology(readFileSync(new URL(`../fixtures/cpu-topology/${name}.txt`, import.meta.url), 'utf8'));

describe('parseCpuList', () => {
  it('reads the kernel cpulist format and refuses anything else', () => {
    assert.deepEqual(parseCpuList('0-3,8,10-11\n'), [0, 1, 2, 3, 8, 10, 11]);
    assert.deepEqual(parseCpuList('5'), [5]);
    assert.equal(parseCpuList('3-1'), undefined);
    assert.equal(parseCpuList('0,x'), undefined);
  });
});

describe('parseCpuTopology', () => {
  it('the captured 2-vCPU guest: two cores of one package, one node, no SMT', () => {
    assert.deepEqual(dump('vm-2vcpu'), { cpus: [
      { cpu: 0, core: 0, package: 0, node: 0, threadSiblings: [0] },
      { cpu: 1, core: 1, package: 0, node: 0, threadSiblings: [1] },
    ] });
  });

  it('orders CPUs numerically, reads ranges, tolerates full paths and leaves out CPUs with missing files', () => {
    const t = parseCpuTopology([
      '/sys/devices/system/cpu/cpu10/topology/core_id:2', '/sys/devices/system/cpu/cpu10/topology/physical_package_id:0', '/sys/devices/system/cpu/cpu10/topology/thread_siblings_list:2,10',
      'cpu2/topology/core_id:2', 'cpu2/topology/physical_package_id:0', 'cpu2/topology/thread_siblings_list:2,10', 'cpu2/node0',
      'cpu3/topology/core_id:3', // offline: no package, no siblings
    ].join('\n'));
    assert.deepEqual(t.cpus.map((c) => c.cpu), [2, 10]);
    assert.deepEqual(t.cpus[1], { cpu: 10, core: 2, package: 0, threadSiblings: [2, 10] }, 'no node link: no node');
  });

  it('the live tree parses to the same shape (every CPU of this host, each its own sibling at least)', (t) => {
    const live = readCpuTopology();
    if (live.cpus.length === 0) return void t.skip('no /sys/devices/system/cpu topology on this host');
    for (const c of live.cpus) assert.ok(c.threadSiblings.includes(c.cpu), `cpu${c.cpu} lists itself among its siblings`);
  });
});

describe('what the affinity names mean on a host', () => {
  it('2-vCPU guest: same-core is one logical CPU, cross-core two cores of one package; nothing more to suggest', () => {
    const lines = placementLines(dump('vm-2vcpu'));
    assert.deepEqual(lines, [
      'CPU topology: 2 logical CPU(s), 2 core(s), 1 package(s), 1 NUMA node(s), no SMT',
      '  affinity same-core = iperf3 -A 0,0 = CPU 0: one logical CPU: client and server take turns on it',
      '  affinity cross-core = iperf3 -A 0,1 = CPUs 0 and 1: two cores of one package',
    ]);
  });

  it('6-core SMT desktop (siblings N and N+6): 0,1 is another core; the sibling pair is named', () => {
    const t = dump('thinkcentre-6c12t');
    assert.equal(placementOf(t, '0,1'), 'CPUs 0 and 1: two cores of one package');
    assert.equal(placementOf(t, '0,6'), 'CPUs 0 and 6: SMT siblings: two threads of one core, not two cores');
    assert.ok(placementLines(t).includes('  CPU 0\'s SMT sibling: affinity "0,6"'));
  });

  it('crafted 2-socket SMT host with adjacent siblings: cross-core is NOT another core; the real pairs are suggested', () => {
    const t = dump('crafted-2socket-smt');
    const lines = placementLines(t);
    assert.equal(lines[2], '  affinity cross-core = iperf3 -A 0,1 = CPUs 0 and 1: SMT siblings: two threads of one core, not two cores');
    assert.ok(lines.includes('  two cores of one package: affinity "0,2"'), lines.join('\n'));
    assert.ok(lines.includes('  two NUMA nodes: affinity "0,4"'), lines.join('\n'));
    assert.equal(otherCoreOf(t, 4), 6);
    assert.equal(placementOf(t, '0,99'), 'CPU 99 does not exist here');
  });

  it('relationOf: a package boundary without a node boundary is named as such', () => {
    const a = { cpu: 0, core: 0, package: 0, node: 0, threadSiblings: [0] };
    assert.equal(relationOf(a, { cpu: 1, core: 0, package: 1, node: 0, threadSiblings: [1] }), 'another package, same NUMA node');
    assert.equal(relationOf(a, { cpu: 1, core: 0, package: 1, threadSiblings: [1] }), 'another package, same NUMA node', 'unknown node: the package decides');
    assert.equal(relationOf(a, { cpu: 2, core: 0, package: 0, node: 0, threadSiblings: [0, 2] }), 'SMT siblings (one core)');
  });
});
