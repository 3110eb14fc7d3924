// `vethbench report` through the real CLI (no root needed), and the report every `vethbench run` writes (root).
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { needsRoot, tempDir } from '../helpers/host-state.ts';
import { GRO_RESULTS, GRO_RUN_DIR, groResults } from '../helpers/report-fixtures.ts';

test('report -o FILE writes one self-contained page and prints where', async () => {
  const page = join(tempDir('report-o'), 'gro report.html');
  const r = await startCli(['report', GRO_RESULTS, '-o', page], tempDir('report-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, `report: ${page}`);
  const text = readFileSync(page, 'utf8');
  assert.ok(statSync(page).size > 800_000, 'the vega runtimes are inlined');
  assert.match(text, new RegExp(`<span class="mono">${groResults().run.id}</span>`));
  // The link back to the results is relative to where the page was written.
  assert.match(text, /<a href="(\.\.\/)+[^"]*test\/fixtures\/results\/gro-quick\/results\.json">results\.json<\/a>/);
});

test('report without -o writes index.html beside the results file', async () => {
  const runDir = join(tempDir('report-default'), 'gro-run');
  cpSync(GRO_RUN_DIR, runDir, { recursive: true });
  const r = await startCli(['report', join(runDir, 'results.json')], tempDir('report-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.ok(existsSync(join(runDir, 'index.html')));
  assert.match(readFileSync(join(runDir, 'index.html'), 'utf8'), /<a href="results\.json">results\.json<\/a>/);
});

const badInputs: [string, (dir: string) => string, RegExp][] = [
  ['a missing file', (dir) => join(dir, 'missing.json'), /missing\.json: cannot read the results file \(ENOENT\)/],
  ['a file that is not JSON', (dir) => { writeFileSync(join(dir, 'x.json'), '<html>'); return join(dir, 'x.json'); }, /x\.json: not JSON/],
  ['a newer schema', (dir) => { writeFileSync(join(dir, 'new.json'), JSON.stringify({ ...groResults(), schemaVersion: 99 })); return join(dir, 'new.json'); }, /new\.json: schemaVersion 99 is newer than this vethbench/],
];

for (const [name, make, message] of badInputs) {
  test(`report of ${name}: exit 2, one Error: line naming the file, no page written`, async () => {
    const dir = tempDir('report-bad');
    const page = join(dir, 'page.html');
    const r = await startCli(['report', make(dir), '-o', page], tempDir('report-state'));
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^Error: /);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.match(/Error:/g)?.length, 1);
    assert.equal(existsSync(page), false);
  });
}

test('every run writes reports/<run>/index.html next to results.json', { skip: needsRoot }, async () => {
  const out = tempDir('run-report');
  const r = await startCli(['run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', out], tempDir('run-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  const runDir = onlyRunDir(out);
  assert.match(r.stdout, new RegExp(`\\nreport: ${runDir}/index\\.html$`));
  const page = readFileSync(join(runDir, 'index.html'), 'utf8');
  assert.match(page, /<h1>integration-tiny<\/h1>/);
  assert.match(page, /id="chart-throughputBps"/);
});
