// Pure: what is wrong with a stored file (results.json, journal.jsonl, history.jsonl …), as one message naming the
// file, each wrong field, the value found there and the fix — never a TypeError or a stack trace.
import type { z } from 'zod';
import { InputError } from '../errors.ts';

const MAX_SHOWN = 5;

/** "points[0].samples[2].status". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = data;
  for (const part of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[part];
  }
  return here;
}

/** A value as a message quotes it: strings quoted, long ones cut, absent said so. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What was expected and what was found, in words (stored files need no did-you-mean: a program wrote them). */
function issueText(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined ? `is required (expected ${issue.expected})` : `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}, got ${shown(found)}`;
    case 'invalid_value':
      return `got ${shown(found)}; expected one of ${issue.values.map((v) => shown(v)).join(', ')}`;
    default:
      return `${issue.message.replace(/^Invalid input: /, '')}; got ${shown(found)}`;
  }
}

/** One InputError for every issue zod found: `FILE: FIELD: what was expected, what was found`, then the fix. */
export function storedFileError(file: string, data: unknown, issues: readonly z.core.$ZodIssue[], fix: string): InputError {
  const lines = issues.slice(0, MAX_SHOWN).map((issue) => `${file}: ${fieldPath(issue.path) || '(top level)'}: ${issueText(issue, valueAt(data, issue.path))}`);
  const more = issues.length > MAX_SHOWN ? `\n  … and ${issues.length - MAX_SHOWN} more` : '';
  return new InputError(`${lines.join('\n  ')}${more}\n  ${fix}`);
}
