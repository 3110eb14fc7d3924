// The captured results files (real runs of test/fixtures/scenarios/compare-small.ts on the development VM):
// base and again are two unshaped runs (A/A), shaped ran with a tc tbf shaper at 60 % of base's median.
import { readFileSync } from 'node:fs';
import type { LoadedRun } from '../../src/compare/compare-pair.ts';
import { parseResults } from '../../src/results/read.ts';

export const RESULTS_FIXTURES = {
  base: 'test/fixtures/results/compare-small-base.json',
  again: 'test/fixtures/results/compare-small-again.json',
  shaped: 'test/fixtures/results/compare-small-shaped.json',
} as const;

export function fixtureText(name: keyof typeof RESULTS_FIXTURES): string {
  return readFileSync(new URL(`../../${RESULTS_FIXTURES[name]}`, import.meta.url), 'utf8');
}

/** A fresh, mutable copy each call, so a test can edit it. */
export function loadFixture(name: keyof typeof RESULTS_FIXTURES): LoadedRun {
  return { file: RESULTS_FIXTURES[name], results: parseResults(fixtureText(name), RESULTS_FIXTURES[name]) };
}
