// Root: `vethbench capture` on a live router topology — one pcap per measured end, captured inside the topology's
// namespaces (tcpdump's own stdout, written by vethbench), a summary per end; the root namespace is not touched;
// run through sudo, the pcaps belong to the user who typed sudo.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { summarizePcap } from '../../src/live/packet-capture.ts';
import { namespacesWithPrefix, needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

const noTcpdump = (() => {
  try {
    execFileSync('tcpdump', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return 'tcpdump is not installed (scripts/setup.sh installs it)';
  }
})();

test('capture: a pcap per end of both hops, ICMP seen on each, summary printed, owned by SUDO_UID', { skip: needsRoot || noTcpdump }, async () => {
  const before = rootNamespaceSnapshot();
  const state = tempDir('capture-state');
  const out = join(tempDir('capture-out'), 'pcaps');
  const cli = (args: string[], env: Record<string, string> = {}) =>
    execa('node', [join(repoRoot, 'bin/vethbench.js'), ...args], { reject: false, cwd: repoRoot, env: { VETHBENCH_STATE_DIR: state, ...env } });
  const up = await cli(['up', 'test/fixtures/scenarios/live-router.ts', '--name', 'cap']);
  assert.equal(up.exitCode, 0, up.stderr);
  const prefix = /prefix (vb[0-9a-f]{4})/.exec(up.stdout)![1]!;
  // Traffic for tcpdump to see: client → server through the router, 5 pings per second.
  const ping = spawn('ip', ['netns', 'exec', `${prefix}-cli`, 'ping', '-n', '-q', '-i', '0.1', '-w', '20', '198.18.1.2'], { stdio: 'ignore' });
  try {
    const r = await cli(['capture', 'cap', '--count', '20', '--timeout', '15', '--out', out], { SUDO_UID: '65534', SUDO_GID: '65534' });
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, [
      `cap-${prefix}-cli-${prefix}cli0.pcap`, `cap-${prefix}-rtr-${prefix}rtr0.pcap`,
      `cap-${prefix}-rtr-${prefix}rtr1.pcap`, `cap-${prefix}-srv-${prefix}srv0.pcap`,
    ].sort());
    for (const file of files) {
      const summary = summarizePcap(readFileSync(join(out, file)));
      assert.equal(summary.packets, 20, `${file}: --count 20`);
      // A fresh interface also sends a few IPv6 router solicitations and MLD reports; the pings dominate.
      assert.ok((summary.protocols.ICMP ?? 0) >= 12, `${file}: ${JSON.stringify(summary.protocols)}`);
      assert.equal(lstatSync(join(out, file)).uid, 65534, `${file} belongs to the sudo user`);
      // tcpdump itself reads the file back: a valid pcap.
      assert.match(execFileSync('tcpdump', ['-nr', join(out, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), /ICMP echo/);
    }
    assert.equal(lstatSync(out).uid, 65534, 'the --out directory capture created belongs to the sudo user too');
    assert.match(r.stdout, new RegExp(`^ {2}${prefix}-cli/${prefix}cli0 \\(198\\.18\\.0\\.1\\): 20 packets, [\\d.]+ k?B in [\\d.]+ s \\(ICMP \\d+`, 'm'));
    assert.match(r.stdout, /^read one with: tcpdump -nr /m);
    assert.equal(lstatSync(state).uid, 0, 'the state directory stays root\'s');
  } finally {
    ping.kill();
    const down = await cli(['down', 'cap']);
    assert.equal(down.exitCode, 0, down.stderr);
  }
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.deepEqual(rootNamespaceSnapshot(), before, 'the root namespace is as it was');
});

test('capture without a live topology: exit 2 naming the fix; tcpdump is never started on the host', { skip: needsRoot || noTcpdump }, async () => {
  const r = await execa('node', [join(repoRoot, 'bin/vethbench.js'), 'capture', '--count', '1'], { reject: false, cwd: repoRoot, env: { VETHBENCH_STATE_DIR: tempDir('capture-none') } });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^Error: no live topology: bring one up with vethbench up <scenario\.ts>/);
});
