// Reads trend.json for the trend page (`vethbench trend`): every failure is an InputError naming the file, the
// field and the fix. Loose objects: fields a later version adds pass through; what the page draws from is checked.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { VERDICT_SEVERITY } from '../compare/types.ts';
import { InputError } from '../errors.ts';
import { formatPath } from '../scenario/problems.ts';
import { HISTORY_SCHEMA_VERSION, type Trend } from './types.ts';

const num = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
const night = z.looseObject({
  date: z.string(), dir: z.string(), outcome: z.enum(['pass', 'regressed', 'invalid']), verdict: z.enum(VERDICT_SEVERITY as [string, ...string[]]).optional(),
  n: z.int().min(0), median: num, ciLow: num, ciHigh: num,
});
const changePoint = z.looseObject({
  index: z.int().min(0), date: z.string(), effect: z.enum(['worse', 'better']), beforeMedian: num, afterMedian: num, shiftPercent: num, pValue: num,
});
const trendSchema = z.looseObject({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  generatedAt: z.string(),
  lastNights: z.int().min(1),
  series: z.array(z.looseObject({
    key: z.string(), label: z.string(), metric: z.string(), unit: z.string(), direction: z.enum(['higher', 'lower']), gates: z.boolean(),
    nights: z.array(night), changePoints: z.array(changePoint),
  })),
});

/** Pure: the text of a trend.json → the trend, or an InputError. */
export function parseTrend(text: string, file: string): Trend {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message}); pass the trend.json vethbench nightly writes (reports/nightly/trend.json)`);
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > HISTORY_SCHEMA_VERSION) {
    throw new InputError(`${file}: schemaVersion ${version} is newer than this vethbench reads (up to ${HISTORY_SCHEMA_VERSION}); upgrade vethbench to read it`);
  }
  const parsed = trendSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues.slice(0, 5).map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new InputError(`${file}: not a vethbench trend.json: ${listed.join('; ')}${more}; pass the trend.json vethbench nightly writes (reports/nightly/trend.json)`);
  }
  return parsed.data as unknown as Trend;
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
