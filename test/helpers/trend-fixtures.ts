// A nightly history built from the captured results files, the way `vethbench nightly` records it: each night one
// real run (base and again: unshaped A/A runs; shaped: the same link under a 60 % tbf shaper), compared with base
// as the baseline file. Only the dates are made up: one night a day from 2026-11-20.
import { comparePair } from '../../src/compare/compare-pair.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { nightOutcome, nightPoints } from '../../src/nightly/history.ts';
import { buildTrend } from '../../src/nightly/trend.ts';
import type { NightRecord, Trend } from '../../src/results/nightly-schema.ts';
import { loadFixture } from './results-fixtures.ts';

/** Six ordinary nights, then the shaped run night after night: a lasting step down from the seventh night on. */
export const NIGHT_RUNS = ['base', 'again', 'again', 'base', 'again', 'base', 'shaped', 'shaped', 'shaped', 'shaped', 'shaped'] as const;

export function fixtureNights(runs: readonly (typeof NIGHT_RUNS)[number][] = NIGHT_RUNS): NightRecord[] {
  const baseline = loadFixture('base');
  return runs.map((name, i) => {
    const run = loadFixture(name);
    const date = new Date(Date.UTC(2026, 10, 20 + i)).toISOString().slice(0, 10);
    // The first night has no baseline yet (it becomes the reference), as on a fresh nightly directory.
    const pair = i === 0 ? undefined : comparePair(baseline, run, DEFAULT_SETTINGS);
    return {
      schemaVersion: 1, date, startedAt: `${date}T02:30:00.000Z`, dir: date, resultsFile: `${date}/${name}/results.json`,
      ...(pair ? { comparisonFile: `${date}/comparison.json`, baseline: { file: baseline.file, source: 'baseline file' as const }, counts: pair.counts } : {}),
      outcome: nightOutcome(run.results, pair),
      ...(run.results.host ? { kernel: run.results.host.kernel } : {}),
      points: nightPoints(run.results, pair),
    };
  });
}

export function fixtureTrend(runs?: readonly (typeof NIGHT_RUNS)[number][]): Trend {
  return buildTrend(fixtureNights(runs), new Date('2026-12-03T03:00:00Z'));
}
