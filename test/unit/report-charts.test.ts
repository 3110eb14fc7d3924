// The report's vega-lite specs as data: which charts, their fields, encodings and small multiples — and
// that vega-lite compiles every one of them without a warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { SAMPLES } from '../../src/report/html/shared/chart-helpers.ts';
import { MAX_SERIES_PER_POINT } from '../../src/report/html/run/interval-chart.ts';
import { runCharts } from '../../src/report/html/run/run-report.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { groInput, groResults } from '../helpers/report-fixtures.ts';

// Views of a spec, whichever small-multiples form it has.
type View = { title?: string; layer?: View[]; data?: { values?: Record<string, unknown>[]; name?: string }; transform?: unknown[]; encoding?: Record<string, any>; mark?: any };
type Spec = { concat?: View[]; vconcat?: { hconcat: View[] }[]; datasets?: Record<string, Record<string, unknown>[]>; data?: { values: Record<string, unknown>[] }; resolve?: unknown };
const views = (spec: unknown): View[] => {
  const s = spec as Spec;
  return s.concat ?? s.vconcat!.flatMap((row) => row.hconcat);
};
const chart = (charts: ReturnType<typeof runCharts>, id: string) => {
  const found = charts.find((c) => c.id === id);
  assert.ok(found, `chart ${id} among ${charts.map((c) => c.id).join(', ')}`);
  return found;
};

const PLAN_ORDER = (r: RunResults) => [...new Set(r.points.map((p) => Object.entries(p.requested).map(([k, v]) => `${k}=${v}`).join(' ')))];


test('the gro run gets one chart per measured metric, the time series and CPU efficiency — and no latency chart', () => {
  const ids = runCharts(groInput()).map((c) => c.id);
  assert.deepEqual(ids, [
    'chart-timeline', 'chart-throughputBps', 'chart-intervals', 'chart-pps', 'chart-lossPercent', 'chart-jitterMs', 'chart-retransmits',
    'chart-rttMeanUs', 'chart-cpuHostPercent', 'chart-cpuRemotePercent', 'chart-cpu-efficiency',
  ]);
});

test('every spec compiles with vega-lite without a warning', () => {
  for (const c of runCharts(groInput())) assert.deepEqual(compileWarnings(c.spec), [], c.id);
});

