// The nightly job's files read from disk; parsing and validation are the pure core's (src/nightly/).
import { existsSync, readFileSync } from 'node:fs';
import { parseHistory } from '../nightly/history.ts';
import { parseTrend } from '../nightly/read-trend.ts';
import type { NightRecord, Trend } from '../results/nightly-schema.ts';
import { fileOrEntry, readStoredText } from './stored-file.ts';

/** history.jsonl; none yet is an empty history. */
export function readHistory(file: string): NightRecord[] {
  return existsSync(file) ? parseHistory(readFileSync(file, 'utf8'), file) : [];
}

/** `file` may also be the nightly directory: its trend.json is read. */
export function readTrend(file: string): Trend {
  const path = fileOrEntry(file, 'trend.json');
  return parseTrend(readStoredText(path, 'the trend', 'vethbench nightly writes it to <dir>/trend.json (default reports/nightly/trend.json)'), path);
}
