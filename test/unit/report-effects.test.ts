// The run report's answer-first parts on a real captured run with effects (test/fixtures/results/gro-until-decided):
// the forest plot's rows and labels, the timeline's sample kinds, the smallest detectable effect per point (the one
// two-arm decision, no second statistic), the Effects section, and the knob grouping of the metric charts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { decide } from '../../src/stats/decide.ts';
import { confidenceText } from '../../src/stats/confidence-text.ts';
import { detectableRows } from '../../src/report/html/run/detectable.ts';
import { effectsSection } from '../../src/report/html/run/effects-section.ts';
import { forestChart, forestRows } from '../../src/report/html/run/forest-chart.ts';
import { knobGrouping } from '../../src/report/html/run/knob-grouping.ts';
import { timelineChart, timelineRows } from '../../src/report/html/run/timeline-chart.ts';
import { renderRunReport, runCharts } from '../../src/report/html/run/run-report.ts';
import { readIntervals } from '../../src/files/report-files.ts';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { repoRoot } from '../helpers/host-state.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';

const DIR = join(repoRoot, 'test/fixtures/results/gro-until-decided');
const fixture = (): RunResults => JSON.parse(readFileSync(join(DIR, 'results.json'), 'utf8')) as RunResults;
const settings = (r: RunResults) => [...new Set(r.points.map((p) => Object.entries(p.requested).map(([k, v]) => `${k}=${v}`).join(' ')))];

test('forest plot: one row per effect with numbers, simple first, each labelled with its own CI level', () => {
  const r = fixture();
  const rows = forestRows(r.effects!, 5);
  assert.equal(rows.length, r.effects!.length);
  assert.deepEqual(rows.map((x) => x.kind), [...Array(12).fill('simple'), ...Array(4).fill('pooled')]);
  for (const [i, row] of rows.entries()) {
    const e = r.effects!.filter((x) => x.kind === row.kind)[row.kind === 'simple' ? i : i - 12]!;
    assert.equal(row.level, confidenceText(e.confidence));
    assert.ok(row.text.includes(`(${confidenceText(e.confidence)} CI)`), row.text);
    assert.match(row.text, /— undecided, ~\d+ more\/arm$/);
  }
  assert.equal(new Set(rows.map((x) => x.row)).size, rows.length, 'y labels are unique (the metric is named: the run judged two)');
  assert.match(rows[0]!.row, /^gro on vs off \(tcp, tso=on\) · throughput$/);
  const chart = forestChart(r)!;
  assert.deepEqual(compileWarnings(chart.spec), []);
  assert.match(chart.caption, /99\.8%, 99\.9%/);
});

test('forest plot: invalid effects are not drawn; an interaction gets its own colour and shape', () => {
  const r = fixture();
  const [first, second] = r.effects!;
  r.effects = [
    { ...first!, verdict: 'invalid', estimatePercent: null, ciLowPercent: null, ciHighPercent: null, reason: 'no valid samples on the level side' },
    { ...second!, kind: 'interaction', verdict: 'better', versus: { link: 'veth', workload: 'tcp', knobs: { tso: 'on' } } },
  ];
  const rows = forestRows(r.effects, 5);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.shown, 'interaction');
  assert.match(rows[0]!.row, /^interaction: gro on vs off \(tcp, tso=off\) vs \(tcp, tso=on\)/);
});

