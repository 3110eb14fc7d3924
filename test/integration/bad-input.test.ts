// Bad input as root: one clear message naming file and field, exit code 2, and nothing created on the host.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { startCli } from '../helpers/cli.ts';
import { needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';

const netnsList = (): string[] => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
/** Namespaces that exist now but did not before (ones that went away meanwhile belong to someone else). */
const created = (before: string[]): string[] => netnsList().filter((n) => !before.includes(n));

const cases: [string, string[], RegExp][] = [
  ['unknown knob', ['run', 'test/fixtures/scenarios/unknown-knob.ts'], /unknown-knob\.ts: matrix\.\w+: unknown knob/],
  ['missing file', ['run', 'scenarios/does-not-exist.ts'], /scenarios\/does-not-exist\.ts: cannot read the scenario file \(ENOENT\)/],
  ['unknown flag', ['run', 'scenarios/gro.ts', '--turbo'], /unknown option '--turbo'/],
  ['bad filter', ['run', 'scenarios/gro.ts', '--filter', 'mtu=9000'], /--filter mtu=9000: "mtu" is not swept by scenarios\/gro\.ts; use one of gro, tso, workload/],
  ['matrix past the limit', ['run', 'test/fixtures/scenarios/too-big.ts'], /too-big\.ts: matrix: expands to 20000 points \(200 mtu × 100 txqueuelen × 1 workload\(s\)\); the limit is 10000/],
  ['estimate past --max-duration', ['run', 'scenarios/gro.ts', '--max-duration', '60'], /--max-duration 60: scenarios\/gro\.ts is estimated at \d+:\d\d \(\d+ trials\)/],
  ['out directory not writable', ['run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', 'README.md/out'], /--out README\.md\/out: cannot create the run directory there \(ENOTDIR at \/.*README\.md\); choose a writable directory with --out/],
];

for (const [name, args, message] of cases) {
  test(`${name}: exit 2, one clear message, nothing created`, { skip: needsRoot }, async () => {
    const before = netnsList();
    const out = join(tempDir('bad'), 'out');
    const state = tempDir('bad-state');
    const r = await startCli(args.includes('--out') ? args : [...args, '--out', out], state);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^Error: /);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.match(/Error:/g)?.length, 1, 'exactly one Error: line');
    assert.deepEqual(created(before), [], 'no namespace created');
    assert.equal(existsSync(out), false, 'no output directory created');
    assert.deepEqual(readdirSync(state), [], 'no live state written');
  });
}

test('not root: exit 3 and the message names the missing capabilities; nothing created', { skip: needsRoot }, async () => {
  const before = netnsList();
  const r = await execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'node', join(repoRoot, 'bin/vethbench.js'), 'run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', join(tempDir('nobody'), 'out')], { cwd: repoRoot, reject: false, env: { VETHBENCH_STATE_DIR: tempDir('nobody-state'), HOME: '/tmp' } });
  assert.equal(r.exitCode, 3, r.stderr);
  assert.match(r.stderr, /^Error: vethbench run needs root \(CAP_NET_ADMIN and CAP_SYS_ADMIN to create namespaces\); fix: run it with sudo/);
  assert.deepEqual(created(before), []);
});

test('a missing program: the message names the package to install', { skip: needsRoot }, async () => {
  const r = await execa(process.execPath, [join(repoRoot, 'bin/vethbench.js'), 'run', 'test/fixtures/scenarios/integration-tiny.ts'], { cwd: repoRoot, reject: false, env: { PATH: '/nonexistent', VETHBENCH_STATE_DIR: tempDir('path-state') } });
  assert.equal(r.exitCode, 3, r.stderr);
  assert.match(r.stderr, /missing programs?: .*iperf3 \(throughput workloads\)/);
  assert.match(r.stderr, /fix: apt-get install -y [a-z0-9 -]*iperf3/);
});
