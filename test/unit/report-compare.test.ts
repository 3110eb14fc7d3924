// The comparison page: its vega-lite specs as data (fields, encodings, colours by verdict, threshold lines, the
// capacity view), that vega-lite compiles them without a warning, and that text from results can never become markup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import type { LoadedRun } from '../../src/compare/compare-pair.ts';
import { VERDICT_SEVERITY, type ComparisonReport } from '../../src/compare/types.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { capacityData, comparisonCharts, deltaRows, pointNames } from '../../src/report/html/compare/compare-charts.ts';
import { renderComparisonPage, type ComparisonPageInput } from '../../src/report/html/compare/compare-page.ts';
import { VERDICT_COLORS } from '../../src/report/html/shared/verdict-colors.ts';
import { validateResults } from '../../src/files/read-results.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const NOW = new Date('2026-11-28T09:00:00Z');
const HOSTILE = '<script>alert(1)</script>';

type Layer = { data?: { values?: Record<string, unknown>[] }; layer?: Layer[]; mark?: any; encoding?: Record<string, any>; transform?: unknown[]; title?: string };


function reportOf(runs: LoadedRun[], thresholdPercent = 5): ComparisonReport {
  return buildComparisonReport(runs, { ...DEFAULT_SETTINGS, thresholdPercent }, NOW);
}

function pageInput(runs: LoadedRun[], thresholdPercent = 5): ComparisonPageInput {
  return { report: reportOf(runs, thresholdPercent), runs: runs.map((r) => validateResults(r.results, r.file)) };
}

test('two runs: one Δ chart and no capacity view; three runs: a Δ chart per comparison, then capacity', () => {
  assert.deepEqual(comparisonCharts(reportOf([loadFixture('base'), loadFixture('shaped')])).map((c) => c.id), ['chart-delta-2']);
  const three = comparisonCharts(reportOf([loadFixture('base'), loadFixture('again'), loadFixture('shaped')]));
  assert.deepEqual(three.map((c) => c.id), ['chart-delta-2', 'chart-delta-3', 'chart-capacity']);
  assert.deepEqual(three.map((c) => c.title), ['Δ of medians: run 2 against the base', 'Δ of medians: run 3 against the base', 'Every run side by side: capacity per host']);
  for (const c of three) assert.deepEqual(compileWarnings(c.spec), [], c.id);
});

test('Δ chart: a bar per point at the Δ of its deciding metric, the CI of the shift as error bar, coloured by verdict', () => {
  const report = reportOf([loadFixture('base'), loadFixture('shaped')], 7.5);
  const pair = report.comparisons[0]!;
  const [chart] = comparisonCharts(report);
  const [threshold, zero, data] = (chart!.spec as { layer: Layer[] }).layer;

  // Threshold lines at ±threshold and the zero line, as rules over the whole height.
  assert.deepEqual(threshold!.data!.values, [{ x: -7.5 }, { x: 7.5 }]);
  assert.equal(threshold!.mark.type, 'rule');
  assert.deepEqual(threshold!.mark.strokeDash, [5, 4]);
  assert.deepEqual(zero!.data!.values, [{ x: 0 }]);
  assert.match(chart!.caption, /dashed lines at ±7\.5 %/);

  // The data are the comparison's numbers, unrounded: the deciding metric's Δ and the shift's CI.
  const rows = data!.data!.values!;
  assert.deepEqual(rows.map((r) => [r.key, r.verdict, r.metric]), pair.points.map((p) => [p.key, 'regressed', 'throughput']));
  for (const p of pair.points) {
    const m = p.metrics.find((x) => x.metric === p.decidingMetric)!;
    const row = rows.find((r) => r.key === p.key)!;
    assert.deepEqual([row.delta, row.lo, row.hi, row.pAdjusted], [m.deltaPercent, m.deltaCi!.lowPercent, m.deltaCi!.highPercent, m.pAdjusted]);
  }

  const [bar, whisker, label] = data!.layer!;
  assert.equal(bar!.mark.type, 'bar');
  assert.deepEqual([bar!.encoding!.x.field, bar!.encoding!.y.field, bar!.encoding!.color.field], ['delta', 'point', 'verdict']);
  assert.deepEqual(bar!.encoding!.y.sort, pair.points.map((p) => p.label), 'most severe first, as the table');
  // Colour by verdict: every verdict in the legend, each always the same colour.
  assert.deepEqual(bar!.encoding!.color.scale, { domain: [...VERDICT_SEVERITY], range: VERDICT_SEVERITY.map((v) => VERDICT_COLORS[v]) });
  assert.equal(VERDICT_COLORS.regressed, '#c62828');
  assert.deepEqual([whisker!.mark.type, whisker!.encoding!.x.field, whisker!.encoding!.x2.field], ['rule', 'lo', 'hi']);
  assert.deepEqual([label!.mark.type, label!.encoding!.text.field], ['text', 'text']);
  assert.match(rows[0]!.text as string, /^−4\d\.\d% throughput, Holm p 0\.004$/);
});

