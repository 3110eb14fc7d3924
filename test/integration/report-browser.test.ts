// The HTML report in a real browser: Debian's chromium opens it from file:// and every chart must be drawn,
// with no console error, no dialog and no request beyond the file itself. Screenshots go to test-output/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCharts } from '../../src/report/html/run/run-report.ts';
import { writeRunReport } from '../../src/files/report-files.ts';
import { needsChromium, openReport, type OpenedReport } from '../helpers/chromium.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';
import { writeRunDir } from '../helpers/big-results.ts';
import { GRO_RESULTS, GRO_RUN_DIR, groInput, groResults } from '../helpers/report-fixtures.ts';
import { latencyRun, rrAndCrrPoints } from '../helpers/latency-points.ts';
import { latencyCdfChart } from '../../src/report/html/run/latency-cdf-chart.ts';
import { writeFileSync } from 'node:fs';

const OUT = join(repoRoot, 'test-output');

function assertAllDrawn(seen: OpenedReport, expectedCharts: number): void {
  assert.equal(seen.chartsInPage, expectedCharts);
  assert.equal(seen.chartsFailed, 0);
  assert.equal(seen.chartsRendered, expectedCharts);
  for (const chart of seen.charts) {
    assert.equal(chart.canvases, 1, `${chart.id}: one canvas`);
    assert.ok(chart.width > 100 && chart.height > 100, `${chart.id}: ${chart.width}×${chart.height}`);
    assert.ok(chart.dataMarks > 0, `${chart.id}: data marks drawn`);
    assert.ok(chart.colourPixels > 0, `${chart.id}: coloured pixels on the canvas`);
  }
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.dialogs, []);
  for (const url of seen.requests) assert.match(url, /^(file|data):/, `request to ${url}`);
}

test('the gro report renders every chart offline from file://', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const page = writeRunReport(GRO_RESULTS, join(OUT, 'report-gro.html'));
  const seen = await openReport(page, { screenshot: join(OUT, 'report-gro.png') });
  assertAllDrawn(seen, runCharts(groInput()).length);
  // Throughput: a bar and a whisker per point and a dot per ok sample.
  const results = groResults();
  const ok = results.points.flatMap((p) => p.samples).filter((s) => s.status === 'ok').length;
  assert.equal(seen.charts.find((c) => c.id === 'chart-throughputBps')?.dataMarks, 2 * results.points.length + ok);
  assert.deepEqual(seen.requests.map((u) => u.replace(/^.*\//, '')), ['report-gro.html'], 'only the page itself is loaded');
});

test('a hostile, interrupted run with failed samples renders as text, with every chart', { skip: needsChromium }, async () => {
  const results = groResults();
  results.scenario.name = '<script>alert(1)</script>';
  results.points[0]!.workload.label = '<img src=x onerror=alert(2)>';
  results.run.status = 'interrupted';
  Object.assign(results.points[1]!.samples[0]!, { status: 'failed', reason: '<svg onload=alert(3)>' });
  const dir = join(tempDir('report-hostile'), 'run');
  const page = writeRunReport(writeRunDir(dir, results, join(GRO_RUN_DIR, 'raw')));
  const seen = await openReport(page, { screenshot: join(OUT, 'report-hostile.png') });
  assertAllDrawn(seen, runCharts(groInput(results)).length);
});

test('the latency CDF is drawn: sockperf idle and under load, rr on iperf2 and sockperf, crr', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const results = latencyRun();
  results.points.push(...rrAndCrrPoints(results.points[0]!));
  const file = join(tempDir('report-latency'), 'results.json');
  writeFileSync(file, JSON.stringify(results));
  const page = writeRunReport(file, join(OUT, 'report-latency.html'));
  const seen = await openReport(page, { screenshot: join(OUT, 'report-latency.png') });
  assertAllDrawn(seen, runCharts({ results, intervals: [], missingRaw: [], resultsHref: 'results.json' }).length);
  // Every row is a vertex of its line; the median curves also get a point mark per row.
  const rows = (latencyCdfChart(results.points, [])!.spec as { data: { values: { kind: string }[] } }).data.values;
  const medians = rows.filter((r) => r.kind === 'median').length;
  assert.equal(seen.charts.find((c) => c.id === 'chart-latency-cdf')?.dataMarks, rows.length + medians);
});