test('throughput: one view per workload; bars at the median, whiskers min–max, dots from the shared samples', () => {
  const results = groResults();
  const c = chart(runCharts(groInput(results)), 'chart-throughputBps');
  const spec = c.spec as Spec;
  assert.deepEqual(spec.resolve, { scale: { y: 'independent' } });
  assert.deepEqual(views(spec).map((v) => v.title), ['tcp', 'udp-1400B']);
  assert.match(c.caption, /whiskers: min–max/);

  const [tcp] = views(spec);
  const [summaryLayer, sampleLayer] = tcp!.layer!;
  const [bar, rule] = summaryLayer!.layer!;
  assert.equal(bar!.mark.type, 'bar');
  assert.equal(bar!.encoding!.y.field, 'median');
  assert.equal(rule!.mark.type, 'rule');
  assert.deepEqual([rule!.encoding!.y.field, rule!.encoding!.y2.field], ['lo', 'hi']);
  // Grouped by knob: x = gro (the matrix's first knob), colour and offset = tso; the samples find theirs by setting.
  assert.equal(summaryLayer!.encoding!.x.field, 'xLevel');
  assert.deepEqual(summaryLayer!.encoding!.x.sort, ['off', 'on']);
  assert.equal(summaryLayer!.encoding!.x.title, 'gro');
  assert.deepEqual([summaryLayer!.encoding!.xOffset.field, sampleLayer!.encoding!.xOffset.field], ['group', 'group']);
  assert.deepEqual(bar!.encoding!.color.scale.domain, ['tso=on', 'tso=off']);
  assert.match(c.caption, /x: gro; colour: tso/);
  const lookup = (sampleLayer!.transform as { lookup?: string; from?: { data: { values: { setting: string; xLevel: string; group: string }[] } } }[]).find((t) => t.lookup);
  assert.deepEqual(lookup!.from!.data.values.map((r) => [r.setting, r.xLevel, r.group]), PLAN_ORDER(results).map((setting) => {
    const [gro, tso] = setting.split(' ');
    return [setting, gro!.split('=')[1], tso];
  }));

  // The medians are the fixture's summaries in Gbit/s, with min–max as the error bar.
  const tcpPoints = results.points.filter((p) => p.workload.label === 'tcp');
  assert.deepEqual(summaryLayer!.data!.values!.map((r) => [r.setting, r.median, r.lo, r.hi]), tcpPoints.map((p) => {
    const s = p.summary.throughputBps!;
    return [Object.entries(p.requested).map(([k, v]) => `${k}=${v}`).join(' '), s.median * 1e-9, s.min * 1e-9, s.max * 1e-9];
  }));

  assert.deepEqual(sampleLayer!.data, { name: SAMPLES });
  assert.deepEqual(sampleLayer!.transform!.slice(0, 4), [
    { filter: { field: 'workload', equal: 'tcp' } }, { filter: { field: 'link', equal: 'veth' } },
    { filter: { field: 'throughputBps', valid: true } }, { calculate: 'datum["throughputBps"] * 1e-9', as: 'value' },
  ]);
  assert.equal(sampleLayer!.encoding!.y.field, 'value');
  // Every ok sample of the run is in the shared dataset, with its stored value.
  const rows = spec.datasets![SAMPLES]!;
  const okSamples = results.points.flatMap((p) => p.samples.filter((s) => s.status === 'ok'));
  assert.equal(rows.length, okSamples.length);
  assert.deepEqual(rows.map((r) => r.throughputBps).sort(), okSamples.map((s) => s.metrics!.throughputBps).sort());
});

test('a metric only one workload has gets only that view: retransmits for TCP, loss for UDP', () => {
  const charts = runCharts(groInput());
  assert.deepEqual(views(chart(charts, 'chart-retransmits').spec).map((v) => v.title), ['tcp']);
  assert.deepEqual(views(chart(charts, 'chart-lossPercent').spec).map((v) => v.title), ['udp-1400B']);
});

test('with ciLow/ciHigh in the summaries the whiskers are the confidence interval', () => {
  const results = groResults();
  for (const p of results.points) {
    const s = p.summary.throughputBps! as typeof p.summary.throughputBps & { ciLow: number; ciHigh: number };
    s.ciLow = s.median * 0.99;
    s.ciHigh = s.median * 1.01;
  }
  const c = chart(runCharts(groInput(results)), 'chart-throughputBps');
  assert.match(c.caption, /whiskers: CI of the median;/);
  const medians = views(c.spec)[0]!.layer![0]!.data!.values!;
  for (const m of medians) {
    assert.equal(m.range, 'CI');
    assert.ok(Math.abs((m.lo as number) - (m.median as number) * 0.99) < 1e-9, `lo ${m.lo} vs median ${m.median}`);
  }
  // Other metrics still have no CI: min–max.
  assert.match(chart(runCharts(groInput(results)), 'chart-pps').caption, /whiskers: min–max/);
});

test('more than one link kind: one row of views per link kind, titled by workload and link', () => {
  const results = groResults();
  const copies = results.points.map((p) => ({ ...p, id: `${p.id}m`, link: 'macvlan' as const }));
  results.points.push(...copies);
  const spec = chart(runCharts(groInput(results)), 'chart-throughputBps').spec as Spec;
  assert.equal(spec.concat, undefined);
  assert.deepEqual(spec.vconcat!.map((row) => row.hconcat.map((v) => v.title)), [['tcp on veth', 'udp-1400B on veth'], ['tcp on macvlan', 'udp-1400B on macvlan']]);
  assert.deepEqual(compileWarnings(spec), []);
});

