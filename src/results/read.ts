// Reads a results.json for compare (and report): every failure is an InputError naming the file, the field,
// the value and the fix. A newer schemaVersion is refused rather than half-understood.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { problemsFromZod } from '../scenario/problems.ts';
import { VERSION } from '../version.ts';
import { resultsFileSchema, type ResultsFile } from './read-schema.ts';
import { SCHEMA_VERSION } from './types.ts';

const MAX_PROBLEMS_SHOWN = 5;

/** Pure: the text of a results file → the validated results, or an InputError. */
export function parseResults(text: string, file: string): ResultsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message}); pass the results.json a vethbench run wrote`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${file}: expected a JSON object, got ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}; pass the results.json a vethbench run wrote`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number') {
    throw new InputError(`${file}: schemaVersion: missing; this is not a vethbench results.json (runs write reports/<scenario>-<timestamp>/results.json)`);
  }
  if (version > SCHEMA_VERSION) {
    throw new InputError(`${file}: schemaVersion ${version} is newer than this vethbench ${VERSION} reads (up to ${SCHEMA_VERSION}); upgrade vethbench to read it`);
  }
  const parsed = resultsFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error.issues);
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${file}: ${p.path || '(top level)'}: ${p.message}`);
    const more = problems.length > MAX_PROBLEMS_SHOWN ? `\n  … and ${problems.length - MAX_PROBLEMS_SHOWN} more` : '';
    throw new InputError(`${shown.join('\n  ')}${more}\n  the file is not a complete vethbench results.json; pass one written by vethbench run (edited or truncated files are refused)`);
  }
  const seen = new Map<string, number>();
  parsed.data.points.forEach((p, i) => {
    const first = seen.get(p.key);
    if (first !== undefined) throw new InputError(`${file}: points[${i}].key: "${p.key}" repeats points[${first}].key; every point of a run has its own key`);
    seen.set(p.key, i);
  });
  return parsed.data;
}

/** `file` may also be a run directory: its results.json is read. */
export function readResults(file: string): ResultsFile {
  const path = existsSync(file) && statSync(file).isDirectory() ? join(file, 'results.json') : file;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read the results file (${code ?? String(error)}); check the path (runs write reports/<scenario>-<timestamp>/results.json)`);
  }
  return parseResults(text, path);
}
