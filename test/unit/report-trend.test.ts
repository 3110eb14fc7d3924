// The trend page: its vega-lite specs as data (median line, CI band, regressed nights, dated change-point rules),
// that vega-lite compiles them without a warning, escaping, and reading trend.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { comparePair } from '../../src/compare/compare-pair.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { nightOutcome, nightPoints } from '../../src/nightly/history.ts';
import { parseTrend } from '../../src/nightly/read-trend.ts';
import { buildTrend } from '../../src/nightly/trend.ts';
import type { NightRecord, Trend } from '../../src/results/nightly-schema.ts';
import { nightOrder, nightRows, TREND_MARKERS, trendCharts } from '../../src/report/html/trend/trend-charts.ts';
import { renderTrendPage } from '../../src/report/html/trend/trend-page.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';
import { fixtureNights, fixtureTrend, NIGHT_RUNS } from '../helpers/trend-fixtures.ts';

const HOSTILE = '<script>alert(1)</script>';

type View = { title?: string; data?: { values?: Record<string, unknown>[] }; layer?: View[]; mark?: any; encoding?: Record<string, any>; transform?: unknown[] };
type Spec = { concat: View[]; resolve: unknown; columns: number };


test('the fixture history: a lasting step down from the first shaped night, found as a change point', () => {
  const trend = fixtureTrend();
  const throughput = trend.series.filter((s) => s.metric === 'throughputBps');
  assert.equal(throughput.length, 2);
  for (const s of throughput) {
    assert.equal(s.nights.length, NIGHT_RUNS.length);
    assert.deepEqual(s.changePoints.map((c) => [c.date, c.effect]), [['2026-11-26', 'worse']]);
  }
});

test('one chart per headline metric: throughput for TCP points; the others are not charted', () => {
  const charts = trendCharts(fixtureTrend());
  assert.deepEqual(charts.map((c) => [c.id, c.title]), [['chart-trend-throughputBps', 'Throughput per night (Gbit/s)']]);
  const spec = charts[0]!.spec as unknown as Spec;
  assert.deepEqual(spec.concat.map((v) => v.title), ['tcp gro=off', 'tcp gro=on']);
  assert.deepEqual(spec.resolve, { scale: { y: 'independent' } });
  assert.deepEqual(compileWarnings(charts[0]!.spec), []);
});

test('a view: the median as a line, its CI as a band, regressed nights marked, change points as dated rules', () => {
  const trend = fixtureTrend();
  const series = trend.series.find((s) => s.metric === 'throughputBps')!;
  const view = (trendCharts(trend)[0]!.spec as unknown as Spec).concat[0]!;
  const [nights, changes] = view.layer!;

  // The nights in Gbit/s, oldest first, with the night's verdict; x is the night, over every night of the trend.
  const rows = nights!.data!.values!;
  assert.deepEqual(rows.map((r) => r.night), series.nights.map((n) => n.dir));
  assert.deepEqual(rows.map((r) => [r.median, r.lo, r.hi]), series.nights.map((n) => [n.median * 1e-9, n.ciLow * 1e-9, n.ciHigh * 1e-9]));
  assert.deepEqual(rows.map((r) => r.verdict), ['no baseline', ...Array(5).fill('undecided'), ...Array(5).fill('regressed')]);
  assert.equal(nights!.encoding!.x.field, 'night');
  assert.deepEqual(nights!.encoding!.x.scale.domain, nightOrder(trend));

  const [band, line, regressed] = nights!.layer!;
  assert.deepEqual([band!.mark.type, band!.encoding!.y.field, band!.encoding!.y2.field], ['area', 'lo', 'hi']);
  assert.deepEqual([line!.mark.type, line!.encoding!.y.field, line!.encoding!.color.datum], ['line', 'median', TREND_MARKERS.median]);
  assert.equal(line!.encoding!.y.scale.zero, false);
  assert.deepEqual(regressed!.transform, [{ filter: { field: 'regressed', equal: true } }]);
  assert.deepEqual([regressed!.mark.shape, regressed!.encoding!.color.datum], ['diamond', TREND_MARKERS.regressed]);
  assert.deepEqual(rows.filter((r) => r.regressed).map((r) => r.night), series.nights.filter((n) => n.verdict === 'regressed').map((n) => n.dir));

  // The change point: a rule at the first night after the step, labelled with its date and size.
  const cp = series.changePoints[0]!;
  assert.deepEqual(changes!.data!.values!.map((r) => [r.night, r.date, r.shiftPercent, r.marker]), [['2026-11-26', '2026-11-26', cp.shiftPercent, TREND_MARKERS.worse]]);
  assert.match(changes!.data!.values![0]!.text as string, /^2026-11-26 −4\d\.\d%$/);
  const [rule, label] = changes!.layer!;
  assert.deepEqual([rule!.mark.type, rule!.encoding!.color.field, label!.mark.type, label!.encoding!.text.field], ['rule', 'marker', 'text', 'text']);
  // The same four colours everywhere: one legend.
  assert.deepEqual(rule!.encoding!.color.scale.domain, Object.values(TREND_MARKERS));
});

test('without change points a view has no change-point layer (not an empty one)', () => {
  const trend = fixtureTrend(['base', 'again', 'shaped']);
  assert.equal(trend.series.every((s) => s.changePoints.length === 0), true);
  const view = (trendCharts(trend)[0]!.spec as unknown as Spec).concat[0]!;
  assert.equal(view.layer!.length, 1);
});

