// `vethbench trend [TREND.json|DIR] [-o FILE]`: the HTML trend page of the nightly runs (vethbench nightly writes it
// after every night too). Needs no root.
import { dirname, join } from 'node:path';
import { readTrend } from '../files/nightly-files.ts';
import { fileOrEntry } from '../files/stored-file.ts';
import { writeTrendPage } from '../files/report-files.ts';

export function trendCommand(file: string, flags: { output?: string }): number {
  const trend = readTrend(file);
  const trendFile = fileOrEntry(file, 'trend.json');
  const page = writeTrendPage(trend, flags.output ?? join(dirname(trendFile), 'trend.html'));
  process.stdout.write(`trend page: ${page}\n`);
  return 0;
}
