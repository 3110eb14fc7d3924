// The real fixture run the report tests start from, and the stand-in vega runtime for pure rendering tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VegaRuntime } from '../../src/report/html/shared/html-page.ts';
import type { RunReportInput } from '../../src/report/html/run/run-report.ts';
import { readIntervals } from '../../src/files/report-files.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { repoRoot } from './host-state.ts';

export const GRO_RUN_DIR = join(repoRoot, 'test/fixtures/results/gro-quick');
export const GRO_RESULTS = join(GRO_RUN_DIR, 'results.json');

/** A fresh copy each time, so a test can derive a variant by editing it. */
export function groResults(): RunResults {
  return JSON.parse(readFileSync(GRO_RESULTS, 'utf8')) as RunResults;
}

/** The report input of the fixture run, with its real raw intervals. */
export function groInput(results = groResults()): RunReportInput {
  return { results, ...readIntervals(GRO_RUN_DIR, results), resultsHref: 'results.json' };
}

/** Pure rendering tests need no real runtime: the page only inlines it. */
export const STUB_RUNTIME: VegaRuntime = {
  vega: '/* vega */', vegaLite: '/* vega-lite */', vegaEmbed: '/* vega-embed */',
  versions: { vega: '0', vegaLite: '0', vegaEmbed: '0' },
};
