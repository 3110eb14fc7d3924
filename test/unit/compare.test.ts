import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyRegression, buildComparisonReport } from '../../src/compare/build-report.ts';
import { comparePair } from '../../src/compare/compare-pair.ts';
import { renderMarkdown } from '../../src/compare/render-markdown.ts';
import { renderTerminal } from '../../src/compare/render-terminal.ts';
import { DEFAULT_SETTINGS, metricVerdict, pointVerdict, type VerdictInput } from '../../src/compare/verdict.ts';
import type { MetricComparison } from '../../src/compare/types.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const throughput = (pair: ReturnType<typeof comparePair>, key: string) => pair.points.find((p) => p.key === key)!.metrics.find((m) => m.metric === 'throughputBps')!;

describe('verdict rules', () => {
  const input = (over: Partial<VerdictInput>): VerdictInput => ({
    direction: 'higher', baseMedian: 100, newMedian: 90, deltaPercent: -10, pAdjusted: 0.01, baseCv: 0.02, newCv: 0.02, failed: 0, ...over,
  });
  const cases: [string, Partial<VerdictInput>, string][] = [
    ['significant and beyond the threshold, in the bad direction', {}, 'regressed'],
    ['the same for a lower-is-better metric going up', { direction: 'lower', newMedian: 110, deltaPercent: 10 }, 'regressed'],
    ['significant and beyond, in the good direction', { newMedian: 110, deltaPercent: 10 }, 'improved'],
    ['significant but within the threshold', { newMedian: 97, deltaPercent: -3 }, 'no change'],
    ['beyond the threshold but not significant after Holm', { pAdjusted: 0.06 }, 'no change'],
    ['not significant with CV above 10 %: noisy, not "no change"', { pAdjusted: 0.3, newCv: 0.12 }, 'noisy'],
    ['a significant regression is called even when one side is noisy', { baseCv: 0.15 }, 'regressed'],
    ['failed samples make it invalid, whatever the numbers', { failed: 1 }, 'invalid'],
    ['a base median of 0 (retransmits) that grows is beyond any threshold', { direction: 'lower', baseMedian: 0, newMedian: 3, deltaPercent: null }, 'regressed'],
    ['0 → 0 is no change', { direction: 'lower', baseMedian: 0, newMedian: 0, deltaPercent: null, pAdjusted: 1 }, 'no change'],
  ];
  for (const [name, over, expected] of cases) it(`${name} → ${expected}`, () => assert.equal(metricVerdict(input(over), DEFAULT_SETTINGS).verdict, expected));

  it('a point takes its most severe gating metric; other metrics do not decide', () => {
    const m = (metric: string, gates: boolean, verdict: MetricComparison['verdict']) => ({ metric, label: metric, gates, verdict, reason: verdict }) as MetricComparison;
    assert.equal(pointVerdict([m('throughputBps', true, 'no change'), m('retransmits', false, 'regressed')]).verdict, 'no change');
    assert.deepEqual(pointVerdict([m('throughputBps', true, 'noisy'), m('pps', true, 'regressed')]), { verdict: 'regressed', decidingMetric: 'pps', reason: 'pps: regressed' });
    assert.equal(pointVerdict([m('rttMeanUs', false, 'improved')]).verdict, 'improved', 'without a gating metric, all metrics count');
    assert.equal(pointVerdict([]).verdict, 'invalid');
  });
});

