// The shell around the pure report: read results.json and the raw iperf3 files it points to, render,
// write the page. Used at the end of `vethbench run` and by `vethbench report`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { VethbenchError } from '../errors.ts';
import { readResultsFile } from '../results/read-results.ts';
import type { RunResults } from '../results/types.ts';
import { parseIperf3Json } from '../tools/iperf3-parse.ts';
import { samplesForTimeSeries, type SampleIntervals } from './interval-chart.ts';
import { renderRunReport, type RunReportInput } from './run-report.ts';
import { readVegaRuntime } from './vega-runtime.ts';

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

function loadRunReportInput(resultsFile: string, pageFile: string): RunReportInput {
  const results = readResultsFile(resultsFile);
  return { results, ...readIntervals(dirname(resultsFile), results), resultsHref: hrefFrom(pageFile, resultsFile) };
}

/** Writes the report of `resultsFile` to `pageFile` (default: index.html beside it) and returns its path. */
export function writeRunReport(resultsFile: string, pageFile = join(dirname(resultsFile), 'index.html')): string {
  const page = renderRunReport(loadRunReportInput(resultsFile, pageFile), readVegaRuntime());
  const tmp = `${pageFile}.tmp`;
  try {
    writeFileSync(tmp, page);
    renameSync(tmp, pageFile);
  } catch (error) {
    throw new VethbenchError(`${pageFile}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)}); make its directory writable or, with vethbench report, choose another file with -o`, 2);
  }
  return pageFile;
}
