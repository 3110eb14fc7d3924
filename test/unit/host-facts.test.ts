// Unit-ish: runs against this machine through the real Host, but needs no root and changes nothing.
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { collectHostFacts, normalizeSysctlValue, readSysctls, sysctlPath } from '../../src/metadata/host-facts.ts';

describe('collectHostFacts (this machine)', () => {
  it('records kernel, CPU, memory, sysctls and the given tool versions', async (t) => {
    const started = Date.now();
    const facts = await collectHostFacts(new ExecaHost(), { iperf3: '3.12' });
    const ms = Date.now() - started;
    t.diagnostic(`collectHostFacts took ${ms} ms: ${JSON.stringify(facts)}`);

    assert.equal(facts.kernel, os.release());
    assert.equal(facts.hostname, os.hostname());
    assert.ok(facts.cpu.cores >= 1);
    assert.ok(facts.cpu.physicalCores >= 1);
    assert.ok(facts.memoryBytes > 0);
    assert.ok(facts.os.arch !== '');
    assert.deepEqual(facts.toolVersions, { iperf3: '3.12' });
    assert.match(facts.sysctls['net.core.rmem_max'] ?? '', /^\d+$/);
    if (facts.cpu.speedGHz !== undefined) assert.ok(facts.cpu.speedGHz > 0);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});

describe('sysctl reading', () => {
  it('maps names to /proc/sys paths', () => assert.equal(sysctlPath('net.ipv4.tcp_rmem'), '/proc/sys/net/ipv4/tcp_rmem'));
  it('turns tabs and the newline into single spaces', () => assert.equal(normalizeSysctlValue('4096\t131072\t6291456\n'), '4096 131072 6291456'));
  it('leaves missing sysctls out and keeps the asked order', async () => {
    const got = await readSysctls(['net.core.wmem_max', 'net.vethbench.no_such_knob', 'net.core.rmem_max']);
    assert.deepEqual(Object.keys(got), ['net.core.wmem_max', 'net.core.rmem_max']);
  });
});