test('A/A: the undecided points are amber, with the shift CI crossing zero', () => {
  const rows = deltaRows(reportOf([loadFixture('base'), loadFixture('again')]).comparisons[0]!);
  assert.deepEqual(rows.map((r) => r.verdict), ['undecided', 'undecided']);
  for (const r of rows) assert.ok(r.lo < 0 && r.hi > 0, `${r.point}: ${r.lo} … ${r.hi}`);
});

test('a point without a Δ % (base median 0) is left out of the chart and the caption says so', () => {
  const report = reportOf([loadFixture('base'), loadFixture('shaped')]);
  const point = report.comparisons[0]!.points[0]!;
  const m = point.metrics.find((x) => x.metric === point.decidingMetric)!;
  m.deltaPercent = null;
  m.deltaCi = null;
  const [chart] = comparisonCharts(report);
  assert.equal(deltaRows(report.comparisons[0]!).length, 1);
  assert.match(chart!.caption, /1 point\(s\) without a Δ % .* are in the table only/);
  // No point with a Δ at all: no chart rather than an empty one.
  for (const p of report.comparisons[0]!.points) p.decidingMetric = undefined;
  assert.deepEqual(comparisonCharts(report), []);
});

test('capacity: per point and run the median and CI in Gbit/s, absolute and per logical CPU', () => {
  const report = reportOf([loadFixture('base'), loadFixture('again'), loadFixture('shaped')]);
  const rows = capacityData(report.capacity);
  assert.equal(rows.length, 2 * 3 * 2, 'two points × three runs × (absolute, per CPU); TCP only: no packet rate');
  const cell = report.capacity.rows[0]!.cells[2]!.throughputBps!;
  const [absolute, perCpu] = rows.filter((r) => r.point === report.capacity.rows[0]!.label && r.run.startsWith('3 '));
  assert.deepEqual([absolute!.per, absolute!.value, absolute!.lo, absolute!.hi], ['absolute', cell.median * 1e-9, cell.ciLow * 1e-9, cell.ciHigh * 1e-9]);
  assert.deepEqual([perCpu!.per, perCpu!.value, perCpu!.cpus], ['per CPU', (cell.median / 2) * 1e-9, 2]);
  assert.equal(absolute!.run, '3 · vm, 2 CPUs, 6.18.44-fc-v657');

  const chart = comparisonCharts(report).find((c) => c.id === 'chart-capacity')!;
  const spec = chart.spec as { concat: Layer[]; resolve: unknown };
  assert.deepEqual(spec.concat.map((v) => v.title), ['Throughput (Gbit/s)', 'Throughput per logical CPU (Gbit/s)']);
  assert.deepEqual(spec.resolve, { scale: { y: 'independent' } });
  const [bars, rule] = spec.concat[0]!.layer!;
  assert.deepEqual([bars!.encoding!.y.field, bars!.encoding!.color.field, spec.concat[0]!.encoding!.xOffset.field], ['value', 'run', 'run']);
  assert.deepEqual(bars!.encoding!.color.scale.domain, ['1 base · vm, 2 CPUs, 6.18.44-fc-v657', '2 · vm, 2 CPUs, 6.18.44-fc-v657', '3 · vm, 2 CPUs, 6.18.44-fc-v657']);
  assert.deepEqual([rule!.encoding!.y.field, rule!.encoding!.y2.field], ['lo', 'hi']);
  // A run without host facts has no per-CPU figure, not a wrong one.
  delete report.capacity.runs[1]!.host;
  assert.equal(capacityData(report.capacity).filter((r) => r.run.startsWith('2 ')).every((r) => r.per === 'absolute'), true);
});

