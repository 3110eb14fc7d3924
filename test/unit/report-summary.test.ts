// The answer-first parts of the report: verdict lines, warnings, the table of every number and its CSV.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pointTableRows, TABLE_COLUMNS, toCsv } from '../../src/report/html/run/point-table.ts';
import { runWarnings } from '../../src/report/html/run/run-warnings.ts';
import { formatValue, significant } from '../../src/metrics/format.ts';
import { verdictLines, verdictText } from '../../src/report/html/run/verdict.ts';
import type { PointResult } from '../../src/results/schema.ts';
import { groResults } from '../helpers/report-fixtures.ts';

const setting = (p: PointResult) => Object.entries(p.requested).map(([k, v]) => `${k}=${v}`).join(' ');
const median = (p: PointResult) => p.summary.throughputBps!.median;

test('significant: three significant digits, thousands separators from 1000 up', () => {
  assert.deepEqual([31.96, 7.4199, 0.30944, 0, 1648.4, 123456].map((v) => significant(v)), ['32.0', '7.42', '0.309', '0', '1,648', '123,456']);
  assert.equal(significant(4.2304, 2), '4.2');
  assert.deepEqual([2, 17, 1.5].map((v) => formatValue(v, 'count')), ['2', '17', '1.50'], 'a whole count is shown whole');
  assert.equal(formatValue(5e9, 'bit/s'), '5.00 Gbit/s', 'a rate keeps its three digits');
});

test('verdict per workload: the best setting by median throughput and how many times the worst it is', () => {
  const results = groResults();
  const lines = verdictLines(results.points);
  assert.deepEqual(lines.map((l) => l.scope), ['tcp', 'udp-1400B']);
  for (const line of lines) {
    const group = results.points.filter((p) => p.workload.label === line.scope).sort((a, b) => median(b) - median(a));
    const [best, runnerUp] = group;
    const worst = group[group.length - 1]!;
    assert.equal(line.best, setting(best!));
    assert.equal(line.bestValue, `${significant(median(best!) / 1e9)} Gbit/s`);
    assert.equal(line.versus, `${significant(median(best!) / median(worst), 2)}× ${setting(worst)} (${significant(median(worst) / 1e9)} Gbit/s)`);
    const overlap = best!.summary.throughputBps!.min <= runnerUp!.summary.throughputBps!.max;
    assert.equal(line.caveat !== undefined, overlap, `${line.scope}: caveat iff the best's range overlaps the runner-up's`);
  }
});

test('verdict: a clear winner has no caveat; a single setting says so; latency p99 ranks lower as better', () => {
  const results = groResults();
  const tcp = results.points.filter((p) => p.workload.label === 'tcp');
  // Pull every range tight around its median: the winner no longer overlaps anyone.
  for (const p of tcp) Object.assign(p.summary.throughputBps!, { min: median(p) * 0.999, max: median(p) * 1.001 });
  tcp.forEach((p, i) => { Object.assign(p.summary, { latencyP99Us: { ...p.summary.throughputBps!, median: 40 + i, min: 40 + i, max: 40 + i } }); });
  const lines = verdictLines(tcp);
  assert.equal(lines[0]!.caveat, undefined, verdictText(lines[0]!));
  assert.equal(lines[1]!.best, setting(tcp[0]!), 'lowest p99 wins');
  assert.match(verdictText(lines[1]!), /^tcp, latency p99: .*: 40\.0 µs, 1\.1× lower than .* \(43\.0 µs\)$/);
  assert.match(verdictText(verdictLines([tcp[0]!])[0]!), /the only setting measured$/);
});

test('warnings of the real run: noisy points (CV > 10%) and the link kinds this host cannot create', () => {
  const results = groResults();
  const warnings = runWarnings(results);
  const noisy = results.points.filter((p) => p.summary.throughputBps!.cv > 0.1).map((p) => p.label);
  assert.ok(noisy.length > 0, 'the fixture has noisy points');
  assert.deepEqual(warnings.filter((w) => w.kind === 'noisy').map((w) => w.text.split(':')[0]), noisy);
  const unsupported = results.capabilities.filter((c) => !c.supported);
  assert.deepEqual(warnings.filter((w) => w.kind === 'link-kind').map((w) => w.text), unsupported.map((c) => `${c.kind} is not available on this host and is skipped: ${c.reason}`));
  assert.equal(warnings.some((w) => ['run', 'failed', 'knob', 'raw'].includes(w.kind)), false);
});

test('warnings: an interrupted run, failed samples grouped by reason, a knob that did not take effect, missing raw files', () => {
  const results = groResults();
  results.run.status = 'interrupted';
  results.run.reason = 'interrupted (SIGINT) after 20 of 24 samples';
  for (const p of results.points.slice(0, 3)) Object.assign(p.samples[0]!, { status: 'failed', reason: 'iperf3: unable to connect to server' });
  const tsoOn = results.points.find((p) => p.requested.tso === 'on')!;
  tsoOn.effective.tso = 'off';
  const warnings = runWarnings(results, ['raw/0001-p2-r0.json']);
  const text = (kind: string) => warnings.filter((w) => w.kind === kind).map((w) => w.text);
  assert.deepEqual(text('run'), ['The run is interrupted: interrupted (SIGINT) after 20 of 24 samples; points may have fewer samples than planned.']);
  assert.deepEqual(text('failed'), [`3 samples failed: iperf3: unable to connect to server (${results.points.slice(0, 3).map((p) => `${p.label} r${p.samples[0]!.repetition}`).join(', ')})`]);
  assert.deepEqual(text('knob'), [`${tsoOn.label}: tso=on was requested but tso=off was in effect; this point does not measure the setting it is named after`]);
  assert.match(text('raw')[0]!, /^1 raw iperf3 file could not be read \(raw\/0001-p2-r0\.json\)/);
});

test('the table has one row per point and metric; a point without any summary still has a row', () => {
  const results = groResults();
  results.points[0]!.summary = {};
  const rows = pointTableRows(results.points);
  const expected = results.points.reduce((n, p) => n + Math.max(1, Object.keys(p.summary).length), 0);
  assert.equal(rows.length, expected);
  const empty = rows.filter((r) => r.setting === setting(results.points[0]!) && r.workload === 'tcp');
  assert.deepEqual(empty.map((r) => [r.metric, r.median]), [[undefined, undefined]]);
  const t = rows.find((r) => r.metric === 'throughputBps' && r.workload === 'tcp' && r.setting === setting(results.points[1]!))!;
  assert.deepEqual([t.n, t.median, t.cv, t.samplesOk], [3, median(results.points[1]!), results.points[1]!.summary.throughputBps!.cv, 3]);
});

test('CSV: the table\'s columns, RFC 4180 quoting, stored numbers, and no formula a spreadsheet would run', () => {
  const results = groResults();
  results.points[0]!.workload.label = 'tcp, "quoted"\nline';
  results.points[1]!.workload.label = '=HYPERLINK("http://x")';
  const rows = pointTableRows(results.points);
  const csv = toCsv(rows);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], TABLE_COLUMNS.join(','));
  assert.equal(lines[lines.length - 1], '', 'ends with CRLF');
  assert.match(csv, /^veth,"tcp, ""quoted""\nline",gro=off tso=on,/m);
  assert.match(csv, /\r\nveth,"'=HYPERLINK\(""http:\/\/x""\)",/);
  assert.ok(csv.includes(`,throughputBps,3,${results.points[2]!.summary.throughputBps!.median},`), 'numbers as stored (bit/s)');
});
