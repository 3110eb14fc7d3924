// The comparison and trend pages in a real browser: built by the real CLI from the captured results files in
// test/fixtures/results/ (real runs), opened by Debian's chromium from file://. Every chart must be drawn, with no
// console error, no dialog and no request beyond the file itself. Screenshots go to test-output/.
// The CLI checks without a browser (nightly writes trend.html, bad input to `vethbench trend`) run everywhere.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import type { LoadedRun } from '../../src/compare/compare-pair.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import type { Trend } from '../../src/results/nightly-schema.ts';
import { comparisonCharts } from '../../src/report/html/compare/compare-charts.ts';
import { trendCharts } from '../../src/report/html/trend/trend-charts.ts';
import { writeComparisonPage } from '../../src/files/report-files.ts';
import { needsChromium, openReport, type OpenedReport } from '../helpers/chromium.ts';
import { startCli } from '../helpers/cli.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';
import { loadFixture, RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';
import { fixtureTrend } from '../helpers/trend-fixtures.ts';

const OUT = join(repoRoot, 'test-output');
const state = tempDir('pages-cli-state');
const { base, again, shaped } = RESULTS_FIXTURES;

function assertAllDrawn(seen: OpenedReport, expectedCharts: number, pageName: string): void {
  assert.equal(seen.chartsInPage, expectedCharts);
  assert.equal(seen.chartsFailed, 0);
  assert.equal(seen.chartsRendered, expectedCharts);
  for (const chart of seen.charts) {
    assert.equal(chart.canvases, 1, `${chart.id}: one canvas`);
    assert.ok(chart.width > 100 && chart.height > 80, `${chart.id}: ${chart.width}×${chart.height}`);
    assert.ok(chart.dataMarks > 0, `${chart.id}: data marks drawn`);
    assert.ok(chart.colourPixels > 0, `${chart.id}: coloured pixels on the canvas`);
  }
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(seen.requests.map((u) => u.replace(/^.*\//, '')), [pageName], 'only the page itself is loaded');
  for (const url of seen.requests) assert.match(url, /^file:/, `request to ${url}`);
}

const reportOf = (runs: LoadedRun[]) => buildComparisonReport(runs, DEFAULT_SETTINGS, new Date());

test('compare --html: two real runs (base, shaped) as a page that draws every chart offline', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const page = join(OUT, 'compare-2runs.html');
  const r = await startCli(['compare', base, shaped, '--html', page, '--fail-on-regression'], state);
  assert.equal(r.exitCode, 1, r.stderr);
  assert.equal(r.stderr, `comparison page: ${page}`);
  assert.match(r.stdout, /│ regressed(?: noisy)?\s+│ tcp(?: gro=off|\s+│[^\n]*\n│[^│]*│ gro=off)/, 'the table is still printed');
  const seen = await openReport(page, { screenshot: join(OUT, 'compare-2runs.png') });
  const charts = comparisonCharts(reportOf([loadFixture('base'), loadFixture('shaped')]));
  assertAllDrawn(seen, charts.length, 'compare-2runs.html');
  // Two points: a bar, a whisker and a label each, two threshold lines and the zero line.
  assert.deepEqual(seen.charts.map((c) => [c.id, c.dataMarks]), [['chart-delta-2', 2 * 3 + 2 + 1]]);
  const html = readFileSync(page, 'utf8');
  assert.match(html, /<a class="mono" href="\.\.\/test\/fixtures\/results\/compare-small-base\.json">/, 'links to the results files, relative to the page');
});

test('compare --html with three runs adds the capacity chart; --json still prints only JSON', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const page = join(OUT, 'compare-3runs.html');
  const r = await startCli(['compare', base, again, shaped, '--html', page, '--json'], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).capacity.runs.length, 3);
  const seen = await openReport(page, { screenshot: join(OUT, 'compare-3runs.png') });
  const charts = comparisonCharts(reportOf([loadFixture('base'), loadFixture('again'), loadFixture('shaped')]));
  assert.deepEqual(charts.map((c) => c.id), ['chart-delta-2', 'chart-delta-3', 'chart-capacity']);
  assertAllDrawn(seen, charts.length, 'compare-3runs.html');
  // Capacity: a bar and a whisker per point, run and scale (absolute, per CPU).
  assert.equal(seen.charts.find((c) => c.id === 'chart-capacity')?.dataMarks, 2 * 3 * 2 * 2);
});

test('a hostile scenario name, point label and hostname render as text, with every chart', { skip: needsChromium }, async () => {
  const dir = tempDir('compare-hostile');
  const runs = [loadFixture('base'), loadFixture('shaped')].map((run, i) => {
    run.results.scenario.name = '<script>alert(1)</script>';
    run.results.points[0]!.label = '<img src=x onerror=alert(2)>';
    run.results.host!.hostname = '<svg onload=alert(3)>';
    const file = join(dir, `${i}.json`);
    writeFileSync(file, JSON.stringify(run.results));
    return { file, results: run.results };
  });
  const page = writeComparisonPage(reportOf(runs), runs, join(dir, 'compare-hostile.html'));
  const seen = await openReport(page, { screenshot: join(OUT, 'compare-hostile.png') });
  assertAllDrawn(seen, 1, 'compare-hostile.html');
});

test('vethbench trend: the trend of real nights as a page that draws every chart offline', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const trend = fixtureTrend();
  const trendFile = join(tempDir('trend'), 'trend.json');
  writeFileSync(trendFile, JSON.stringify(trend, null, 2));
  const page = join(OUT, 'trend.html');
  const r = await startCli(['trend', trendFile, '-o', page], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, `trend page: ${page}`);
  const seen = await openReport(page, { screenshot: join(OUT, 'trend.png') });
  assertAllDrawn(seen, trendCharts(trend).length, 'trend.html');
  // Per point: band, line and its dots for every night, a diamond per regressed night, the change rule and its label.
  const headline = trend.series.filter((s) => s.gates && s.metric === 'throughputBps');
  const expected = headline.reduce((n, s) => n + 3 * s.nights.length + s.nights.filter((x) => x.verdict === 'regressed').length + 2 * s.changePoints.length, 0);
  assert.deepEqual(seen.charts.map((c) => [c.id, c.dataMarks]), [['chart-trend-throughputBps', expected]]);
});

