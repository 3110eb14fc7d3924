// `vethbench nightly --results` against a baseline from another host, tool version or kernel (issue 14.5), on the
// captured runs: refused with exit 2 and the history untouched unless --allow-foreign-baseline; a new kernel is
// gated and its changes listed. No root needed: judging an existing run builds nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import type { NightRecord } from '../../src/results/nightly-schema.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';
import { RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';

/** The captured base run with its host facts edited, written to a temporary baseline file. */
function editedBaseline(cwd: string, edit: (host: Record<string, any>) => void): string {
  const results = JSON.parse(readFileSync(join(repoRoot, RESULTS_FIXTURES.base), 'utf8')) as { host: Record<string, any> };
  edit(results.host);
  const file = join(cwd, 'baseline.json');
  writeFileSync(file, JSON.stringify(results));
  return file;
}

const nightly = (cwd: string, args: string[]) => execa('node', [join(repoRoot, 'bin/vethbench.js'), 'nightly', '--dir', join(cwd, 'n'), '--results', join(repoRoot, RESULTS_FIXTURES.again), ...args], { cwd, reject: false });

test('a baseline from a host with another CPU count is refused (exit 2, history untouched) unless --allow-foreign-baseline', async () => {
  const cwd = tempDir('nightly-foreign');
  const baseline = editedBaseline(cwd, (h) => { h.cpu.cores = 64; });
  const refused = await nightly(cwd, ['--baseline', baseline]);
  assert.equal(refused.exitCode, 2, refused.stderr);
  assert.match(refused.stderr, /^Error: .*baseline\.json: the baseline is not from this host and tools \(CPU count 64 → 2\), so the night cannot be compared with it; measure one here with vethbench nightly --rebaseline, or compare anyway with --allow-foreign-baseline/m);
  assert.equal(existsSync(join(cwd, 'n', 'history.jsonl')), false, 'no night recorded');

  const allowed = await nightly(cwd, ['--baseline', baseline, '--allow-foreign-baseline']);
  assert.equal(allowed.exitCode, 0, allowed.stderr);
  assert.match(allowed.stderr, /warning: foreign baseline \(--allow-foreign-baseline\): CPU count 64 → 2/);
  assert.match(allowed.stdout, /gate interval: within-run only — 0 passed night\(s\) so far/);
});

test('another major iperf3 version is foreign; another kernel is gated and listed as "what kernel … changes"', async () => {
  const cwd = tempDir('nightly-kernel');
  const major = await nightly(cwd, ['--baseline', editedBaseline(cwd, (h) => { h.toolVersions.iperf3 = '4.0'; })]);
  assert.equal(major.exitCode, 2, major.stderr);
  assert.match(major.stderr, /iperf3 major version 4\.0 → 3\.12/);

  const kernel = await nightly(cwd, ['--baseline', editedBaseline(cwd, (h) => { h.kernel = '6.12.48-debian'; })]);
  assert.equal(kernel.exitCode, 0, kernel.stderr);
  assert.match(kernel.stdout, /what kernel \S+ changes \(against the baseline's 6\.12\.48-debian; gated like any night\): no point regressed or improved/);
  const record = JSON.parse(readFileSync(join(cwd, 'n', 'history.jsonl'), 'utf8').trim()) as NightRecord;
  assert.equal(record.kernelChange?.base, '6.12.48-debian');
  assert.equal(record.interval, 'within-run only');
});

test('a night that would run against a foreign baseline is refused before it measures anything (exit 2, no run, no history)', async () => {
  const cwd = tempDir('nightly-foreign-run');
  const baseline = editedBaseline(cwd, (h) => { h.cpu.cores = 64; });
  const dir = join(cwd, 'n');
  const r = await execa('node', [join(repoRoot, 'bin/vethbench.js'), 'nightly', '--dir', dir, '--scenario', 'test/fixtures/scenarios/compare-small.ts', '--baseline', baseline], { cwd: repoRoot, reject: false });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(r.stderr, /baseline\.json: the baseline is not from this host and tools \(.*CPU count 64 → \d+\).*\(nothing was measured; the history is unchanged\)/);
  assert.doesNotMatch(r.stderr, /trials, prefix|^repetitions:/m, 'refused before sizing and before any run');
  assert.equal(existsSync(join(dir, 'history.jsonl')), false);
});
