// `vethbench report RESULTS.json [-o FILE]`: the HTML report of a finished run. Needs no root.
import { writeRunReport } from '../host/report-files.ts';

export function reportCommand(resultsFile: string, flags: { output?: string }): number {
  const page = writeRunReport(resultsFile, flags.output);
  process.stdout.write(`report: ${page}\n`);
  return 0;
}
