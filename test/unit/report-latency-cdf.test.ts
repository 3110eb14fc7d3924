// The latency CDF of the run report, from real results: the sockperf run captured from the main of 2026-12-01 (idle
// and under load), and points built from captured iperf2 and sockperf output run through the real parsers (rr's
// binned round trips, rr over UDP, crr's connect times). Rows are checked against the stored figures, the spec
// against vega-lite.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SampleMetrics } from '../../src/metrics/registry.ts';
import { parseSockperfOutput } from '../../src/tools/sockperf-parse.ts';
import { curvePositions, LATENCY_FAMILIES, monotone, type CdfRow, type MedianCdfRow } from '../../src/report/html/run/latency-cdf-data.ts';
import { latencyCdfChart, MAX_SAMPLE_CURVES_PER_VIEW } from '../../src/report/html/run/latency-cdf-chart.ts';
import { runCharts } from '../../src/report/html/run/run-report.ts';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { bouncebackMetrics, fixture, latencyRun, pointOf, rrAndCrrPoints } from '../helpers/latency-points.ts';

type Spec = { data: { values: CdfRow[] }; concat?: { title: string; encoding: Record<string, any>; layer: { mark: any; transform: unknown[] }[] }[] };
const rowsOf = (spec: unknown) => (spec as Spec).data.values;
const medianRows = (spec: unknown) => rowsOf(spec).filter((r): r is MedianCdfRow => r.kind === 'median');
const curve = (rows: readonly CdfRow[], workload: string, curveLabel: string, line?: string) =>
  rows.filter((r) => r.workload === workload && r.curve === curveLabel && (line === undefined || r.line === line)).map((r) => [r.fraction, r.value]);

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('latency CDF: the positions come from the registry', () => {
  it('each family: min at 0, its percentile metrics in order, max at 1', () => {
    const [idle, loaded, rtt, connect] = LATENCY_FAMILIES.map(curvePositions);
    assert.deepEqual(idle!.map((p) => [p.metric, p.position, p.fraction]), [
      ['latencyMinUs', 'min', 0], ['latencyP50Us', 'p50', 0.5], ['latencyP90Us', 'p90', 0.9], ['latencyP99Us', 'p99', 0.99],
      ['latencyP999Us', 'p99.9', 0.999], ['latencyMaxUs', 'max', 1],
    ]);
    assert.deepEqual(loaded!.map((p) => p.metric), ['loadedLatencyMinUs', 'loadedLatencyP50Us', 'loadedLatencyP90Us', 'loadedLatencyP99Us', 'loadedLatencyP999Us', 'loadedLatencyMaxUs']);
    assert.deepEqual(rtt!.map((p) => p.metric), ['transactionRttMinUs', 'rttP50Us', 'rttP90Us', 'rttP99Us', 'rttP999Us', 'transactionRttMaxUs']);
    assert.deepEqual(connect!.map((p) => p.metric), ['connectMinUs', 'connectP50Us', 'connectP90Us', 'connectP99Us', 'connectMaxUs']);
  });

  it('a curve never goes back: a value below an earlier one, or not above 0, is left out', () => {
    const kept = monotone([{ fraction: 1, value: 80 }, { fraction: 0.5, value: 100 }, { fraction: 0, value: 0 }, { fraction: 0.999, value: 100 }]);
    assert.deepEqual(kept, [{ fraction: 0.5, value: 100 }, { fraction: 0.999, value: 100 }]);
  });
});

