import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyRegression, buildComparisonReport } from '../../src/compare/build-report.ts';
import { comparePair } from '../../src/compare/compare-pair.ts';
import { renderMarkdown } from '../../src/compare/render-markdown.ts';
import { renderTerminal } from '../../src/report/terminal/compare-table.ts';
import { DEFAULT_SETTINGS, metricVerdict, pointVerdict } from '../../src/compare/verdict.ts';
import { decide } from '../../src/stats/decide.ts';
import type { MetricComparison } from '../../src/compare/types.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const NOW = new Date('2026-11-28T00:00:00Z');
const throughput = (pair: ReturnType<typeof comparePair>, key: string) => pair.points.find((p) => p.key === key)!.metrics.find((m) => m.metric === 'throughputBps')!;

describe('verdict rules (the decision is src/stats/decide.ts; compare names it)', () => {
  const around = (center: number, spread: number) => [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5].map((k) => center * (1 + (k * spread) / 100));
  const verdictOf = (base: number[], next: number[], direction: 'higher' | 'lower' = 'higher', failed = 0) =>
    metricVerdict(decide(base, next, { direction, thresholdPercent: 5, confidence: 0.95 }), failed, DEFAULT_SETTINGS);
  const cases: [string, () => ReturnType<typeof verdictOf>, string][] = [
    ['10 % lower, tight: the CI excludes 0 and the shift is beyond ±5 %', () => verdictOf(around(100, 0.5), around(90, 0.5)), 'regressed'],
    ['the same for a lower-is-better metric going up', () => verdictOf(around(100, 0.5), around(110, 0.5), 'lower'), 'regressed'],
    ['10 % higher, tight', () => verdictOf(around(100, 0.5), around(110, 0.5)), 'improved'],
    ['1 % apart, tight: the CI lies inside ±5 %', () => verdictOf(around(100, 0.5), around(101, 0.5)), 'no change'],
    ['10 % apart but spread ±15 %: the samples cannot tell (never "no change")', () => verdictOf(around(100, 15), around(90, 15)), 'undecided'],
    ['failed samples make it invalid, whatever the numbers', () => verdictOf(around(100, 0.5), around(90, 0.5), 'higher', 1), 'invalid'],
    ['a side of zeros (retransmits 0 → 3) has no shift in percent: decided on the absolute scale', () => verdictOf([0, 0, 0, 0, 0, 0], [3, 3, 3, 3, 3, 3], 'lower'), 'regressed'],
    ['a negative value has neither a ratio nor a count: invalid, with the reason', () => verdictOf([0, -1, 0, 0, 0, 0], [3, 3, 3, 3, 3, 3], 'lower'), 'invalid'],
  ];
  for (const [name, run, expected] of cases) it(`${name} → ${expected}`, () => assert.equal(run().verdict, expected));

  it('an absolute shift reads in the metric\'s unit with its tolerance: "+3 count [+3, +3]"', () => {
    const shift = decide([0, 0, 0, 0, 0, 0], [3, 3, 3, 3, 3, 3], { direction: 'lower', thresholdPercent: 5, confidence: 0.95, unit: 'count' });
    assert.match(metricVerdict(shift, 0, DEFAULT_SETTINGS).reason, /^\+3 count \[\+3, \+3\] \(95\.9% CI\) excludes 0 and is beyond ±0\.150 count \(5% of the larger mean\), p 0\.00\d/);
    const undecided = decide([0, 0, 0], [0, 2, 1], { direction: 'lower', thresholdPercent: 5, confidence: 0.95, unit: '%' });
    assert.match(metricVerdict(undecided, 0, DEFAULT_SETTINGS).reason, /^\+1\.00 pp \[0, \+2\.00\] \(90% CI\): cannot tell — 3 vs 3 samples reach 90%/);
  });

  it('undecided says what the samples could show and how many more would decide it', () => {
    assert.match(verdictOf(around(100, 15), around(90, 15)).reason, /cannot tell — the samples can show changes of ±\d+\.\d% or more; about \d+ more sample\(s\) per side would decide it/);
  });

  it('a point takes its most severe gating metric; other metrics do not decide', () => {
    const m = (metric: string, gates: boolean, verdict: MetricComparison['verdict']) => ({ metric, label: metric, gates, verdict, reason: verdict }) as MetricComparison;
    assert.equal(pointVerdict([m('throughputBps', true, 'no change'), m('retransmits', false, 'regressed')]).verdict, 'no change');
    assert.deepEqual(pointVerdict([m('throughputBps', true, 'undecided'), m('pps', true, 'regressed')]), { verdict: 'regressed', decidingMetric: 'pps', reason: 'pps: regressed' });
    assert.equal(pointVerdict([m('rttMeanUs', false, 'improved')]).verdict, 'improved', 'without a gating metric, all metrics count');
    assert.equal(pointVerdict([]).verdict, 'invalid');
  });
});