describe('compare on captured real runs', () => {
  it('shaped to 60 %: every point regressed; 6 vs 6 with complete separation gives p = 2/924, ×2 after Holm', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('shaped'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => [p.key, p.verdict, p.decidingMetric]), [
      ['veth|gro=off|tcp', 'regressed', 'throughputBps'], ['veth|gro=on|tcp', 'regressed', 'throughputBps'],
    ]);
    const off = throughput(pair, 'veth|gro=off|tcp');
    assert.equal(off.mannWhitney.pValue, 2 / 924);
    assert.equal(off.mannWhitney.u, 36, 'every base sample above every shaped one');
    assert.equal(off.pAdjusted, 4 / 924);
    assert.equal(off.deltaPercent!.toFixed(1), '-42.6');
    assert.ok(off.deltaCi!.highPercent < 0 && off.deltaCi!.lowPercent < off.deltaPercent!, JSON.stringify(off.deltaCi));
    assert.equal(throughput(pair, 'veth|gro=on|tcp').deltaPercent!.toFixed(1), '-49.3');
    assert.deepEqual(off.new.outliers, [5], 'the one slower shaped sample is flagged, and still counted');
    assert.equal(off.new.n, 6);
    assert.deepEqual(pair.counts, { regressed: 2, invalid: 0, noisy: 0, improved: 0, 'no change': 0 });
    assert.deepEqual(pair.factDifferences, []);
  });

  it('the reverse is improved', () => {
    const pair = comparePair(loadFixture('shaped'), loadFixture('base'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => p.verdict), ['improved', 'improved']);
  });

  it('A/A (captured while a neighbour loaded the host): no point regressed or improved; CV above 10 % makes them noisy', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('again'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => p.verdict), ['noisy', 'noisy']);
    assert.equal(throughput(pair, 'veth|gro=off|tcp').base.cv.toFixed(3), '0.196');
    assert.equal(throughput(pair, 'veth|gro=off|tcp').pAdjusted.toFixed(4), (2 * throughput(pair, 'veth|gro=off|tcp').mannWhitney.pValue).toFixed(4));
  });

  it('a threshold above the shaped delta: no longer regressed (noisy, since the base CV is above 10 %)', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('shaped'), { ...DEFAULT_SETTINGS, thresholdPercent: 60 });
    assert.deepEqual(pair.points.map((p) => p.verdict), ['noisy', 'noisy']);
  });

  it('points on one side only are listed, not compared', () => {
    const next = loadFixture('shaped');
    next.results.points = next.results.points.filter((p) => p.key !== 'veth|gro=on|tcp');
    next.results.points[0]!.key = 'veth|gro=off|tcp-P2';
    const pair = comparePair(loadFixture('base'), next, DEFAULT_SETTINGS);
    assert.equal(pair.points.length, 0);
    assert.deepEqual(pair.onlyInBase.map((p) => p.key), ['veth|gro=off|tcp', 'veth|gro=on|tcp']);
    assert.deepEqual(pair.onlyInNew.map((p) => p.key), ['veth|gro=off|tcp-P2']);
  });

  it('a failed sample makes the point invalid', () => {
    const next = loadFixture('again');
    Object.assign(next.results.points[1]!.samples[2]!, { status: 'failed', reason: 'iperf3: unable to connect', metrics: undefined });
    const pair = comparePair(loadFixture('base'), next, DEFAULT_SETTINGS);
    assert.equal(pair.points.find((p) => p.key === next.results.points[1]!.key)!.verdict, 'invalid');
    assert.equal(pair.points[0]!.verdict, 'invalid', 'invalid sorts before noisy');
  });

  it('facts that differ are named: kernel, iperf3, CPU', () => {
    const next = loadFixture('again');
    next.results.host = { ...next.results.host!, kernel: '6.19.0', toolVersions: { ...next.results.host!.toolVersions, iperf3: '3.16' }, cpu: { ...next.results.host!.cpu, cores: 64 } };
    const facts = comparePair(loadFixture('base'), next, DEFAULT_SETTINGS).factDifferences;
    assert.deepEqual(facts.map((f) => [f.fact, f.new]), [['CPU cores', '64'], ['kernel', '6.19.0'], ['iperf3 version', '3.16']]);
    assert.match(renderTerminal(buildComparisonReport([loadFixture('base'), next], DEFAULT_SETTINGS, NOW)), /warning: the runs differ in 3 fact\(s\).*kernel 6\.18\.44-fc-v657 → 6\.19\.0/);
  });

  it('UDP points are decided by packets/s; 3 vs 3 samples over 4 points cannot reach significance, and compare says so', () => {
    const pair = comparePair(loadFixture('nightlySmoke'), loadFixture('nightlySmoke'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => [p.workload, p.decidingMetric]).sort(), [
      ['tcp', 'throughputBps'], ['tcp', 'throughputBps'], ['udp-64B-pps', 'pps'], ['udp-64B-pps', 'pps'],
    ]);
    assert.ok(pair.points.every((p) => p.verdict === 'no change' || p.verdict === 'noisy'), 'a run against itself');
    assert.match(pair.warnings.join('\n'), /4 of 4 point\(s\) cannot show a significant change/);
    assert.match(renderTerminal(buildComparisonReport([loadFixture('nightlySmoke'), loadFixture('nightlySmoke')], DEFAULT_SETTINGS, NOW)), /│ udp-64B-pps gro=off │ packets\/s\s+│ 0\.147 Mpps \[0\.140–0\.169\]/);
  });

  it('warns when the sample counts cannot reach significance (one sample a side, as with --quick)', () => {
    const one = (name: 'base' | 'again') => {
      const run = loadFixture(name);
      for (const p of run.results.points) p.samples = p.samples.slice(0, 1);
      return run;
    };
    const pair = comparePair(one('base'), one('again'), DEFAULT_SETTINGS);
    assert.match(pair.warnings.join('\n'), /2 of 2 point\(s\) cannot show a significant change/);
  });
});

