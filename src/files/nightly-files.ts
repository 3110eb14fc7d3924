// The nightly job's files read from disk; parsing and validation are the pure core's (src/nightly/).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { parseHistory } from '../nightly/history.ts';
import { parseTrend } from '../nightly/read-trend.ts';
import type { NightRecord, Trend } from '../results/nightly-schema.ts';

/** history.jsonl; none yet is an empty history. */
export function readHistory(file: string): NightRecord[] {
  return existsSync(file) ? parseHistory(readFileSync(file, 'utf8'), file) : [];
}

/** `file` may also be the nightly directory: its trend.json is read. */
export function readTrend(file: string): Trend {
  const path = existsSync(file) && statSync(file).isDirectory() ? join(file, 'trend.json') : file;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read the trend (${(error as NodeJS.ErrnoException).code ?? String(error)}); vethbench nightly writes it to <dir>/trend.json (default reports/nightly/trend.json)`);
  }
  return parseTrend(text, path);
}
