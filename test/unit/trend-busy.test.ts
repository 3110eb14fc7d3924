// The trend page marks nights that were invalid because the host was busy apart from regressions (issue 14.7):
// in trend.json (hostBusy), the chart (a grey square, never the red diamond), the latest-night line and the table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePair } from '../../src/compare/compare-pair.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { hostWasBusy, nightOutcome, nightPoints } from '../../src/nightly/history.ts';
import { parseTrend } from '../../src/nightly/read-trend.ts';
import { buildTrend } from '../../src/nightly/trend.ts';
import type { NightRecord } from '../../src/results/nightly-schema.ts';
import { nightRows, TREND_MARKERS, trendCharts } from '../../src/report/html/trend/trend-charts.ts';
import { renderTrendPage } from '../../src/report/html/trend/trend-page.ts';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';
import { fixtureNights } from '../helpers/trend-fixtures.ts';

/** A night of the captured "again" run whose comparison said "host busy" at every point (h-noise's reason). */
function busyNight(date: string): NightRecord {
  const run = loadFixture('again');
  const pair = comparePair(loadFixture('base'), run, DEFAULT_SETTINGS);
  for (const p of pair.points) {
    for (const m of p.metrics.filter((x) => x.gates)) Object.assign(m, { verdict: 'invalid', reason: 'host busy (neighbours used 1.6 of 2 cores during 7 of 12 samples)' });
    Object.assign(p, { verdict: 'invalid', reason: 'throughput: host busy (neighbours used 1.6 of 2 cores during 7 of 12 samples)' });
  }
  pair.counts = { ...pair.counts, invalid: pair.points.length, 'no change': 0, undecided: 0, improved: 0, regressed: 0 };
  assert.equal(hostWasBusy(pair), true);
  return {
    schemaVersion: 1, date, startedAt: `${date}T02:30:00.000Z`, dir: date, resultsFile: `${date}/again/results.json`, counts: pair.counts,
    baseline: { file: 'base.json', source: 'baseline file' }, outcome: nightOutcome(run.results, pair), hostBusy: true, points: nightPoints(run.results, pair),
  };
}

test('a busy night: invalid with its reason in the history, hostBusy in trend.json, drawn as a grey square, never as a regression', () => {
  const nights = [...fixtureNights(['base', 'again', 'shaped']), busyNight('2026-11-23')];
  const record = nights.at(-1)!;
  assert.equal(record.outcome, 'invalid');
  assert.match(record.points[0]!.reason!, /host busy/);
  const trend = parseTrend(JSON.stringify(buildTrend(nights, new Date('2026-11-24T03:00:00Z'))), 'trend.json');
  const series = trend.series.find((s) => s.metric === 'throughputBps')!;
  assert.deepEqual(series.nights.map((n) => n.hostBusy ?? false), [false, false, false, true]);
  const rows = nightRows(series);
  assert.deepEqual(rows.map((r) => [r.regressed, r.busy]), [[false, false], [false, false], [true, false], [false, true]]);

  const [chart] = trendCharts(trend);
  const layers = (chart!.spec as { concat: { layer: { layer: { transform?: { filter: { field: string } }[]; mark: { shape?: string }; encoding: { color?: { datum?: string } } }[] }[] }[] }).concat[0]!.layer[0]!.layer;
  const busy = layers.find((l) => l.transform?.[0]?.filter.field === 'busy')!;
  assert.deepEqual([busy.mark.shape, busy.encoding.color?.datum], ['square', TREND_MARKERS.busy]);
  assert.deepEqual(compileWarnings(chart!.spec), []);
  assert.match(chart!.caption, /grey squares: nights that could not be judged because the host was busy/);

  const page = renderTrendPage(trend, STUB_RUNTIME, '0.0.0-test');
  assert.match(page, /2026-11-23: <span class="badge outcome-invalid host-busy">invalid: host busy<\/span> — not judged: neighbours used the CPU during the night, so it is neither a regression nor a pass/);
  assert.equal((page.match(/invalid: host busy<\/span>/g) ?? []).length, 2, 'the latest-night line and the table row');
});