test('timeline: every sample at its start time; warm-up, contaminated and failed apart; interference only where measured', () => {
  const r = fixture();
  const plain = timelineRows(r.points);
  assert.equal(plain.rows.length, 48);
  assert.ok(plain.rows.every((x) => x.kind === 'measured' && x.neighbourCores === undefined));
  const c0 = timelineChart(r, settings(r))!;
  assert.match(c0.caption, /Neighbours’ CPU was not measured in this run/);
  assert.equal((c0.spec as { vconcat: unknown[] }).vconcat.length, 2, 'one lane per workload, no interference lane');

  const [p1, p2] = r.points;
  p1!.warmup = [{ ...p1!.samples[0]!, repetition: 0, startedAt: '2026-12-01T12:09:50.000Z' }];
  Object.assign(p1!.samples[1]!, { contaminated: true, interference: { neighbourCores: 0.9, stealCores: 0, otherRuns: [] } });
  Object.assign(p2!.samples[2]!, { status: 'failed', reason: 'iperf3 timed out', metrics: undefined });
  const { rows } = timelineRows(r.points);
  const count = (k: string) => rows.filter((x) => x.kind === k).length;
  assert.deepEqual([count('measured'), count('warm-up'), count('contaminated'), count('failed')], [46, 1, 1, 1]);
  assert.equal(rows[0]!.kind, 'warm-up', 'sorted by start time');
  assert.equal(rows.find((x) => x.kind === 'contaminated')!.neighbourCores, 0.9);
  assert.equal(rows.find((x) => x.kind === 'failed')!.value, undefined);
  const c = timelineChart(r, settings(r))!;
  assert.equal((c.spec as { vconcat: unknown[] }).vconcat.length, 3, 'the neighbours\u2019 CPU lane');
  assert.match(c.caption, /46 measured, 1 warm-up, 1 contaminated, 1 failed/);
  assert.deepEqual(compileWarnings(c.spec), []);
});

test('smallest detectable effect per point: decide() of the point against itself, contaminated samples left out', () => {
  const r = fixture();
  const rows = detectableRows(r);
  assert.equal(rows.length, 4 + 4 * 2, 'tcp: throughput; udp: throughput and packets/s');
  const first = rows[0]!;
  const values = r.points[0]!.samples.map((s) => s.metrics!.throughputBps!);
  const expected = decide(values, values, { direction: 'higher', thresholdPercent: 5, confidence: 0.998 });
  assert.equal(first.n, 6);
  assert.ok(Math.abs(first.detectablePercent! - expected.smallestDetectablePercent!) < 1e-9);
  assert.equal(confidenceText(first.confidence), '99.8%');
  r.points[0]!.samples[0]!.contaminated = true;
  assert.equal(detectableRows(r)[0]!.n, 5);
});

test('the Effects section: verdict counts of the simple effects, every effect in words, the detectable table', () => {
  const r = fixture();
  const text = effectsSection(r, forestChart(r)).value;
  assert.match(text, /d-undecided">undecided<\/span> 12/);
  assert.match(text, /of 12 simple effect\(s\)/);
  assert.equal((text.match(/<li>/g) ?? []).length, 16);
  assert.match(text, /sampled until decided/);
  assert.match(text, /Smallest detectable effect per point/);
  const none = effectsSection({ ...r, effects: undefined }, undefined).value;
  assert.match(none, /from before effects were computed/);
});

test('the page leads with the Effects section and embeds the forest plot and the timeline', () => {
  const r = fixture();
  const input = { results: r, ...readIntervals(DIR, r), resultsHref: 'results.json' };
  const ids = runCharts(input).map((c) => c.id);
  assert.deepEqual(ids.slice(0, 3), ['chart-effects-forest', 'chart-timeline', 'chart-throughputBps']);
  const page = renderRunReport(input, STUB_RUNTIME);
  const order = ['id="effects"', 'id="verdict"', 'id="chart-timeline"', 'id="chart-throughputBps"', 'id="table"'].map((s) => page.indexOf(s));
  assert.ok(order.every((i) => i > 0), String(order));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  for (const c of runCharts(input)) assert.deepEqual(compileWarnings(c.spec), [], c.id);
});

test('knob grouping: x = the first swept knob, colour = the others; nothing swept keeps the setting', () => {
  const g = knobGrouping(fixture().points);
  assert.equal(g.xKnob, 'gro');
  assert.deepEqual(g.xLevels, ['off', 'on']);
  assert.deepEqual(g.groups, ['tso=on', 'tso=off']);
  assert.equal(g.groupTitle, 'tso');
  const single = fixture().points.slice(0, 1);
  assert.equal(knobGrouping(single).xKnob, undefined);
});
