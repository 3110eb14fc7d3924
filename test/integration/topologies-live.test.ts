// Root: the bridge and chain topologies carry traffic end to end through `vethbench run`; live mode brings a
// topology up, diagnose finds faults made on purpose (with the command that fixes them), down leaves nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

for (const kind of ['bridge', 'chain', 'hostcontainer'] as const) {
  test(`run --quick: the ${kind} topology carries 1 s of TCP end to end`, { skip: needsRoot }, async () => {
    const out = tempDir(`${kind}-out`);
    const r = await startCli(['run', `test/fixtures/scenarios/integration-${kind}.ts`, '--quick', '--out', out, '--json'], tempDir(`${kind}-state`));
    assert.equal(r.exitCode, 0, r.stderr);
    const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
    assert.equal(results.scenario.topology.kind.toLowerCase(), kind);
    const point = results.points[0]!;
    assert.equal(point.samples[0]?.status, 'ok', JSON.stringify(point.samples[0]));
    assert.ok(point.summary.throughputBps!.median > 5e8, `${point.summary.throughputBps?.median} bit/s`);
    assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
  });
}

function ip(...args: string[]): void {
  execFileSync('ip', args);
}

test('up → diagnose healthy → faults named with their fix → down leaves nothing (chain and bridge)', { skip: needsRoot }, async () => {
  const before = rootNamespaceSnapshot();
  const state = tempDir('live-state');
  const cli = (...args: string[]) => startCli(args, state);

  const up = await cli('up', 'test/fixtures/scenarios/integration-chain.ts', '--name', 'lab');
  assert.equal(up.exitCode, 0, up.stderr);
  const prefix = /prefix (vb[0-9a-f]{4})/.exec(up.stdout)![1]!;
  assert.match(up.stdout, new RegExp(`enter: ip netns exec ${prefix}-rtr1 bash`));
  assert.match(up.stdout, /198\.18\.3\.2\/24/);
  const br = await cli('up', 'test/fixtures/scenarios/integration-bridge.ts', '--name', 'sw');
  assert.equal(br.exitCode, 0, br.stderr);
  const bprefix = /prefix (vb[0-9a-f]{4})/.exec(br.stdout)![1]!;
  try {
    assert.equal((await cli('up', 'test/fixtures/scenarios/integration-chain.ts', '--name', 'lab')).exitCode, 2, 'a second "lab" is refused');
    const ls = await cli('ls', '--json');
    const listed = JSON.parse(ls.stdout) as { schemaVersion: number; topologies: { name: string }[] };
    assert.equal(listed.schemaVersion, 1);
    assert.deepEqual(listed.topologies.map((s) => s.name).sort(), ['lab', 'sw']);
    const dry = await cli('cleanup', '--dry-run');
    assert.match(dry.stdout, /left alone: live topology lab/);
    assert.doesNotMatch(dry.stdout, /would remove/);

    let d = await cli('diagnose', 'lab');
    assert.equal(d.exitCode, 0, d.stdout + d.stderr);
    assert.match(d.stdout, /lab: healthy \(5 namespaces, 4 links, 5 ping pairs/);
    d = await cli('diagnose');
    assert.equal(d.exitCode, 2, 'two live topologies: a name is needed');

    // A route deleted in the middle router.
    ip('-n', `${prefix}-rtr1`, 'route', 'del', '198.18.0.0/24');
    d = await cli('diagnose', 'lab');
    assert.equal(d.exitCode, 1);
    assert.match(d.stdout, new RegExp(`PROBLEM \\[route\\] ${prefix}-rtr1: no route to 198\\.18\\.0\\.0/24 \\(want via 198\\.18\\.1\\.1\\)\\n    fix: ip -n ${prefix}-rtr1 route add 198\\.18\\.0\\.0/24 via 198\\.18\\.1\\.1`));
    ip('-n', `${prefix}-rtr1`, 'route', 'add', '198.18.0.0/24', 'via', '198.18.1.1');
    // Forwarding off in the first router.
    execFileSync('ip', ['netns', 'exec', `${prefix}-rtr0`, 'sysctl', '-qw', 'net.ipv4.ip_forward=0']);
    d = await cli('diagnose', 'lab');
    assert.equal(d.exitCode, 1);
    assert.match(d.stdout, new RegExp(`fix: ip netns exec ${prefix}-rtr0 sysctl -w net.ipv4.ip_forward=1`));
    execFileSync('ip', ['netns', 'exec', `${prefix}-rtr0`, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    assert.equal((await cli('diagnose', 'lab')).exitCode, 0, 'healthy again after the fixes');

    // A bridge port set down: the container's end loses its carrier; the fix names the port.
    assert.equal((await cli('diagnose', 'sw')).exitCode, 0);
    ip('-n', `${bprefix}-br`, 'link', 'set', `${bprefix}brp2`, 'down');
    d = await cli('diagnose', bprefix);
    assert.equal(d.exitCode, 1);
    assert.match(d.stdout, new RegExp(`PROBLEM \\[link\\] ${bprefix}-br: ${bprefix}brp2 is administratively DOWN\\n    fix: ip -n ${bprefix}-br link set ${bprefix}brp2 up`));
    assert.match(d.stdout, new RegExp(`${bprefix}-ct0 cannot ping 198\\.18\\.0\\.3`));
    // A drop rule in a container.
    ip('-n', `${bprefix}-br`, 'link', 'set', `${bprefix}brp2`, 'up');
    execFileSync('ip', ['netns', 'exec', `${bprefix}-ct1`, 'nft', 'add', 'table', 'inet', 'vbt']);
    execFileSync('ip', ['netns', 'exec', `${bprefix}-ct1`, 'nft', 'add', 'chain', 'inet', 'vbt', 'inp', '{ type filter hook input priority 0; policy accept; }']);
    execFileSync('ip', ['netns', 'exec', `${bprefix}-ct1`, 'nft', 'add', 'rule', 'inet', 'vbt', 'inp', 'icmp', 'type', 'echo-request', 'drop']);
    d = await cli('diagnose', 'sw');
    assert.equal(d.exitCode, 1);
    assert.match(d.stdout, new RegExp(`fix: ip netns exec ${bprefix}-ct1 nft delete rule inet vbt inp handle \\d+`));
  } finally {
    const down = await cli('down');
    assert.equal(down.exitCode, 0, down.stdout + down.stderr);
  }
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.deepEqual(namespacesWithPrefix(bprefix), []);
  assert.deepEqual(readdirSync(state), []);
  assert.match((await cli('ls')).stdout, /no live topology/);
  assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is byte-identical');
});

test('hostContainer: NAT removed on purpose is named with the nft command that restores it', { skip: needsRoot }, async () => {
  const state = tempDir('nat-state');
  const cli = (...args: string[]) => startCli(args, state);
  const up = await cli('up', 'test/fixtures/scenarios/integration-hostcontainer.ts', '--name', 'nat');
  assert.equal(up.exitCode, 0, up.stderr);
  const prefix = /prefix (vb[0-9a-f]{4})/.exec(up.stdout)![1]!;
  try {
    assert.equal((await cli('diagnose')).exitCode, 0);
    execFileSync('ip', ['netns', 'exec', `${prefix}-host`, 'nft', 'delete', 'table', 'ip', 'vethbench']);
    const d = await cli('diagnose');
    assert.equal(d.exitCode, 1);
    assert.match(d.stdout, new RegExp(`PROBLEM \\[firewall\\] ${prefix}-host: no nftables MASQUERADE rule`));
    assert.match(d.stdout, new RegExp(`${prefix}-ctr cannot ping 198\\.18\\.1\\.2`));
    // The printed fix, run as printed (minus the shell quoting): healthy again.
    const fix = /fix: ip netns exec \S+ nft '([^']+)'/.exec(d.stdout)![1]!;
    execFileSync('ip', ['netns', 'exec', `${prefix}-host`, 'nft', fix]);
    assert.equal((await cli('diagnose')).exitCode, 0);
  } finally {
    assert.equal((await cli('down', 'nat')).exitCode, 0);
  }
  assert.deepEqual(namespacesWithPrefix(prefix), []);
});