test('time series: every interval of the real raw files, one line per sample, capped per point', () => {
  const input = groInput();
  const c = chart(runCharts(input), 'chart-intervals');
  const rows = (c.spec as Spec).data!.values;
  const expected = input.intervals.reduce((n, s) => n + s.intervals.length, 0);
  assert.equal(rows.length, expected);
  assert.equal(input.intervals.length, 24, 'every fixture sample has its raw file');
  const line = views(c.spec)[0]!;
  assert.equal(line.mark.type, 'line');
  assert.deepEqual([line.encoding!.x.field, line.encoding!.y.field, line.encoding!.detail.field, line.encoding!.color.field], ['t', 'gbps', 'repetition', 'setting']);
  assert.doesNotMatch(c.caption, /first/);
});

test('time series with many repetitions draws the first ones and says so', () => {
  const results = groResults();
  const point = results.points[0]!;
  point.samples = Array.from({ length: MAX_SERIES_PER_POINT + 5 }, (_, r) => ({ ...point.samples[0]!, repetition: r }));
  const input = groInput(results);
  assert.equal(input.intervals.filter((s) => s.pointId === point.id).length, MAX_SERIES_PER_POINT);
  assert.match(chart(runCharts(input), 'chart-intervals').caption, new RegExp(`first ${MAX_SERIES_PER_POINT} repetitions`));
});

test('no raw files: no time series (not an empty one)', () => {
  const input = { ...groInput(), intervals: [] };
  assert.equal(runCharts(input).some((c) => c.id === 'chart-intervals'), false);
});

test('CPU efficiency: Gbit/s per core of client + server, per workload, from the shared samples', () => {
  const c = chart(runCharts(groInput()), 'chart-cpu-efficiency');
  const [tcp] = views(c.spec);
  assert.deepEqual(tcp!.data, { name: SAMPLES });
  assert.ok(tcp!.transform!.some((t) => JSON.stringify(t) === JSON.stringify({ calculate: '(datum.cpuHostPercent + datum.cpuRemotePercent) / 100', as: 'cores' })));
  assert.deepEqual([tcp!.encoding!.x.field, tcp!.encoding!.y.field], ['gbps', 'gbpsPerCore']);
  assert.match(tcp!.mark.tooltip.expr, /"Gbit\/s per core": datum\["gbpsPerCore"\]/);
});

test('latency percentiles, when a run has them: one CDF chart, percentiles as cumulative fractions, log scale', () => {
  const results = groResults();
  for (const p of results.points) {
    const base = p.summary.throughputBps!;
    Object.assign(p.summary, {
      latencyP50Us: { ...base, median: 28, min: 27, max: 30 },
      latencyP99Us: { ...base, median: 37, min: 35, max: 41 },
      latencyP999Us: { ...base, median: 60, min: 55, max: 80 },
    });
  }
  const charts = runCharts(groInput(results));
  const c = chart(charts, 'chart-latency-cdf');
  assert.equal(charts.indexOf(c), 3, 'right after the timeline, throughput and its time series');
  const rows = (c.spec as Spec).data!.values;
  assert.deepEqual([...new Set(rows.map((r) => `${r.position}@${r.fraction}=${r.value}`))], ['p50@0.5=28', 'p99@0.99=37', 'p99.9@0.999=60']);
  assert.equal(views(c.spec)[0]!.encoding!.x.scale.type, 'log');
  assert.deepEqual(compileWarnings(c.spec), []);
});

test('a run where every sample failed has no charts at all', () => {
  const results = groResults();
  for (const p of results.points) {
    p.samples = p.samples.map((s) => ({ ...s, status: 'failed' as const, reason: 'iperf3: connection refused', metrics: undefined }));
    p.summary = {};
  }
  assert.deepEqual(runCharts({ ...groInput(results), intervals: [] }), []);
});
