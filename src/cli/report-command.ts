// `vethbench report RUN_DIR|RESULTS.json [-o FILE]`: the HTML report of a finished run. Needs no root.
// A run directory stands for its results.json, so the page lands inside it (index.html) and the raw interval
// files it draws are found beside results.json.
import { writeRunReport } from '../files/report-files.ts';
import { fileOrEntry } from '../files/stored-file.ts';

export function resultsFileOf(runOrResults: string): string {
  return fileOrEntry(runOrResults, 'results.json');
}

export function reportCommand(runOrResults: string, flags: { output?: string }): number {
  const page = writeRunReport(resultsFileOf(runOrResults), flags.output);
  process.stdout.write(`report: ${page}\n`);
  return 0;
}
