// Root: the output directory fills up mid-run. The run stops with a clear message, tears down, and what the
// journal already holds stays readable. The tiny file system lives in a private mount namespace of the test.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { namespacesWithPrefix, needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';

test('a full disk: exit 1 with "no space left", nothing left on the host, the journal\'s lines all parse', { skip: needsRoot }, async () => {
  const dir = join(tempDir('disk-full'), 'mnt');
  mkdirSync(dir);
  const state = tempDir('disk-full-state');
  const r = await execa('unshare', ['--mount', '--', 'node', '--import', 'tsx', join(repoRoot, 'test/helpers/run-in-tiny-fs.ts'), dir, '40k', '--',
    'run', 'test/fixtures/scenarios/integration-long.ts', '--repetitions', '10'], { cwd: repoRoot, reject: false, env: { VETHBENCH_STATE_DIR: state } });
  assert.equal(r.exitCode, 0, r.stderr);
  const outcome = JSON.parse(r.stdout) as { exitCode: number; stderr: string; journalLines: number; journalParsed: number; samples: number };
  assert.equal(outcome.exitCode, 1, outcome.stderr);
  assert.match(outcome.stderr, /Error: cannot write .*\(ENOSPC: no space left on the device\); every sample finished before this is in journal\.jsonl/);
  assert.equal(outcome.stderr.match(/Error:/g)?.length, 1);
  assert.ok(outcome.samples >= 1, 'samples finished before the disk filled are in the journal');
  assert.ok(outcome.journalParsed >= outcome.journalLines - 1, 'at most the last line is torn');
  const prefix = /prefix (vb[0-9a-f]{4})/.exec(outcome.stderr)?.[1];
  assert.ok(prefix, outcome.stderr);
  assert.deepEqual(namespacesWithPrefix(prefix), []);
});
