// Host facts that move results: parsers over captured /proc and /sys text, and compare listing a difference.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { factDifferences } from '../../src/compare/facts.ts';
import { collectTuningFacts, parseBracketed, parseCgroupPaths, parseCpuStat, parseMitigations, v1CpuMax } from '../../src/metadata/host-facts.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/host-facts/${name}`, import.meta.url), 'utf8');

describe('tuning facts', () => {
  it('mitigations from the kernel command line; none given is the kernel default', () => {
    assert.equal(parseMitigations(fixture('cmdline.txt')), 'auto,no_guest_host,no_guest_guest');
    assert.equal(parseMitigations('console=ttyS0 quiet'), 'default');
    assert.equal(parseMitigations('BOOT_IMAGE=/vmlinuz mitigations=off'), 'off');
  });

  it('transparent huge pages: the bracketed mode', () => {
    assert.equal(parseBracketed(fixture('thp-enabled.txt')), 'madvise');
    assert.equal(parseBracketed('[always] madvise never'), 'always');
  });

  it('the cgroup: v1 cpu controller path, a v2 path, throttling counters of both versions', () => {
    assert.deepEqual(parseCgroupPaths(fixture('proc-self-cgroup-v1.txt')), { v2: '/', v1Cpu: '/' });
    assert.deepEqual(parseCgroupPaths('0::/system.slice/ci.service\n'), { v2: '/system.slice/ci.service' });
    assert.deepEqual(parseCpuStat(fixture('cpu-stat-v1.txt')), { nrThrottled: 0, throttledUsec: 0 });
    assert.deepEqual(parseCpuStat('usage_usec 100\nnr_periods 10\nnr_throttled 4\nthrottled_usec 2500\n'), { nrThrottled: 4, throttledUsec: 2500 });
    assert.equal(v1CpuMax('-1\n', '100000\n'), 'max 100000');
    assert.equal(v1CpuMax('150000', '100000'), '150000 100000');
  });

  it('this host: whatever it exposes is well formed', async () => {
    const facts = await collectTuningFacts();
    if (facts.transparentHugePages) assert.match(facts.transparentHugePages, /^(always|madvise|never)$/);
    if (facts.cgroupCpu) assert.match(facts.cgroupCpu.cpuMax, /^(max|\d+) \d+$/);
    if (facts.turbo) assert.match(facts.turbo, /^(on|off)$/);
  });

  it('compare lists a governor, turbo, mitigations, THP or cpu.max that differ', () => {
    const a = loadFixture('base').results;
    const b = loadFixture('again').results;
    a.host = { ...a.host!, cpuGovernor: 'performance', turbo: 'on', mitigations: 'default', transparentHugePages: 'madvise', cgroupCpu: { cpuMax: 'max 100000' } };
    b.host = { ...b.host!, cpuGovernor: 'powersave', turbo: 'off', mitigations: 'off', transparentHugePages: 'always', cgroupCpu: { cpuMax: '100000 100000', nrThrottled: 3 } };
    const names = factDifferences(a, b).map((d) => d.fact);
    for (const f of ['CPU frequency governor', 'turbo', 'mitigations (kernel command line)', 'transparent huge pages', 'cgroup cpu.max']) assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
  });
});
