// `vethbench compare` through the real CLI on captured results: exit codes and formats. Needs no root.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ComparisonReport } from '../../src/compare/types.ts';
import { startCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/host-state.ts';
import { fixtureText, RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';

const { base, again, shaped } = RESULTS_FIXTURES;
const state = tempDir('cmp-cli-state');
const compare = (args: string[]) => startCli(['compare', ...args], state);

test('--fail-on-regression: exit 1 on the shaped run, 0 on A/A; the table is sorted by severity', async () => {
  const regressed = await compare([base, shaped, '--fail-on-regression']);
  assert.equal(regressed.exitCode, 1, regressed.stderr);
  // The first row is the most severe; at 120 columns (a pipe) the point's label may wrap onto the row's next line.
  assert.match(regressed.stdout, /│ regressed(?: noisy)?\s+│ tcp(?: gro=off|\s+│[^\n]*\n│[^│]*│ gro=off)/);
  assert.ok(regressed.stdout.split('\n').every((l) => [...l].length <= 120 || !/^[┌│├└]/.test(l)), 'the table fits 120 columns');
  assert.equal(regressed.stderr, '');
  const aa = await compare([base, again, '--fail-on-regression']);
  assert.equal(aa.exitCode, 0, aa.stderr);
  const plain = await compare([base, shaped]);
  assert.equal(plain.exitCode, 0, 'without --fail-on-regression a regression is reported, not an error');
});

test('--json prints the ComparisonReport; --markdown a markdown table; several files add the side-by-side view', async () => {
  const json = await compare([base, again, shaped, '--json', '--threshold', '7.5']);
  assert.equal(json.exitCode, 0, json.stderr);
  const report = JSON.parse(json.stdout) as ComparisonReport;
  assert.equal(report.settings.thresholdPercent, 7.5);
  assert.deepEqual(report.comparisons.map((c) => c.counts.regressed), [0, 2]);
  assert.equal(report.capacity.runs.length, 3);
  const md = await compare([base, again, shaped, '--markdown']);
  assert.match(md.stdout, /^## vethbench compare/);
  assert.match(md.stdout, /### Side by side/);
});

const bad: [string, string[], RegExp][] = [
  ['one file', [base], /name at least two results files/],
  ['missing file', [base, 'reports/nope/results.json'], /reports\/nope\/results\.json: cannot read the results file \(ENOENT\)/],
  ['--json with --markdown', [base, again, '--json', '--markdown'], /--json and --markdown print different formats; choose one/],
  ['bad threshold', [base, again, '--threshold', '-3'], /option '--threshold <percent>' argument '-3' is invalid/],
];
for (const [name, args, message] of bad) {
  test(`bad input (${name}): exit 2 and one Error: line`, async () => {
    const r = await compare(args);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.match(/Error:/g)?.length, 1, r.stderr);
    assert.equal(r.stdout, '');
  });
}

test('a newer schemaVersion: exit 2 with the fix', async () => {
  const newer = join(tempDir('cmp-newer'), 'results.json');
  writeFileSync(newer, fixtureText('base').replace('"schemaVersion": 1', '"schemaVersion": 2'));
  const r = await compare([base, newer]);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /^Error: .*results\.json: schemaVersion 2 is newer than this vethbench \S+ reads \(up to 1\); upgrade vethbench to read it$/);
});
