// The shell around the pure pages: read results.json and the raw iperf3 files it points to, render, write the
// page. Used at the end of `vethbench run` and by `vethbench report`; the comparison page by `vethbench compare
// --html`, the trend page by `vethbench nightly` and `vethbench trend`.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ComparisonReport } from '../compare/types.ts';
import { VethbenchError } from '../errors.ts';
import { fileOrEntry } from './stored-file.ts';
import type { Trend } from '../results/nightly-schema.ts';
import { readResults, validateResults } from './read-results.ts';
import type { RunResults } from '../results/schema.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { VERSION } from '../version.ts';
import { samplesForTimeSeries, type SampleIntervals } from '../report/html/run/interval-chart.ts';
import { renderComparisonPage } from '../report/html/compare/compare-page.ts';
import { renderRunReport, type RunReportInput } from '../report/html/run/run-report.ts';
import { renderTrendPage } from '../report/html/trend/trend-page.ts';
import { readVegaRuntime } from './vega-runtime.ts';
import { currentHostKey, hostKeyOf } from '../metadata/host-key.ts';
import { noiseFloorLines } from '../nightly/host-noise.ts';
import type { Point } from '../plan/expand.ts';
import { readCalibration } from './calibration-store.ts';

/** Intervals of the samples the time series draws; a raw file that is missing, outside the run directory or unparsable is listed instead. */
export function readIntervals(runDir: string, results: RunResults): { intervals: SampleIntervals[]; missingRaw: string[] } {
  const intervals: SampleIntervals[] = [];
  const missingRaw: string[] = [];
  const root = resolve(runDir);
  for (const sample of samplesForTimeSeries(results.points)) {
    const file = resolve(root, sample.rawOutput!);
    let parsed: ReturnType<typeof parseIperf3Json> | undefined;
    if (file.startsWith(root + sep)) {
      try {
        parsed = parseIperf3Json(readFileSync(file, 'utf8'));
      } catch {
        // unreadable: reported below
      }
    }
    if (parsed?.ok) intervals.push({ pointId: sample.pointId, repetition: sample.repetition, intervals: parsed.intervals });
    else missingRaw.push(sample.rawOutput!);
  }
  return { intervals, missingRaw };
}

/** A relative link from the page to results.json, each path segment URL-encoded. */
export function hrefFrom(pageFile: string, target: string): string {
  return relative(dirname(resolve(pageFile)), resolve(target)).split(sep).map(encodeURIComponent).join('/');
}

/**
 * The noise-floor lines of the host the run was made on, from its calibration when this machine holds one; "not
 * calibrated" only when the page is written on that host itself. A damaged record is named, never fatal to a page.
 */
export function runNoiseFloor(results: RunResults): string[] | undefined {
  if (!results.host) return undefined;
  const key = hostKeyOf(results.host);
  const here = currentHostKey();
  let record;
  try { record = readCalibration(key); } catch (error) { return [`noise floor: ${(error as Error).message}`]; }
  if (!record && (here.machineId !== key.machineId || here.kernel !== key.kernel)) return undefined;
  const settings = results.run.settings;
  return settings.untilDecided ? undefined : noiseFloorLines(record, { points: expandedPoints(results), settings });
}

/** The stored points in the shape the noise lines read (workload and requested knobs). */
function expandedPoints(results: RunResults): Pick<Point, 'workload' | 'knobs'>[] {
  return results.points.map((p) => ({ workload: p.workload, knobs: p.requested }));
}

function loadRunReportInput(resultsFile: string, pageFile: string): RunReportInput {
  const results = readResults(resultsFile);
  return { results, ...readIntervals(dirname(resultsFile), results), resultsHref: hrefFrom(pageFile, resultsFile), noiseFloor: runNoiseFloor(results) };
}

/** Writes a page atomically (a temporary file, then a rename); `fix` tells how to choose another place. */
function writePage(pageFile: string, page: string, what: string, fix: string): string {
  const tmp = `${pageFile}.tmp`;
  try {
    writeFileSync(tmp, page);
    renameSync(tmp, pageFile);
  } catch (error) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the message below is what matters
    }
    throw new VethbenchError(`${pageFile}: cannot write the ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${fix}`, 2);
  }
  return pageFile;
}

/** Writes the report of `resultsFile` to `pageFile` (default: index.html beside it) and returns its path. */
export function writeRunReport(resultsFile: string, pageFile = join(dirname(resultsFile), 'index.html')): string {
  const page = renderRunReport(loadRunReportInput(resultsFile, pageFile), readVegaRuntime());
  return writePage(pageFile, page, 'report', 'make its directory writable or, with vethbench report, choose another file with -o');
}

/**
 * Writes the comparison page of `report` to `pageFile`. `runs` are the compared results files as read (the
 * report's order, base first): their host facts are shown side by side; they must carry what the run report needs.
 */
export function writeComparisonPage(report: ComparisonReport, runs: readonly { file: string; results: unknown }[], pageFile: string): string {
  const input = {
    report,
    runs: runs.map((r) => validateResults(r.results, r.file)),
    resultsHrefs: runs.map((r) => hrefFrom(pageFile, fileOrEntry(r.file, 'results.json'))),
  };
  return writePage(pageFile, renderComparisonPage(input, readVegaRuntime()), 'comparison page', 'make its directory writable or choose another file with --html');
}

/** Writes the trend page of `trend` (default: trend.html in the nightly directory) and returns its path. */
export function writeTrendPage(trend: Trend, pageFile: string): string {
  return writePage(pageFile, renderTrendPage(trend, readVegaRuntime(), VERSION), 'trend page', 'make its directory writable or, with vethbench trend, choose another file with -o');
}
