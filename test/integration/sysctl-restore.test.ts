// Root: global sysctls a run changes are byte-identical afterwards — after a clean run, after SIGTERM, and after
// a SIGKILL once `vethbench cleanup` has read the on-disk journal.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { onlyRunDir, startCli, waitFor } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

const SCENARIO = 'test/fixtures/scenarios/integration-sysctl.ts';
const RMEM_MAX = '/proc/sys/net/core/rmem_max';
const read = (): string => readFileSync(RMEM_MAX, 'utf8');

test('a clean run restores net.core.rmem_max byte for byte and records the effective values', { skip: needsRoot }, async () => {
  const before = read();
  const out = tempDir('sysctl-out');
  const state = tempDir('sysctl-state');
  const r = await startCli(['run', SCENARIO, '--repetitions', '1', '--out', out], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(read(), before);
  assert.deepEqual(readdirSync(state), [], 'journal and live state removed');
  const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
  const point = results.points[0]!;
  assert.equal(point.effective.rmemMax, 4194305);
  assert.equal(point.effective.window, 131072, 'the kernel granted the requested window (doubled, halved back)');
});

test('SIGKILL mid-run leaves the changed sysctl and its journal; cleanup restores it', { skip: needsRoot }, async () => {
  const snapshot = rootNamespaceSnapshot();
  const before = read();
  const state = tempDir('sysctl-kill-state');
  const child = startCli(['run', SCENARIO, '--out', tempDir('sysctl-kill-out')], state);
  await waitFor('the sysctl journal and a changed rmem_max', () => existsSync(join(state, 'sysctl-journal.json')) && read().trim() === '4194305');
  child.kill('SIGKILL');
  await child;
  assert.equal(read().trim(), '4194305', 'no handler ran: the value is still changed');
  const prefix = readdirSync(state).find((f) => /^vb[0-9a-f]{4}\.json$/.test(f))!.slice(0, 6);

  const r = await startCli(['cleanup'], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`restored sysctl net.core.rmem_max=${before.trim()}`));
  assert.equal(read(), before);
  assert.deepEqual(readdirSync(state), []);
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.equal(rootNamespaceSnapshot(), snapshot, 'every net.* sysctl and the rest of the root namespace are back');
});