describe('latency CDF of a sockperf run (captured results, idle and under load)', () => {
  const results = latencyRun();
  const chart = latencyCdfChart(results.points, ['(defaults)'])!;

  it('one view per workload; idle and under-load curves where the point measured both', () => {
    assert.deepEqual((chart.spec as Spec).concat!.map((v) => v.title), ['pingpong-udp-64B', 'pingpong-tcp-64B', 'pingpong-udp-1400B', 'pingpong-tcp-1400B']);
    const rows = medianRows(chart.spec);
    const curvesOf = (w: string) => [...new Set(rows.filter((r) => r.workload === w).map((r) => r.curve))];
    assert.deepEqual(curvesOf('pingpong-udp-64B'), ['Latency', 'Latency under load']);
    assert.deepEqual(curvesOf('pingpong-tcp-1400B'), ['Latency'], 'underLoad: false measured idle only');
  });

  it('x = the stored medians of min, p50 … p99.9, max; y = their cumulative fraction', () => {
    const point = results.points[0]!;
    const s = (m: keyof typeof point.summary) => point.summary[m]!.median;
    const rows = medianRows(chart.spec);
    assert.deepEqual(curve(rows, 'pingpong-udp-64B', 'Latency'), [
      [0, s('latencyMinUs')], [0.5, s('latencyP50Us')], [0.9, s('latencyP90Us')], [0.99, s('latencyP99Us')], [0.999, s('latencyP999Us')], [1, s('latencyMaxUs')],
    ]);
    assert.deepEqual(curve(rows, 'pingpong-udp-64B', 'Latency under load'), [
      [0, s('loadedLatencyMinUs')], [0.5, s('loadedLatencyP50Us')], [0.9, s('loadedLatencyP90Us')], [0.99, s('loadedLatencyP99Us')], [0.999, s('loadedLatencyP999Us')], [1, s('loadedLatencyMaxUs')],
    ]);
    // The captured figures, so a wrong metric mapping cannot pass by symmetry.
    assert.deepEqual(curve(rows, 'pingpong-udp-64B', 'Latency').map(([, v]) => v), [7.849, 8.059, 10.153, 14.191, 42.719, 94.15]);
    const p50 = rows.find((r) => r.workload === 'pingpong-udp-64B' && r.curve === 'Latency' && r.position === 'p50')!;
    assert.equal(p50.countText, '31,549 latency observations');
    assert.equal(p50.samples, 1);
  });

  it('each sample has its own faint curve; the caption says what the percentiles are and how many observations', () => {
    const samples = rowsOf(chart.spec).filter((r) => r.kind === 'sample');
    assert.equal(new Set(samples.map((r) => `${r.workload} ${r.line}`)).size, 7, 'three points idle + loaded, one idle only; one sample each');
    assert.match(chart.caption, /half the round trip/);
    assert.match(chart.caption, /15,301–31,549 latency observations per sample/);
    assert.match(chart.caption, /under load: the same while an iperf3 TCP stream saturates the link \(2,908–26,942 latency observations under load per sample\)/);
    const [view] = (chart.spec as Spec).concat!;
    assert.equal(view!.encoding.x.scale.type, 'log');
    assert.equal(view!.encoding.x.title, 'Latency (µs)');
    assert.equal(view!.encoding.y.field, 'fraction');
    assert.deepEqual(view!.encoding.strokeDash.scale, { domain: ['Latency', 'Latency under load'], range: [[1, 0], [6, 3]] }, 'under load dashed');
    assert.match(chart.caption, /colour: setting, dashed: under load\./);
    assert.deepEqual(view!.layer.map((l) => l.mark.opacity ?? 1), [0.25, 1]);
  });

  it('compiles with vega-lite without a warning, and takes the latency place in the run report', () => {
    assert.deepEqual(compileWarnings(chart.spec), []);
    const ids = runCharts({ results, intervals: [], missingRaw: [], resultsHref: 'results.json' }).map((c) => c.id);
    assert.ok(ids.includes('chart-latency-cdf'), ids.join(', '));
    assert.ok(!ids.includes('chart-latency-percentiles'), 'the CDF replaces the percentile chart');
  });
});

describe('latency CDF over several samples (captured sockperf output, real parser)', () => {
  const template = latencyRun().points[0]!;
  const parsed = ['sockperf/udp-64.txt', 'sockperf/tcp-64.txt', 'sockperf/udp-1400.txt'].map((f) => {
    const p = parseSockperfOutput(fixture(f));
    assert.ok(p.ok, f);
    return p.metrics as SampleMetrics;
  });
  const point = pointOf(template, 'pingpong', 'sockperf', { gro: 'on' }, parsed);
  const chart = latencyCdfChart([point], ['gro=on'])!;

  it('the bold curve is the median over the samples of each percentile, with the samples\' min and max', () => {
    const rows = medianRows(chart.spec);
    const p99 = rows.find((r) => r.position === 'p99')!;
    const values = parsed.map((m) => m.latencyP99Us!);
    assert.equal(p99.value, median(values));
    assert.deepEqual([p99.lo, p99.hi, p99.samples], [Math.min(...values), Math.max(...values), 3]);
    assert.deepEqual(curve(rows, 'pingpong', 'Latency').map(([f]) => f), [0, 0.5, 0.9, 0.99, 0.999, 1]);
  });

  it('one faint curve per sample, its own figures', () => {
    const samples = rowsOf(chart.spec).filter((r) => r.kind === 'sample');
    assert.equal(new Set(samples.map((r) => r.line)).size, 3);
    assert.deepEqual(curve(samples, 'pingpong', 'Latency', 'gro=on · Latency · r1').map(([, v]) => v),
      [parsed[1]!.latencyMinUs, parsed[1]!.latencyP50Us, parsed[1]!.latencyP90Us, parsed[1]!.latencyP99Us, parsed[1]!.latencyP999Us, parsed[1]!.latencyMaxUs]);
  });

  it('contaminated samples draw no curve of their own (they are not in the summary either)', () => {
    const dirty = structuredClone(point);
    dirty.samples[2]!.contaminated = true;
    const lines = new Set(rowsOf(latencyCdfChart([dirty], ['gro=on'])!.spec).filter((r) => r.kind === 'sample').map((r) => r.line));
    assert.deepEqual([...lines], ['gro=on · Latency · r0', 'gro=on · Latency · r1']);
  });

  it(`more than ${MAX_SAMPLE_CURVES_PER_VIEW} sample curves in a view: medians only, and the caption says so`, () => {
    const many = pointOf(template, 'pingpong', 'sockperf', { gro: 'on' }, Array.from({ length: MAX_SAMPLE_CURVES_PER_VIEW + 1 }, (_, i) => parsed[i % 3]!));
    const c = latencyCdfChart([many], ['gro=on'])!;
    assert.equal(rowsOf(c.spec).filter((r) => r.kind === 'sample').length, 0);
    assert.match(c.caption, new RegExp(`pingpong: more than ${MAX_SAMPLE_CURVES_PER_VIEW} sample curves, medians only`));
    assert.deepEqual(compileWarnings(c.spec), []);
  });
});

