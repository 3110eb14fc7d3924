// The run report of a real run with effects in a real browser (Debian's chromium via playwright-core): the Effects
// section's forest plot and the wall-clock timeline are drawn, with every other chart, and no console error.
// The variant marks real samples warm-up, contaminated and failed, as a run with h-noise's guard would.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { writeRunReport } from '../../src/files/report-files.ts';
import { forestRows } from '../../src/report/html/run/forest-chart.ts';
import { needsChromium, openReport } from '../helpers/chromium.ts';
import { writeRunDir } from '../helpers/big-results.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';

const DIR = join(repoRoot, 'test/fixtures/results/gro-until-decided');
const OUT = join(repoRoot, 'test-output');
const fixture = (): RunResults => JSON.parse(readFileSync(join(DIR, 'results.json'), 'utf8')) as RunResults;

test('the forest plot and the timeline render from file:// without a console error', { skip: needsChromium }, async () => {
  mkdirSync(OUT, { recursive: true });
  const dir = join(tempDir('report-effects'), 'run');
  const results = fixture();
  const page = writeRunReport(writeRunDir(dir, results, join(DIR, 'raw')));
  const seen = await openReport(page, { screenshot: join(OUT, 'report-effects.png') });
  assert.deepEqual(seen.consoleErrors, []);
  assert.equal(seen.chartsFailed, 0);
  assert.equal(seen.chartsRendered, seen.chartsInPage);
  const forest = seen.charts.find((c) => c.id === 'chart-effects-forest');
  const timeline = seen.charts.find((c) => c.id === 'chart-timeline');
  assert.ok(forest && timeline, seen.charts.map((c) => c.id).join(', '));
  // Per effect a whisker, a dot and its label text; plus the band and the zero rule.
  assert.equal(forest.dataMarks, 3 * forestRows(results.effects!, 5).length + 2);
  assert.ok(forest.colourPixels > 500, `forest: ${forest.colourPixels} coloured pixels`);
  // One mark per sample (48), nothing failed in the capture.
  assert.equal(timeline.dataMarks, 48);
  assert.ok(timeline.colourPixels > 100, `timeline: ${timeline.colourPixels} coloured pixels`);
  for (const url of seen.requests) assert.match(url, /^(file|data):/, `request to ${url}`);
});

test('warm-up, contaminated and failed samples and the neighbours\u2019 CPU lane are drawn', { skip: needsChromium }, async () => {
  const results = fixture();
  const [p1, p2] = results.points;
  p1!.warmup = [{ ...p1!.samples[0]!, startedAt: '2026-12-01T12:09:50.000Z' }];
  Object.assign(p1!.samples[1]!, { contaminated: true, interference: { neighbourCores: 0.9, stealCores: 0.01, otherRuns: [] } });
  Object.assign(p1!.samples[2]!, { interference: { neighbourCores: 0.02, stealCores: 0, otherRuns: [] } });
  Object.assign(p2!.samples[2]!, { status: 'failed', reason: 'iperf3 timed out', metrics: undefined });
  const dir = join(tempDir('report-effects-kinds'), 'run');
  const page = writeRunReport(writeRunDir(dir, results, join(DIR, 'raw')));
  const seen = await openReport(page, { screenshot: join(OUT, 'report-effects-kinds.png') });
  assert.deepEqual(seen.consoleErrors, []);
  assert.equal(seen.chartsFailed, 0);
  const timeline = seen.charts.find((c) => c.id === 'chart-timeline')!;
  // 48 valued samples (46 measured, 1 warm-up, 1 contaminated), 1 failed rule, 2 interference bars.
  assert.equal(timeline.dataMarks, 48 + 1 + 2);
});
