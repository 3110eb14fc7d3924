// The comparison's renderings (terminal, markdown, HTML page) on captured runs: the host-quietness line from the
// samples' interference records ("not measured" when absent — never 0), the undecided gating metrics with their
// smallest detectable change, its level and the repetitions that would decide them, and no hard-coded 95 %.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import { hostQuietness } from '../../src/compare/quietness.ts';
import { quietnessText } from '../../src/compare/render-lines.ts';
import { renderMarkdown } from '../../src/compare/render-markdown.ts';
import { renderTerminal } from '../../src/report/terminal/compare-table.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { renderComparisonPage } from '../../src/report/html/compare/compare-page.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

function withInterference() {
  const next = loadFixture('again');
  const samples = next.results.points.flatMap((p) => p.samples);
  // Measured on all but the last sample; one neighbour burst marks its sample contaminated; one measured zero.
  samples.slice(0, -1).forEach((s, i) => { s.interference = { neighbourCores: i === 2 ? 0.9 : i === 0 ? 0 : 0.02, stealCores: i === 2 ? 0.05 : 0, otherRuns: i === 2 ? ['gro-20261201T120949Z'] : [] }; });
  samples[2]!.contaminated = true;
  return next;
}

describe('host quietness', () => {
  it('absent records are "not measured", in every rendering', () => {
    const report = buildComparisonReport([loadFixture('base'), loadFixture('again')], DEFAULT_SETTINGS, NOW);
    const pair = report.comparisons[0]!;
    assert.equal(pair.new.quietness!.measured, 0);
    assert.equal(pair.new.quietness!.neighbourCoresMax, undefined, 'absent is absent, not 0');
    for (const text of [renderTerminal(report), renderMarkdown(report)]) {
      assert.match(text, /host quietness \(base\): not measured/);
      assert.match(text, /host quietness \(new\): not measured/);
    }
    const page = renderComparisonPage({ report, runs: [loadFixture('base').results, loadFixture('again').results] }, STUB_RUNTIME);
    assert.match(page, /host quietness \(new\): not measured/);
  });
  it('measured records give the neighbours\u2019 CPU, steal, contaminated samples and other runs; partial coverage is said', () => {
    const next = withInterference();
    const q = hostQuietness(next.results);
    assert.equal(q.samples, 12);
    assert.equal(q.measured, 11);
    assert.equal(q.neighbourCoresMax, 0.9);
    assert.equal(q.neighbourCoresMedian, 0.02);
    const report = buildComparisonReport([loadFixture('base'), next], DEFAULT_SETTINGS, NOW);
    assert.match(renderTerminal(report), /host quietness \(new\): neighbours used median 0\.02 cores, max 0\.90 cores over 11 of 12 samples \(the others not measured\); steal max 0\.05 cores; 1 sample\(s\) contaminated \(left out\); other vethbench runs live: gro-20261201T120949Z/);
    assert.match(renderMarkdown(report), /- host quietness \(base\): not measured/);
  });
  it('a measured zero is zero, not "not measured"', () => {
    assert.match(quietnessText({ samples: 2, measured: 2, contaminated: 0, neighbourCoresMedian: 0, neighbourCoresMax: 0, stealCoresMax: 0, otherRuns: [] }), /^neighbours used median 0\.00 cores, max 0\.00 cores over all 2 samples/);
  });
});

describe('undecided points', () => {
  const report = buildComparisonReport([loadFixture('base'), loadFixture('again')], DEFAULT_SETTINGS, NOW);
  const pair = report.comparisons[0]!;
  it('show the smallest detectable change at its level and the repetitions that would decide them', () => {
    const m = pair.points[0]!.metrics.find((x) => x.metric === 'throughputBps')!;
    assert.equal(m.verdict, 'undecided');
    const line = `undecided: ${pair.points[0]!.label} throughput (n 6/6): the smallest change these samples could show is ±${m.shift.smallestDetectablePercent!.toFixed(1)}% (98.5% CI); about ${m.shift.moreSamplesPerArm} more repetition(s) per side would decide it`;
    assert.ok(renderTerminal(report).includes(line), renderTerminal(report));
    assert.ok(renderMarkdown(report).includes(`- ${line}`));
    const page = renderComparisonPage({ report, runs: [loadFixture('base').results, loadFixture('again').results] }, STUB_RUNTIME);
    assert.ok(page.includes(line.replace(/^undecided: /, '')));
  });
  it('no rendering claims a 95 % level it does not have', () => {
    const page = renderComparisonPage({ report, runs: [loadFixture('base').results, loadFixture('again').results] }, STUB_RUNTIME);
    for (const text of [renderTerminal(report), renderMarkdown(report), page]) assert.doesNotMatch(text, /95 ?% CI/);
    assert.match(page, /26\.4 Gbit\/s<br><span class="muted">\[21\.5–32\.6\]<\/span> <span class="muted">\(96\.9%\)<\/span>/);
  });
});
