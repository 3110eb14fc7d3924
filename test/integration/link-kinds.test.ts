// Root: every link kind built for real, 1 s of TCP over it, the path it claims checked on the parent's counters,
// and nothing left behind. Kinds this kernel or iproute2 lacks are reported skipped with the probe's reason.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { probeLinkKinds, type KindSupport } from '../../src/host/capabilities.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { Point } from '../../src/plan/expand.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { closeSession, openSession } from '../../src/run/session.ts';
import { runTrial } from '../../src/run/trial.ts';
import { ALL_LINKS, linkName, unsupportedReason } from '../../src/topology/link-kinds.ts';
import { resolveTopology, type Device } from '../../src/topology/resolve.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();
/** What this host can build, probed once in a scratch namespace (vb4e00-cap, deleted again). */
const capabilities: KindSupport[] = needsRoot ? [] : await probeLinkKinds(host, 'vb4e00-cap');

const tcp = (link: string): Point => ({
  id: 'p1', key: `${link}|tso=on|tcp`, link, label: `${link} tcp tso=on`, knobs: { tso: 'on' },
  workload: { label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false },
});

function txBytes(device: Device): number {
  const text = execFileSync('ip', ['-n', device.netns, '-s', '-j', 'link', 'show', 'dev', device.iface], { encoding: 'utf8' });
  return (JSON.parse(text) as { stats64: { tx: { bytes: number } } }[])[0]!.stats64.tx.bytes;
}

/** Interfaces in the root namespace that carry the prefix: must never exist. */
function rootInterfacesWith(prefix: string): string[] {
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(prefix));
}

// Under emulation (the VM lane's TCG guest, docs/vm-lane.md) throughput means nothing: only that traffic flowed.
const minThroughputBps = process.env.VETHBENCH_GUEST === '1' ? 1e6 : 0.2e9;

ALL_LINKS.forEach((link, i) => {
  const name = linkName(link);
  const prefix = `vb4e${(i + 1).toString(16).padStart(2, '0')}`;
  const skip = needsRoot || unsupportedReason(link, capabilities) || false;
  test(`${name}: built for real, 1 s of TCP with offloads read back, the labelled path holds, nothing left`, { skip }, async () => {
    const topology = resolveTopology({ kind: 'pair' }, prefix, link);
    const port = portForPrefix(prefix);
    const session = await openSession(host, topology, port);
    let sample;
    let parentTx = 0;
    try {
      const before = topology.lowers[0] ? txBytes(topology.lowers[0]) : 0;
      sample = await runTrial(
        { host, session, knobShell: knobShell(), timing: { durationS: 1, omitS: 0 }, sides: {}, runDir: tempDir(`link-${i}`), signal: new AbortController().signal },
        tcp(name), { index: 0, pointId: 'p1', repetition: 0 },
      );
      parentTx = topology.lowers[0] ? txBytes(topology.lowers[0]) - before : 0;
    } finally {
      assert.deepEqual(await closeSession(host, session), []);
    }
    assert.equal(sample?.status, 'ok', sample?.reason);
    const bytes = sample.metrics?.bytesReceived ?? 0;
    assert.ok(sample.metrics!.throughputBps! > minThroughputBps, `throughput ${sample.metrics?.throughputBps} bit/s`);
    // Offloads go to the measured devices only (lo once on loopback), never to a parent.
    assert.deepEqual(Object.keys(sample.effective ?? {}).sort(), [...new Set([topology.client.iface, topology.server.iface])].sort());
    for (const values of Object.values(sample.effective!)) assert.deepEqual(values, { tso: 'on' });
    if (link.kind === 'macvlan' && link.mode === 'vepa') assert.ok(parentTx >= bytes, `vepa: the parent veth sent ${parentTx} bytes for ${bytes} delivered`);
    if (topology.lowers.length && !(link.kind === 'macvlan' && link.mode === 'vepa')) {
      assert.ok(parentTx < bytes / 100, `${name}: ${parentTx} bytes crossed the parent for ${bytes} delivered; the path says none do`);
    }
    assert.deepEqual(namespacesWithPrefix(prefix), []);
    assert.deepEqual(rootInterfacesWith(prefix), []);
    assert.deepEqual(iperf3ProcessesOnPort(port), []);
  });
});

test('vethbench run over every kind: measured where the host has it, skipped with the probe\'s reason where not', { skip: needsRoot }, async () => {
  const out = tempDir('links-out');
  const state = tempDir('links-state');
  const r = await startCli(['run', 'test/fixtures/scenarios/integration-links.ts', '--out', out, '--json'], state);
  assert.equal(r.exitCode, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { runs: { linkComparison: { link: string; status: string; reason?: string; vsVeth?: number }[] }[] };
  const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
  for (const row of summary.runs[0]!.linkComparison) {
    const spec = ALL_LINKS.find((l) => linkName(l) === row.link)!;
    const reason = unsupportedReason(spec, results.capabilities);
    if (reason) assert.deepEqual([row.status, row.reason], ['skipped', reason], row.link);
    else assert.ok(row.status === 'measured' && row.vsVeth! > 0, `${row.link}: ${JSON.stringify(row)}`);
  }
  assert.deepEqual(summary.runs[0]!.linkComparison.map((row) => row.link), ['veth', 'macvlan:bridge', 'macvlan:vepa', 'ipvlan:l2', 'netkit:l3', 'loopback']);
  assert.ok(['veth', 'macvlan:bridge', 'loopback'].every((l) => summary.runs[0]!.linkComparison.find((row) => row.link === l)?.status === 'measured'));
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
  assert.deepEqual(rootInterfacesWith(results.run.prefix), []);
  assert.deepEqual(readdirSync(state), [], 'the live-state file is removed after a clean run');
});
