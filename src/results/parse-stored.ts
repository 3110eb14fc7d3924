// Pure: the one way a stored file (results.json, journal.jsonl, history.jsonl, trend.json, live state, the sysctl
// journal) is read back — JSON, then its zod schema — so every reader refuses damage with the same kind of message.
import type { z } from 'zod';
import { InputError } from '../errors.ts';
import { storedFileError } from './stored-problems.ts';

/** The text as JSON, or an InputError: `FILE: not JSON (why); FIX`. */
export function storedJson(text: string, file: string, fix: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message}); ${fix}`);
  }
}

/** Parsed data checked against its schema, or one InputError naming every wrong field. */
export function storedRecord<S extends z.ZodType>(data: unknown, file: string, schema: S, fix: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw storedFileError(file, data, parsed.error.issues, fix);
  return parsed.data;
}

/** A whole stored document: JSON, then its schema. */
export function storedDocument<S extends z.ZodType>(text: string, file: string, schema: S, fix: string): z.output<S> {
  return storedRecord(storedJson(text, file, fix), file, schema, fix);
}

/**
 * JSON lines, each turned into a record by `each` (given the line's data and `FILE:LINE`). Only the last line can
 * be torn (a crash mid-append): it is skipped; a line that is not JSON elsewhere is damage, named by its number.
 */
export function storedLines<T>(text: string, file: string, fix: string, each: (data: unknown, where: string) => T): T[] {
  const lines = text.split('\n');
  const records: T[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      if (lines.slice(i + 1).some((l) => l.trim())) throw new InputError(`${where}: not JSON; ${fix}`);
      return;
    }
    records.push(each(data, where));
  });
  return records;
}
