// The gate's exit codes (DESIGN.md, "Contracts"): 1 a regression with --fail-on-regression, 4 cannot judge (nothing
// or only part matched, a gating metric invalid), 5 undecided with --fail-on-undecided, else 0 — on captured runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonReport, gateExitCode } from '../../src/compare/build-report.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const gate = { failOnRegression: true, failOnUndecided: false, allowMissing: false };
const code = (runs: ReturnType<typeof loadFixture>[], options = gate) => gateExitCode(buildComparisonReport(runs, DEFAULT_SETTINGS, NOW), options);

describe('gate exit codes', () => {
  it('a real regression: 1 with --fail-on-regression, 0 without', () => {
    assert.equal(code([loadFixture('base'), loadFixture('shaped')]).code, 1);
    assert.equal(code([loadFixture('base'), loadFixture('shaped')], { ...gate, failOnRegression: false }).code, 0);
  });

  it('A/A that cannot tell: 0, and 5 with --fail-on-undecided', () => {
    assert.equal(code([loadFixture('base'), loadFixture('again')]).code, 0);
    const r = code([loadFixture('base'), loadFixture('again')], { ...gate, failOnUndecided: true });
    assert.equal(r.code, 5);
    assert.match(r.reasons.join('\n'), /undecided/);
  });

  it('nothing matched (a renamed knob): 4, never a silent pass', () => {
    const next = loadFixture('again');
    for (const p of next.results.points) p.key = `${p.key}-renamed`;
    const r = code([loadFixture('base'), next]);
    assert.equal(r.code, 4);
    assert.match(r.reasons.join('\n'), /no point matches the base/);
  });

  it('a base point missing from the new run: 4, unless --allow-missing', () => {
    const next = loadFixture('again');
    next.results.points = next.results.points.slice(0, 1);
    assert.equal(code([loadFixture('base'), next]).code, 4);
    assert.equal(code([loadFixture('base'), next], { ...gate, allowMissing: true }).code, 0);
  });

  it('a gating metric invalid (failed samples): 4', () => {
    const next = loadFixture('again');
    Object.assign(next.results.points[0]!.samples[0]!, { status: 'failed', reason: 'iperf3: unable to connect', metrics: undefined });
    const r = code([loadFixture('base'), next]);
    assert.equal(r.code, 4);
    assert.match(r.reasons.join('\n'), /gating metric is invalid/);
  });

  it('several files: each against the first, the worst code wins (a regression over "cannot judge")', () => {
    const renamed = loadFixture('again');
    for (const p of renamed.results.points) p.key = `${p.key}-renamed`;
    assert.equal(code([loadFixture('base'), renamed, loadFixture('shaped')]).code, 1);
    assert.equal(code([loadFixture('base'), renamed, loadFixture('again')]).code, 4);
  });
});