describe('comparison report and its renderings', () => {
  const report = buildComparisonReport([loadFixture('base'), loadFixture('again'), loadFixture('shaped')], DEFAULT_SETTINGS, NOW);

  it('each further file against the first; the capacity view holds every run, absolute and per CPU', () => {
    assert.deepEqual(report.comparisons.map((c) => [c.new.file, c.counts.regressed]), [['test/fixtures/results/compare-small-again.json', 0], ['test/fixtures/results/compare-small-shaped.json', 2]]);
    assert.equal(anyRegression(report), true);
    assert.deepEqual(report.capacity.runs.map((r) => r.host?.cores), [2, 2, 2]);
    const cell = report.capacity.rows[0]!.cells[2]!.throughputBps!;
    assert.equal(cell.perCore, cell.median / 2);
    assert.equal(report.capacity.rows[0]!.cells[0]!.pps, undefined, 'TCP points have no pps');
  });

  it('terminal: regressed rows first, the side-by-side view with host facts in the header', () => {
    const text = renderTerminal(report);
    assert.match(text, /│ regressed\s+│ tcp gro=off\s+│ throughput\s+│ 26\.4 Gbit\/s \[21\.5–32\.6\]\s+│ 15\.1 Gbit\/s/);
    assert.match(text, /Xeon® Processor/);
    assert.match(text, /2 CPUs, kernel 6\.18\.44-fc-v657/);
    assert.match(text, /7\.57 Gbit\/s per CPU/);
  });

  it('markdown: a table a CI step summary shows, pipes escaped', () => {
    const md = renderMarkdown(report);
    assert.match(md, /^\| \*\*regressed\*\* \| tcp gro=off \| throughput \| 26\.4 Gbit\/s \[21\.5–32\.6\] \| 15\.1 Gbit\/s \[15\.0–15\.2\] \| −42\.6% \[/m);
    assert.match(md, /### Side by side/);
    assert.doesNotMatch(md, /veth\|gro/);
  });

  it('two files: no side-by-side view in the text (it stays in the JSON)', () => {
    const two = buildComparisonReport([loadFixture('base'), loadFixture('shaped')], DEFAULT_SETTINGS, NOW);
    assert.doesNotMatch(renderTerminal(two), /side by side/);
    assert.equal(two.capacity.runs.length, 2);
  });
});