test('vethbench nightly writes trend.html beside trend.json after each night; the page opens offline', async () => {
  const cwd = tempDir('nightly-pages');
  const dir = join(cwd, 'nights');
  for (const name of ['base', 'shaped'] as const) {
    const r = await execa('node', [join(repoRoot, 'bin/vethbench.js'), 'nightly', '--dir', dir, '--results', join(repoRoot, RESULTS_FIXTURES[name])], { cwd, reject: false });
    assert.equal(r.exitCode, name === 'base' ? 0 : 1, r.stderr);
    assert.match(r.stdout, new RegExp(`${join(dir, 'trend.json').replace(/[.]/g, '\\.')}, ${join(dir, 'trend.html').replace(/[.]/g, '\\.')}$`));
  }
  const trend = JSON.parse(readFileSync(join(dir, 'trend.json'), 'utf8')) as Trend;
  const html = readFileSync(join(dir, 'trend.html'), 'utf8');
  for (const chart of trendCharts(trend)) assert.ok(html.includes(`<div id="${chart.id}"></div>`), chart.id);
  assert.match(html, /<span class="badge outcome-regressed">regressed<\/span> — regressed: tcp gro=off, tcp gro=on/);
  if (!needsChromium) assertAllDrawn(await openReport(join(dir, 'trend.html')), trendCharts(trend).length, 'trend.html');
});

test('vethbench trend: a missing or foreign file is bad input (exit 2, one Error: line, nothing written)', async () => {
  const dir = tempDir('trend-bad');
  const missing = await startCli(['trend', join(dir, 'nope')], state);
  assert.equal(missing.exitCode, 2);
  assert.match(missing.stderr, /^Error: .*nope: cannot read the trend \(ENOENT\); vethbench nightly writes it to <dir>\/trend\.json/);
  const foreign = await startCli(['trend', join(repoRoot, base), '-o', join(dir, 'x.html')], state);
  assert.equal(foreign.exitCode, 2);
  assert.match(foreign.stderr, /^Error: .*compare-small-base\.json: generatedAt: is required/);
  assert.equal(foreign.stderr.match(/Error:/g)?.length, 1);
  assert.equal(existsSync(join(dir, 'x.html')), false);
});
