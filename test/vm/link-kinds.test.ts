// Guest only (scripts/vm-test.sh): the kinds this host's kernel lacks, for real. doctor reports ipvlan and netkit
// supported, and `vethbench run scenarios/link-kinds.ts --quick` measures ipvlan l2/l3/l3s and netkit l2/l3 with
// ok samples and the path each is labelled with. Under TCG the numbers mean nothing: only function is checked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, tempDir } from '../helpers/host-state.ts';
import { guestOnly, scaled } from './guest.ts';

const GUEST_KINDS = ['ipvlan:l2', 'ipvlan:l3', 'ipvlan:l3s', 'netkit:l2', 'netkit:l3'];

test('doctor in the guest: ipvlan and netkit are supported', { skip: guestOnly, timeout: scaled(60_000) }, async () => {
  const r = await startCli(['doctor'], tempDir('vm-doctor-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  for (const kind of ['ipvlan', 'netkit']) assert.match(r.stdout, new RegExp(`^\\s*${kind}\\s+yes\\s*$`, 'm'), r.stdout);
  assert.match(r.stdout, /scenario links measurable here: .*ipvlan:l3s.*netkit:l3/, r.stdout);
});

// veth, macvlan and loopback were measured on the host already; veth stays as the comparison's reference.
test('run scenarios/link-kinds.ts --quick: ipvlan l2/l3/l3s and netkit l2/l3 measured, ok samples, paths as labelled', { skip: guestOnly, timeout: scaled(600_000) }, async () => {
  const out = tempDir('vm-links-out');
  const state = tempDir('vm-links-state');
  const r = await startCli(['run', 'scenarios/link-kinds.ts', '--quick', '--filter', `link=veth,${GUEST_KINDS.join(',')}`, '--out', out, '--json'], state);
  assert.equal(r.exitCode, 0, `${r.stderr}\n${r.stdout.slice(-2000)}`);
  const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
  for (const link of GUEST_KINDS) {
    const points = results.points.filter((p) => p.link === link);
    assert.equal(points.length, 3, `${link}: one point per workload`);
    for (const point of points) {
      const measured = point.samples;
      assert.ok(measured.length > 0 && measured.every((s) => s.status === 'ok'), `${point.label}: ${JSON.stringify(measured.map((s) => [s.status, s.reason]))}`);
      for (const s of measured) assert.ok((s.metrics?.throughputBps ?? 0) > 0, `${point.label}: throughput ${s.metrics?.throughputBps}`);
    }
  }
  for (const link of GUEST_KINDS) {
    const [kind, mode] = link.split(':');
    const path = results.scenario.topology.links?.find((l) => l.link === link)?.path ?? '';
    assert.ok(path.includes(`${kind} pair (${mode} mode`) || path.includes(`${kind} (${mode} mode`), `${link}: path "${path}"`);
  }
  const summary = JSON.parse(r.stdout) as { runs: { linkComparison: { link: string; status: string; reason?: string }[] }[] };
  for (const link of GUEST_KINDS) {
    const row = summary.runs[0]!.linkComparison.find((l) => l.link === link);
    assert.equal(row?.status, 'measured', `${link}: ${JSON.stringify(row)}`);
  }
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
});
