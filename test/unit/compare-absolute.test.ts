// compare on a count with zeros on one side: the real captured runs compare-small-base (unshaped) and
// compare-small-shaped (a tbf shaper at 60 % of base's median; test/helpers/results-fixtures.ts) have TCP
// retransmits 0 in some shaped samples. Such a metric is judged on the absolute scale (Shift.absolute) with a
// verdict, not "invalid"; every rendering shows the shift in the metric's unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import { renderMarkdown } from '../../src/compare/render-markdown.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { renderComparisonPage } from '../../src/report/html/compare/compare-page.ts';
import { renderTerminal } from '../../src/report/terminal/compare-table.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const NOW = new Date('2026-12-01T19:00:00Z');

describe('compare: counts with zeros on one side (real captured runs)', () => {
  const runs = [loadFixture('base'), loadFixture('shaped')];
  const report = buildComparisonReport(runs, DEFAULT_SETTINGS, NOW);
  const pair = report.comparisons[0]!;
  const retransmits = pair.points.flatMap((p) => p.metrics.filter((m) => m.metric === 'retransmits').map((m) => ({ point: p.label, m })));

  it('every retransmits row has a verdict on the absolute scale, none invalid', () => {
    const absolute = retransmits.filter(({ m }) => m.shift.absolute);
    assert.ok(absolute.length >= 2, `${absolute.length} absolute rows`);
    for (const { point, m } of absolute) {
      assert.notEqual(m.verdict, 'invalid', `${point}: ${m.reason}`);
      assert.equal(m.shift.absolute!.unit, 'count', 'the unit comes from the registry');
      assert.equal(m.shift.estimatePercent, null);
      assert.equal(m.deltaCi, null);
    }
    // gro=on: 615, 497, 549, 275, 281, 1 → 0, 67, 158, 0, 0, 0: the shaper took the retransmits away.
    const groOn = absolute.find(({ point }) => /gro=on/.test(point))!.m;
    assert.equal(groOn.verdict, 'improved', groOn.reason);
    assert.match(groOn.reason, /^−310 count \[−549, −1\] \(95\.9% CI\) excludes 0 and is beyond ±18\.5 count \(5% of the larger mean\)/);
  });

  it('the terminal, markdown and HTML show the shift in the unit, not a percent', () => {
    const terminal = renderTerminal(report, false, 400);
    assert.match(terminal, /\(improved\).*TCP retransmits.*−310 count \[−549, −1\] 95\.9%/);
    assert.match(renderMarkdown(report), /TCP retransmits.*−310 count \[−549, −1\] 95\.9%/);
    const page = renderComparisonPage({ report, runs: runs.map((r) => r.results) }, STUB_RUNTIME);
    assert.match(page, /<td class="num">−310 count<\/td><td class="num">−549 … −1 count \(95\.9%\)<\/td>/);
  });
});
