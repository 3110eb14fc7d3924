// Root: one real trial per topology — build, apply offloads, read back, carry 1 s of TCP, tear down.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { Host } from '../../src/host/host.ts';
import type { Point } from '../../src/plan/expand.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { closeSession, openSession } from '../../src/run/session.ts';
import { runTrial } from '../../src/run/trial.ts';
import type { TopologySpec } from '../../src/scenario/types.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const point: Point = {
  id: 'p1', key: 'veth|gro=on,tso=on|tcp', link: 'veth', label: 'tcp gro=on tso=on',
  knobs: { gro: 'on', tso: 'on' },
  workload: { label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false },
};

for (const [kind, prefix] of [['pair', 'vbe001'], ['router', 'vbe002']] as const) {
  test(`${kind}: 1 s of TCP over real veth exceeds 1 Gbit/s and leaves nothing behind`, { skip: needsRoot }, async () => {
    const spec: TopologySpec = { kind };
    const topology = resolveTopology(spec, prefix);
    const port = portForPrefix(prefix);
    const host = new ExecaHost();
    const session = await openSession(host, topology, port);
    const sample = await runTrial(
      { host, session, knobShell: knobShell(), timing: { durationS: 1, omitS: 0 }, sides: {}, runDir: tempDir(kind), signal: new AbortController().signal },
      point, { index: 0, pointId: 'p1', repetition: 0 },
    );
    assert.deepEqual(await closeSession(host, session), []);
    assert.ok(sample, 'the trial returned a sample');
    assert.equal(sample.status, 'ok', sample.reason);
    assert.ok(sample.metrics?.throughputBps! > 1e9, `throughput ${sample.metrics?.throughputBps} bit/s`);
    // Read back from every veth end: what ethtool -k says after ethtool -K.
    const ends = topology.links.flatMap((l) => [l.a.iface, l.b.iface]);
    assert.deepEqual(Object.keys(sample.effective ?? {}).sort(), ends.sort());
    for (const end of ends) assert.deepEqual(sample.effective![end], { gro: 'on', tso: 'on' });
    assert.deepEqual(namespacesWithPrefix(prefix), []);
    assert.deepEqual(iperf3ProcessesOnPort(port), []);
  });
}

test('a client that cannot connect gives a failed sample with iperf3\'s reason, never 0 bit/s', { skip: needsRoot }, async () => {
  const real = new ExecaHost();
  const prefix = 'vbe003';
  const port = portForPrefix(prefix);
  // Fault injection: the client is sent to a port nobody listens on.
  const host: Host = {
    exec: (argv, options) => real.exec(argv[0] === 'iperf3' && argv[1] === '-c' ? argv.map((a) => (a === String(port) ? String(port + 1) : a)) : argv, options),
    spawn: (argv, options) => real.spawn(argv, options),
  };
  const runDir = tempDir('refused');
  const session = await openSession(host, resolveTopology({ kind: 'pair' }, prefix), port);
  const sample = await runTrial(
    { host, session, knobShell: knobShell(), timing: { durationS: 1, omitS: 0 }, sides: {}, runDir, signal: new AbortController().signal },
    point, { index: 0, pointId: 'p1', repetition: 0 },
  );
  await closeSession(host, session);
  assert.equal(sample?.status, 'failed');
  assert.match(sample?.reason ?? '', /iperf3: .*connect.*refused/i);
  assert.equal(sample?.metrics, undefined);
  assert.ok(sample?.rawOutput && existsSync(join(runDir, sample.rawOutput)), 'the raw output is kept for the failed sample');
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.deepEqual(iperf3ProcessesOnPort(port), []);
});
