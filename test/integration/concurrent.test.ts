// Root: two runs at the same time do not collide (distinct prefixes and ports), and only one at a time may
// change global sysctls, so neither restores the other's values wrongly.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';

const results = (out: string): RunResults => JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;

test('two runs at once: both complete with distinct prefixes and ports, nothing left', { skip: needsRoot }, async () => {
  const state = tempDir('concurrent-state');
  const [outA, outB] = [tempDir('concurrent-a'), tempDir('concurrent-b')];
  const [a, b] = await Promise.all([outA, outB].map((out) => startCli(['run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', out], state)));
  assert.equal(a!.exitCode, 0, a!.stderr);
  assert.equal(b!.exitCode, 0, b!.stderr);
  const [ra, rb] = [results(outA), results(outB)];
  assert.notEqual(ra.run.prefix, rb.run.prefix);
  assert.notEqual(ra.run.port, rb.run.port);
  for (const r of [ra, rb]) {
    assert.ok(r.points.every((p) => p.samples.every((s) => s.status === 'ok')));
    assert.deepEqual(namespacesWithPrefix(r.run.prefix), []);
  }
  assert.deepEqual(readdirSync(state), []);
});

test('global sysctls: one run at a time holds the journal; the other skips those points and says why', { skip: needsRoot }, async () => {
  const before = readFileSync('/proc/sys/net/core/rmem_max', 'utf8');
  const state = tempDir('lock-state');
  const [outA, outB] = [tempDir('lock-a'), tempDir('lock-b')];
  const runs = await Promise.all([outA, outB].map((out) => startCli(['run', 'test/fixtures/scenarios/integration-sysctl.ts', '--repetitions', '3', '--out', out], state)));
  for (const r of runs) assert.equal(r.exitCode, 0, r.stderr);
  const samples = [outA, outB].flatMap((out) => results(out).points.flatMap((p) => p.samples));
  const skipped = samples.filter((s) => s.status === 'skipped');
  assert.ok(skipped.length >= 1, 'the second run could not take the lock while the first held it');
  for (const s of skipped) assert.match(s.reason ?? '', /another vethbench run \(pid \d+\) is changing global sysctls; wait for it to finish/);
  for (const s of samples.filter((x) => x.status === 'ok')) assert.equal(s.effective?.host?.rmemMax, 4194305);
  assert.equal(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'), before);
  assert.deepEqual(readdirSync(state), [], 'no journal or live state left');
});