describe('compare on captured real runs', () => {
  it('shaped to 60 %: every point regressed; 6 vs 6 with complete separation gives p = 2/924, ×2 after Holm over the gating family', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('shaped'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => [p.key, p.verdict, p.decidingMetric]), [
      ['veth|gro=off|tcp', 'regressed', 'throughputBps'], ['veth|gro=on|tcp', 'regressed', 'throughputBps'],
    ]);
    const off = throughput(pair, 'veth|gro=off|tcp');
    assert.equal(off.shift.p, 2 / 924);
    assert.equal(off.pAdjusted, 4 / 924);
    assert.deepEqual(pair.family, { size: 2, confidence: 0.975, metrics: pair.family.metrics, source: 'the registry\'s defaults' }, 'throughput at 2 points: each CI at 1 − 0.05/2');
    assert.ok(off.shift.confidence >= 0.975, `the CI reaches the family's level (${off.shift.confidence})`);
    assert.ok(off.deltaPercent! < -40 && off.deltaPercent! > -46, `the Hodges-Lehmann shift on logs: ${off.deltaPercent}`);
    assert.ok(off.deltaCi!.highPercent < 0 && off.deltaCi!.lowPercent < off.deltaPercent!, JSON.stringify(off.deltaCi));
    assert.ok(throughput(pair, 'veth|gro=on|tcp').deltaPercent! < -45, 'gro=on: about −49 %');
    assert.deepEqual(off.new.outliers, [5], 'the one slower shaped sample is flagged, and still counted');
    assert.equal(off.new.n, 6);
    assert.deepEqual(pair.counts, { regressed: 2, invalid: 0, undecided: 0, improved: 0, 'no change': 0 });
    assert.deepEqual(pair.factDifferences, []);
  });

  it('the reverse is improved', () => {
    const pair = comparePair(loadFixture('shaped'), loadFixture('base'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => p.verdict), ['improved', 'improved']);
  });

  it('A/A (captured while a neighbour loaded the host): no point regressed or improved; the samples cannot tell, and say so', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('again'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => p.verdict), ['undecided', 'undecided']);
    const off = throughput(pair, 'veth|gro=off|tcp');
    assert.equal(off.base.cv.toFixed(3), '0.196');
    assert.ok(off.noisy, 'CV above 10 %: flagged noisy');
    assert.equal(off.pAdjusted!.toFixed(4), Math.min(1, 2 * off.shift.p!).toFixed(4));
  });

  it('a threshold above the shaped shift: no longer regressed — its CI lies inside ±60 %', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('shaped'), { ...DEFAULT_SETTINGS, thresholdPercent: 60 });
    assert.deepEqual(pair.points.map((p) => p.verdict), ['no change', 'no change']);
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
    assert.equal(pair.points[0]!.verdict, 'invalid', 'invalid sorts before undecided');
  });

  it('facts that differ are named: kernel, iperf3, CPU', () => {
    const next = loadFixture('again');
    next.results.host = { ...next.results.host!, kernel: '6.19.0', toolVersions: { ...next.results.host!.toolVersions, iperf3: '3.16' }, cpu: { ...next.results.host!.cpu, cores: 64 } };
    const facts = comparePair(loadFixture('base'), next, DEFAULT_SETTINGS).factDifferences;
    assert.deepEqual(facts.map((f) => [f.fact, f.new]), [['CPU cores', '64'], ['kernel', '6.19.0'], ['iperf3 version', '3.16']]);
    assert.match(renderTerminal(buildComparisonReport([loadFixture('base'), next], DEFAULT_SETTINGS, NOW)), /warning: the runs differ in 3 fact\(s\).*kernel 6\.18\.44-fc-v657 → 6\.19\.0/);
  });

  it('UDP points are decided by packets/s; 3 vs 3 samples over 4 points cannot reach a decision, and compare says so', () => {
    const pair = comparePair(loadFixture('nightlySmoke'), loadFixture('nightlySmoke'), DEFAULT_SETTINGS);
    assert.deepEqual(pair.points.map((p) => [p.workload, p.decidingMetric]).sort(), [
      ['tcp', 'throughputBps'], ['tcp', 'throughputBps'], ['udp-64B-pps', 'pps'], ['udp-64B-pps', 'pps'],
    ]);
    assert.ok(pair.points.every((p) => p.verdict === 'undecided'), 'a run against itself, 3 vs 3: never "no change"');
    assert.match(pair.warnings.join('\n'), /4 of 4 point\(s\) cannot reach a decision: their sample counts \(e\.g\. 3 vs 3\) cannot give the 99\.2% CI that 6 gating comparison\(s\) need/);
    assert.match(renderTerminal(buildComparisonReport([loadFixture('nightlySmoke'), loadFixture('nightlySmoke')], DEFAULT_SETTINGS, NOW), false, 400), /│ udp-64B-pps gro=off │ packets\/s\s+│ 0\.147 Mpps \[0\.140–0\.169\]/);
  });

  it('warns when the sample counts cannot reach significance (one sample a side, as with --quick)', () => {
    const one = (name: 'base' | 'again') => {
      const run = loadFixture(name);
      for (const p of run.results.points) p.samples = p.samples.slice(0, 1);
      return run;
    };
    const pair = comparePair(one('base'), one('again'), DEFAULT_SETTINGS);
    assert.match(pair.warnings.join('\n'), /2 of 2 point\(s\) cannot reach a decision: their sample counts \(e\.g\. 1 vs 1\)/);
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
    const text = renderTerminal(report, false, 400); // wide: the cells are checked whole, not how they wrap
    assert.match(text, /│ regressed noisy\s+│ tcp gro=off\s+│ throughput\s+│ 26\.4 Gbit\/s \[21\.5–32\.6\] 96\.9%\s+│ 15\.1 Gbit\/s/);
    assert.match(text, /Xeon® Processor/);
    assert.match(text, /2 CPUs, kernel 6\.18\.44-fc-v657/);
    assert.match(text, /7\.57 Gbit\/s per CPU/);
  });

  it('markdown: a table a CI step summary shows, pipes escaped', () => {
    const md = renderMarkdown(report);
    assert.match(md, /^\| \*\*regressed noisy\*\* \| tcp gro=off \| throughput \| 26\.4 Gbit\/s \[21\.5–32\.6\] 96\.9% \| 15\.1 Gbit\/s \[15\.0–15\.2\] 96\.9% \| −4\d\.\d% \[/m);
    assert.match(md, /### Side by side/);
    assert.doesNotMatch(md, /veth\|gro/);
  });

  it('two files: no side-by-side view in the text (it stays in the JSON)', () => {
    const two = buildComparisonReport([loadFixture('base'), loadFixture('shaped')], DEFAULT_SETTINGS, NOW);
    assert.doesNotMatch(renderTerminal(two), /side by side/);
    assert.equal(two.capacity.runs.length, 2);
  });
});
