// `vethbench nightly --results` on captured runs: the baseline choice, history, trend and exit codes, without root
// (judging an existing run needs no namespaces). The real run is covered by compare-nightly.test.ts.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import type { NightRecord, Trend } from '../../src/results/nightly-schema.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';
import { RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';

test('first night becomes the reference; a regressed night exits 1 and is never a baseline; the next compares with the last good night', async () => {
  // Its own working directory, so a reports/baseline.json in the checkout cannot change the outcome.
  const cwd = tempDir('nightly-cwd');
  const dir = join(cwd, 'nights');
  const night = (name: keyof typeof RESULTS_FIXTURES) =>
    execa('node', [join(repoRoot, 'bin/vethbench.js'), 'nightly', '--dir', dir, '--results', join(repoRoot, RESULTS_FIXTURES[name])], { cwd, reject: false });
  const history = (): NightRecord[] => readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as NightRecord);

  const first = await night('base');
  assert.equal(first.exitCode, 0, first.stderr);
  assert.match(first.stdout, /no baseline yet: this night is the first reference/);
  assert.equal(existsSync(join(dir, history()[0]!.dir, 'comparison.json')), false);

  const second = await night('shaped');
  assert.equal(second.exitCode, 1, second.stderr);
  assert.match(second.stdout, /: regressed, against .*nights\/\d{4}-\d\d-\d\d\/results\.json \(last good night\)/);

  const third = await night('again');
  assert.equal(third.exitCode, 0, third.stderr);
  const records = history();
  assert.deepEqual(records.map((r) => r.outcome), ['pass', 'regressed', 'pass']);
  assert.equal(records[2]!.baseline?.file, join(dir, records[0]!.resultsFile), 'the regressed night is skipped as a baseline');
  assert.deepEqual(records[1]!.points.map((p) => p.verdict), ['regressed', 'regressed']);
  const trend = JSON.parse(readFileSync(join(dir, 'trend.json'), 'utf8')) as Trend;
  assert.deepEqual(trend.series.find((s) => s.metric === 'throughputBps')!.nights.map((n) => n.outcome), ['pass', 'regressed', 'pass']);
  assert.match(readFileSync(join(dir, records[2]!.dir, 'comparison.md'), 'utf8'), /## Change points \(last 30 nights\)\n\nnone/);
});

test('a baseline that is not a results file: exit 2 before anything runs', async () => {
  const cwd = tempDir('nightly-bad');
  const r = await execa('node', [join(repoRoot, 'bin/vethbench.js'), 'nightly', '--dir', join(cwd, 'n'), '--baseline', join(repoRoot, 'package.json')], { cwd, reject: false });
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^Error: .*package\.json: schemaVersion: missing; this is not a vethbench results\.json/);
  assert.equal(existsSync(join(cwd, 'n')), false, 'nothing written');
});
