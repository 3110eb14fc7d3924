// Pure: the text of trend.json → the Trend the trend page (`vethbench trend`) draws. Every failure is an
// InputError naming the file, the field, the value and the fix (the one schema of src/results/nightly-schema.ts).
import { InputError } from '../errors.ts';
import { HISTORY_SCHEMA_VERSION, trendSchema, type Trend } from '../results/nightly-schema.ts';
import { storedJson, storedRecord } from '../results/parse-stored.ts';

const FIX = 'pass the trend.json vethbench nightly writes (reports/nightly/trend.json)';

/** Pure: the text of a trend.json → the trend, or an InputError. */
export function parseTrend(text: string, file: string): Trend {
  const data = storedJson(text, file, FIX);
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > HISTORY_SCHEMA_VERSION) {
    throw new InputError(`${file}: schemaVersion ${version} is newer than this vethbench reads (up to ${HISTORY_SCHEMA_VERSION}); upgrade vethbench to read it`);
  }
  return storedRecord(data, file, trendSchema, FIX);
}
