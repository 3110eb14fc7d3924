// Reads a results.json for compare, report and nightly: the JSON, the schema version, the one schema of
// src/results/schema.ts. Every failure is an InputError naming the file, the field, the value and the fix; a newer
// schemaVersion is refused rather than half-understood, an older one is migrated.
import { InputError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { summaryOf } from '../plan/assemble.ts';
import { runResultsSchema, SCHEMA_VERSION, type RunResults, type Sample } from '../results/schema.ts';
import { storedJson } from '../results/parse-stored.ts';
import { fileOrEntry, readStoredText } from './stored-file.ts';
import { shown, storedFileError } from '../results/stored-problems.ts';

const FIX = 'the file is not a complete vethbench results.json; pass one written by vethbench run (edited or truncated files are refused)';

/**
 * Older files → the current shape. Version 1 is the only version so far; a change of shape adds a step here.
 * Summaries are derived data: files written before every summary carried its CI (n = 1 points of early runs) get
 * them recomputed from their samples.
 */
function migrate(data: Record<string, unknown>): Record<string, unknown> {
  const points = data.points;
  if (!Array.isArray(points)) return data;
  return { ...data, points: points.map((p: unknown) => (needsSummary(p) ? { ...p, summary: summaryOf(p.samples as Sample[]) } : p)) };
}

function needsSummary(point: unknown): point is { samples: unknown[]; summary: Record<string, unknown> } {
  if (point === null || typeof point !== 'object') return false;
  const { samples, summary } = point as { samples?: unknown; summary?: unknown };
  if (!Array.isArray(samples) || summary === null || typeof summary !== 'object') return false;
  return Object.values(summary).some((s) => s !== null && typeof s === 'object' && !('ciConfidence' in s));
}

/** Pure: parsed JSON of a results file → the validated results, or an InputError. */
export function validateResults(data: unknown, file: string): RunResults {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${file}: expected a JSON object, got ${Array.isArray(data) ? 'an array' : shown(data)}; pass the results.json a vethbench run wrote`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) {
    throw new InputError(`${file}: schemaVersion: missing; this is not a vethbench results.json (runs write reports/<scenario>-<timestamp>/results.json)`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(`${file}: schemaVersion: expected a whole number ≥ 1, found ${shown(version)}; ${FIX}`);
  }
  if (version > SCHEMA_VERSION) {
    throw new InputError(`${file}: schemaVersion ${version} is newer than this vethbench ${VERSION} reads (up to ${SCHEMA_VERSION}); upgrade vethbench to read it`);
  }
  const migrated = migrate(data as Record<string, unknown>);
  const parsed = runResultsSchema.safeParse(migrated);
  if (!parsed.success) throw storedFileError(file, migrated, parsed.error.issues, FIX);
  const seen = new Map<string, number>();
  parsed.data.points.forEach((p, i) => {
    const first = seen.get(p.key);
    if (first !== undefined) throw new InputError(`${file}: points[${i}].key: "${p.key}" repeats points[${first}].key; every point of a run has its own key`);
    seen.set(p.key, i);
  });
  return parsed.data;
}

/** Pure: the text of a results file → the validated results, or an InputError. */
export function parseResults(text: string, file: string): RunResults {
  return validateResults(storedJson(text, file, 'pass the results.json a vethbench run wrote'), file);
}

/** `file` may also be a run directory: its results.json is read. */
export function readResults(file: string): RunResults {
  const path = fileOrEntry(file, 'results.json');
  return parseResults(readStoredText(path, 'the results file', 'check the path (runs write reports/<scenario>-<timestamp>/results.json)'), path);
}