test('the page: verdict counts and reasons first, every metric in the table, hosts side by side', () => {
  const page = renderComparisonPage(pageInput([loadFixture('base'), loadFixture('shaped')]), STUB_RUNTIME);
  const at = (text: string) => page.indexOf(text);
  assert.ok(at('id="verdict-2"') < at('id="chart-delta-2"') && at('id="chart-delta-2"') < at('id="table-2"') && at('id="table-2"') < at('id="hosts"'), 'verdict, Δ chart, table, hosts');
  assert.match(page, /<span class=""><span class="badge verdict v-regressed">regressed<\/span> 2<\/span><span class="zero"><span class="badge verdict v-invalid">invalid<\/span> 0<\/span>/);
  assert.match(page, /<b>tcp gro=off<\/b>: throughput: −42\.3% \[−53\.5% … −29\.5%\] \(98\.5% CI\) excludes 0 and is beyond ±5%, p 0\.004/);
  // One row per point × metric, the deciding one marked.
  assert.equal(page.match(/<tr class="[^"]*"><td rowspan="9"/g)?.length, 2);
  assert.equal(page.match(/<tr class="first deciding">/g)?.length, 2);
  assert.match(page, /<th>run 1 \(base\)<\/th><th>run 2<\/th>/);
  assert.match(page, /<tr><td>kernel<\/td><td class="wrap">6\.18\.44-fc-v657<\/td><td class="wrap">6\.18\.44-fc-v657<\/td><\/tr>/);
  assert.doesNotMatch(page, /id="capacity"/, 'two runs: no capacity view');
  assert.doesNotMatch(page, /class="card warn"/, 'the same host, kernel and tools: no warning');
});

test('facts that differ between the runs: a warning card listing them, and the host rows highlighted', () => {
  const base = loadFixture('base');
  const next = loadFixture('shaped');
  next.results.host!.kernel = '6.19.0-rc1';
  next.results.host!.toolVersions.iperf3 = '3.16';
  const page = renderComparisonPage(pageInput([base, next]), STUB_RUNTIME);
  assert.match(page, /<section class="card warn" id="warnings-2"><h2>Warnings<\/h2>/);
  assert.match(page, /The runs differ in 2 fact\(s\): a delta may be theirs, not the knob's\./);
  assert.match(page, /<tr><td>kernel<\/td><td class="mono">6\.18\.44-fc-v657<\/td><td class="mono">6\.19\.0-rc1<\/td><\/tr>/);
  assert.match(page, /<tr class="differs"><td>kernel <span class="tag">differs<\/span><\/td>/);
  assert.match(page, /<tr class="differs"><td>iperf3 <span class="tag">differs<\/span><\/td>/);
});

test('three runs: the capacity chart and table, with every run named', () => {
  const page = renderComparisonPage(pageInput([loadFixture('base'), loadFixture('again'), loadFixture('shaped')]), STUB_RUNTIME);
  for (const id of ['verdict-2', 'verdict-3', 'chart-delta-2', 'chart-delta-3', 'chart-capacity', 'capacity']) assert.match(page, new RegExp(`id="${id}"`), id);
  assert.match(page, /<h2>Verdict: run 3 against the base<\/h2>/);
  assert.match(page, /13\.2 Gbit\/s per CPU/);
});

test('a hostile scenario name, point label, key and fact render as text; the chart data keep them intact', () => {
  const base = loadFixture('base');
  const next = loadFixture('shaped');
  for (const run of [base, next]) {
    run.results.scenario.name = HOSTILE;
    run.results.points[0]!.label = HOSTILE;
    run.results.points[0]!.key = `veth|gro=<img src=x onerror=alert(2)>|tcp`;
  }
  next.results.host!.hostname = '<svg onload=alert(3)>';
  const input = pageInput([base, next]);
  input.resultsHrefs = ['"><script>alert(4)</script>', 'b.json'];
  const page = renderComparisonPage(input, STUB_RUNTIME);

  // Exactly the page's own scripts: three runtimes, the chart data block and the embed script.
  assert.equal(page.match(/<script/gi)?.length, 5);
  assert.equal(page.match(/<\/script/gi)?.length, 5);
  assert.doesNotMatch(page, /<img|<svg|<!--/i);
  assert.match(page, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; — vethbench comparison<\/title>/);
  assert.match(page, /<h1>Comparison: &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(page, /<b>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/b>/);
  assert.match(page, /href="&quot;&gt;&lt;script&gt;alert\(4\)&lt;\/script&gt;"/);
  assert.match(page, /&lt;svg onload=alert\(3\)&gt;/);
  const block = /<script type="application\/json" id="vb-charts">([^<]*)<\/script>/.exec(page)![1]!;
  const embedded = JSON.parse(block) as { charts: { spec: { layer: Layer[] } }[] };
  assert.ok(embedded.charts[0]!.spec.layer[2]!.data!.values!.some((r) => r.point === HOSTILE));
});

test('point names: the label, or label and key when two points share a label', () => {
  assert.deepEqual([...pointNames([{ key: 'a', label: 'tcp' }, { key: 'b', label: 'tcp' }, { key: 'c', label: 'udp' }]).values()], ['tcp (a)', 'tcp (b)', 'udp']);
});

test('the page needs the runs of its report, in order', () => {
  const input = pageInput([loadFixture('base'), loadFixture('shaped')]);
  assert.throws(() => renderComparisonPage({ ...input, runs: input.runs.slice(1) }, STUB_RUNTIME), /1 runs for a report of 2/);
});