describe('latency CDF of request/response and connection-rate points (captured iperf2 and sockperf output)', () => {
  const template = latencyRun().points[0]!;
  const one = bouncebackMetrics('iperf2/bounceback-64B-1flow.txt');
  const points = rrAndCrrPoints(template);
  const settings = ['flows=1', 'flows=4'];
  const chart = latencyCdfChart(points, settings)!;
  const rows = medianRows(chart.spec);

  it('rr on iperf2: the percentiles are the histogram\'s upper bin edges; a max below the last edge is left out', () => {
    assert.deepEqual(curve(rows, 'rr-tcp-64B', 'Transaction RTT', 'flows=1 · Transaction RTT'), [[0, 19], [0.5, 100], [0.9, 100], [0.99, 100], [0.999, 200], [1, 4036]]);
    assert.deepEqual(curve(rows, 'rr-tcp-64B', 'Transaction RTT', 'flows=4 · Transaction RTT'), [[0, 20], [0.5, 100], [0.9, 200], [0.99, 200], [0.999, 500], [1, 48234]]);
    const p50 = rows.find((r) => r.line === 'flows=1 · Transaction RTT' && r.position === 'p50')!;
    assert.equal(p50.note, '≤: upper edge of a 100 µs histogram bin');
    assert.equal(p50.countText, '81,902 transactions counted');
    const inside = pointOf(template, 'rr-tcp-64B', 'rr', { flows: 1 }, [{ ...one, transactionRttMaxUs: 150 }]);
    assert.deepEqual(curve(medianRows(latencyCdfChart([inside], settings)!.spec), 'rr-tcp-64B', 'Transaction RTT').map(([f]) => f), [0, 0.5, 0.9, 0.99, 0.999]);
  });

  it('rr over UDP (sockperf) and crr: their own round trips and connect times, as measured', () => {
    assert.deepEqual(curve(rows, 'rr-udp-64B', 'Transaction RTT'), [[0, 5.76], [0.5, 6.214], [0.9, 6.586], [0.99, 11.58], [0.999, 19.18], [1, 836.454]]);
    assert.deepEqual(curve(rows, 'crr', 'Connect time'), [[0, 16], [0.5, 20], [0.9, 20], [0.99, 30], [1, 35]]);
    assert.equal(rows.find((r) => r.workload === 'crr')!.countText, '40 connections counted');
  });

  it('the caption says what each kind of percentile is, with its counts', () => {
    assert.match(chart.caption, /p50–p99\.9 are the upper edges of iperf2's 100 µs histogram bins/);
    assert.match(chart.caption, /\(81,902–109,622 transactions counted per sample\)/);
    assert.match(chart.caption, /rr over UDP, sockperf\): full round trips, twice sockperf's half round trip.*\(85,117 transactions counted per sample\)/);
    assert.match(chart.caption, /Connect time \(crr\): .*10 µs resolution \(40 connections counted per sample\)/);
  });

  it('one view per workload, x titled from the registry; compiles without a warning', () => {
    const views = (chart.spec as Spec).concat!;
    assert.deepEqual(views.map((v) => [v.title, v.encoding.x.title]), [['rr-tcp-64B', 'Transaction RTT (µs)'], ['rr-udp-64B', 'Transaction RTT (µs)'], ['crr', 'Connect time (µs)']]);
    assert.equal(views[0]!.encoding.strokeDash, undefined, 'no idle vs under load here: no dashes');
    assert.match(chart.caption, /colour: setting\. /);
    assert.deepEqual(compileWarnings(chart.spec), []);
  });

  it('a run without percentiles (iperf3 only) gets no latency chart', () => {
    const iperf3Only = pointOf(template, 'tcp', 'iperf3', {}, [{ throughputBps: 1e10 }]);
    assert.equal(latencyCdfChart([iperf3Only], ['(defaults)']), undefined);
  });
});