test('UDP points add the packet-rate chart, after throughput; the x axis has every night in date order, then by run of the day', () => {
  const smoke = loadFixture('nightlySmoke');
  const records: NightRecord[] = ['2026-11-20', '2026-11-21', '2026-11-21-2', '2026-11-21-10'].map((dir, i) => {
    const pair = i === 0 ? undefined : comparePair(loadFixture('nightlySmoke'), smoke, DEFAULT_SETTINGS);
    return {
      schemaVersion: 1, date: dir.slice(0, 10), startedAt: `${dir.slice(0, 10)}T02:30:00Z`, dir, resultsFile: `${dir}/results.json`,
      outcome: nightOutcome(smoke.results, pair), points: nightPoints(smoke.results, pair),
    };
  });
  const trend = buildTrend(records, new Date('2026-11-22T00:00:00Z'));
  const charts = trendCharts(trend);
  assert.deepEqual(charts.map((c) => c.id), ['chart-trend-throughputBps', 'chart-trend-pps']);
  assert.deepEqual((charts[1]!.spec as unknown as Spec).concat.map((v) => v.title), ['udp-64B-pps gro=off', 'udp-64B-pps gro=on']);
  const pps = trend.series.find((s) => s.metric === 'pps')!;
  assert.deepEqual(nightRows(pps).map((r) => r.median), pps.nights.map((n) => n.median * 1e-6), 'Mpps');
  for (const c of charts) assert.deepEqual(compileWarnings(c.spec), [], c.id);
  // Series listed in any order still give the nights by date.
  trend.series.reverse();
  trend.series[0]!.nights.reverse();
  assert.deepEqual(nightOrder(trend), ['2026-11-20', '2026-11-21', '2026-11-21-2', '2026-11-21-10']);
});

test('the page: the latest night and its change points first, then charts, every change point and every night', () => {
  const page = renderTrendPage(fixtureTrend(), STUB_RUNTIME, '0.1.0');
  const at = (text: string) => page.indexOf(text);
  assert.ok(at('id="latest"') < at('id="chart-trend-throughputBps"') && at('id="chart-trend-throughputBps"') < at('id="change-points"') && at('id="change-points"') < at('id="nights"'));
  assert.match(page, /2026-11-30: <span class="badge outcome-regressed">regressed<\/span> — regressed: tcp gro=off, tcp gro=on/);
  assert.match(page, /<li><span class="tag">step<\/span> tcp gro=off throughputBps: −4\d\.\d% from 2026-11-26 on \(worse; median/);
  assert.match(page, /<td>tcp gro=on<\/td><td>Throughput<\/td><td>2026-11-26<\/td>/);
  assert.match(page, /<td>tcp gro=on<\/td><td>TCP RTT mean <span class="muted">\(does not gate\)<\/span><\/td>/);
  assert.equal(page.match(/<tr><td class="mono">2026-11-\d\d<\/td>/g)?.length, NIGHT_RUNS.length);
  assert.match(page, /<tr><td class="mono">2026-11-20<\/td><td><span class="badge outcome-pass">pass<\/span><\/td><td class="wrap"><span class="muted">no baseline<\/span>/);
});

test('an empty history: no chart, and the page says so', () => {
  const page = renderTrendPage(buildTrend([], new Date('2026-11-22T00:00:00Z')), STUB_RUNTIME, '0.1.0');
  assert.match(page, /No headline metric in the history yet: nothing to chart\./);
  assert.match(page, /The history has no night yet\./);
  assert.equal(page.match(/<script/gi)?.length, 5);
});

test('a hostile point label and night directory render as text; the chart data keep them intact', () => {
  const nights = fixtureNights();
  for (const n of nights) n.points[0]!.label = HOSTILE;
  nights.at(-1)!.dir = '<img src=x onerror=alert(2)>';
  const page = renderTrendPage(buildTrend(nights, new Date('2026-12-03T03:00:00Z')), STUB_RUNTIME, '<b>1</b>');
  assert.equal(page.match(/<script/gi)?.length, 5);
  assert.equal(page.match(/<\/script/gi)?.length, 5);
  assert.doesNotMatch(page, /<img|<b>1/i);
  assert.match(page, /regressed: &lt;script&gt;alert\(1\)&lt;\/script&gt;, tcp gro=on/);
  assert.match(page, /<td class="mono">&lt;img src=x onerror=alert\(2\)&gt;/);
  const block = /<script type="application\/json" id="vb-charts">([^<]*)<\/script>/.exec(page)![1]!;
  const embedded = JSON.parse(block) as { charts: { spec: Spec }[] };
  assert.equal(embedded.charts[0]!.spec.concat[0]!.title, HOSTILE);
});

test('trend.json is read back as written; anything else is refused with the field and the fix', () => {
  const trend = fixtureTrend();
  assert.deepEqual(parseTrend(JSON.stringify(trend), 't.json'), trend);
  assert.throws(() => parseTrend('{', 't.json'), /^InputError: t\.json: not JSON .*; pass the trend\.json vethbench nightly writes/);
  assert.throws(() => parseTrend(JSON.stringify({ ...trend, schemaVersion: 2 }), 't.json'), /t\.json: schemaVersion 2 is newer than this vethbench reads \(up to 1\)/);
  const bad = JSON.parse(JSON.stringify(trend)) as Trend;
  (bad.series[0]!.nights[2] as { median: unknown }).median = 'fast';
  assert.throws(() => parseTrend(JSON.stringify(bad), 't.json'), /t\.json: series\[0\]\.nights\[2\]\.median: expected number, got \"fast\"\n\s+pass the trend\.json/);
  assert.throws(() => parseTrend('[]', 't.json'), /t\.json: \(top level\): expected object, got \[\]/);
});
