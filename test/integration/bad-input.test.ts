// Bad input as root: one clear message naming file and field, exit code 2, and nothing created on the host.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCli } from '../helpers/cli.ts';
import { needsRoot, tempDir } from '../helpers/host-state.ts';

const netnsList = (): string => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

const cases: [string, string[], RegExp][] = [
  ['unknown knob', ['run', 'test/fixtures/scenarios/unknown-knob.ts'], /unknown-knob\.ts: matrix\.\w+: unknown knob/],
  ['missing file', ['run', 'scenarios/does-not-exist.ts'], /scenarios\/does-not-exist\.ts: cannot read the scenario file \(ENOENT\)/],
  ['unknown flag', ['run', 'scenarios/gro.ts', '--turbo'], /unknown option '--turbo'/],
  ['bad filter', ['run', 'scenarios/gro.ts', '--filter', 'mtu=9000'], /--filter mtu=9000: "mtu" is not swept by scenarios\/gro\.ts; use one of gro, tso, workload/],
];

for (const [name, args, message] of cases) {
  test(`${name}: exit 2, one clear message, nothing created`, { skip: needsRoot }, async () => {
    const before = netnsList();
    const out = join(tempDir('bad'), 'out');
    const state = tempDir('bad-state');
    const r = await startCli([...args, '--out', out], state);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^Error: /);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.match(/Error:/g)?.length, 1, 'exactly one Error: line');
    assert.equal(netnsList(), before, 'no namespace created');
    assert.equal(existsSync(out), false, 'no output directory created');
    assert.deepEqual(readdirSync(state), [], 'no live state written');
  });
}
