// `vethbench report RUN_DIR|RESULTS.json [-o FILE]`: the HTML report of a finished run. Needs no root.
// A run directory stands for its results.json, so the page lands inside it (index.html) and the raw interval
// files it draws are found beside results.json.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeRunReport } from '../files/report-files.ts';

export function resultsFileOf(runOrResults: string): string {
  return existsSync(runOrResults) && statSync(runOrResults).isDirectory() ? join(runOrResults, 'results.json') : runOrResults;
}

export function reportCommand(runOrResults: string, flags: { output?: string }): number {
  const page = writeRunReport(resultsFileOf(runOrResults), flags.output);
  process.stdout.write(`report: ${page}\n`);
  return 0;
}
