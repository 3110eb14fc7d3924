// The captured results files, real runs on the development VM. compare-small.ts: base and again are two unshaped
// runs (A/A), shaped ran with a tc tbf shaper at 60 % of base's median. nightly-smoke: scenarios/nightly.ts with
// --repetitions 3 --duration 1 --omit 0 (TCP and UDP 64 B points).
import { readFileSync } from 'node:fs';
import type { LoadedRun } from '../../src/compare/compare-pair.ts';
import { parseResults } from '../../src/files/read-results.ts';

export const RESULTS_FIXTURES = {
  base: 'test/fixtures/results/compare-small-base.json',
  again: 'test/fixtures/results/compare-small-again.json',
  shaped: 'test/fixtures/results/compare-small-shaped.json',
  nightlySmoke: 'test/fixtures/results/nightly-smoke.json',
} as const;

export function fixtureText(name: keyof typeof RESULTS_FIXTURES): string {
  return readFileSync(new URL(`../../${RESULTS_FIXTURES[name]}`, import.meta.url), 'utf8');
}

/** A fresh, mutable copy each call, so a test can edit it. */
export function loadFixture(name: keyof typeof RESULTS_FIXTURES): LoadedRun {
  return { file: RESULTS_FIXTURES[name], results: parseResults(fixtureText(name), RESULTS_FIXTURES[name]) };
}
