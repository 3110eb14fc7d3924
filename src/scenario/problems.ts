// Turns zod issues into problems a person can act on: field path, the value found, what to write instead.
import type { z } from 'zod';
import type { ScenarioProblem } from '../errors.ts';
import { KNOB_NAMES } from '../knobs/registry.ts';
import { knownKeysAt, type KnownKeys, type Variant } from './known-keys.ts';

/** `['workloads', 0, 'streams']` → `workloads[0].streams`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

/** NaN and ±Infinity print as themselves (JSON would print null, which is not what the scenario holds). */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const marked = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${String(v)}\u0000` : v));
    const text = marked.replace(/"\\u0000(-?\w+)\\u0000"/g, '$1');
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** A computed value that is not a number: say so, and where to look. */
function notFinite(input: unknown, expected: string): string | undefined {
  if (typeof input !== 'number' || Number.isFinite(input)) return undefined;
  const what = Number.isNaN(input) ? 'NaN (not a number)' : `${String(input)} (not a finite number)`;
  return `expected ${expected}, got ${what}; check the calculation in the scenario that produced it`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The candidate nearest to `name` (case-insensitive edit distance ≤ 3), for did-you-mean hints. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(name.toLowerCase(), c.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: c, distance };
  }
  return best?.name;
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "when protocol is "udp", or tool is "density"": the variants that allow a key, innermost union first. */
function whereAllowed(variants: readonly Variant[]): string {
  const single = variants.every((v) => v.selectors.length === 1 && v.selectors[0]![0] === variants[0]!.selectors[0]![0]);
  if (single) return `${variants[0]!.selectors[0]![0]} is ${orList(variants.map((v) => show(v.selectors[0]![1])))}`;
  return variants.map((v) => v.selectors.map(([d, value]) => `${d} is ${show(value)}`).join(' and ')).join(', or ');
}

function didYouMean(key: string, known: KnownKeys): string {
  // A key of another variant ("router" in a pair topology, "bitrate" in a tcp workload): say where it belongs.
  const elsewhere = known.elsewhere.get(key);
  if (elsewhere) return ` — "${key}" is only allowed when ${whereAllowed(elsewhere)}`;
  const close = known.keys.filter((k) => editDistance(key.toLowerCase(), k.toLowerCase()) <= 2);
  return close.length ? ` — did you mean "${close[0]}"?` : '';
}

/** The schema the issues came from and the value it was given: unknown-key messages list the keys allowed there. */
export interface IssueContext {
  schema: z.ZodType;
  input: unknown;
}

function unknownKeyProblems(issue: z.core.$ZodIssueUnrecognizedKeys, context: IssueContext | undefined): ScenarioProblem[] {
  const known: KnownKeys = context ? knownKeysAt(context.schema, issue.path, context.input) : { keys: [], elsewhere: new Map() };
  const here = formatPath(issue.path);
  const what = ['matrix', 'sides'].includes(here) ? 'knob' : 'field';
  const list = known.keys.join(', ');
  return issue.keys.map((key) => ({
    path: formatPath([...issue.path, key]),
    message: here === 'sides' && KNOB_NAMES.includes(key)
      ? `"${key}" has no sides: it applies where it must (both ends of a link, every namespace, or the host); remove it here (knobs with sides: ${list})`
      : `unknown ${what} "${key}"${didYouMean(key, known)}${list ? ` (known ${what}s: ${list})` : ''}`,
  }));
}

/** zod's own wording of a min/max issue ("Too small: expected number to be >=1"), as opposed to a schema's message. */
const ZOD_DEFAULT_BOUND = /^Too (small|big)\b/;

export function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return notFinite(input, issue.expected === 'int' ? 'a whole number' : issue.expected) ?? (input === undefined ? `is required (expected ${issue.expected})` : `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}, got ${show(input)}`);
    case 'invalid_value':
      return `got ${show(input)}; expected one of ${issue.values.map((v) => show(v)).join(', ')}`;
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = (issue as { options?: unknown[] }).options ?? [];
      if (disc) {
        const value = input && typeof input === 'object' ? (input as Record<string, unknown>)[disc] : undefined;
        return `got ${show(value)}; expected one of ${options.map((o) => show(o)).join(', ')}`;
      }
      return `does not match any allowed form (got ${show(input)})`;
    }
    case 'too_small':
      // A bound with its own reason (mtu, txqueuelen) says why; zod's default wording is replaced by ours.
      if (!ZOD_DEFAULT_BOUND.test(issue.message)) return `${issue.message}; got ${show(input)}`;
      return issue.origin === 'array' ? `must list at least ${String(issue.minimum)} value(s)` : `${show(input)} is below the minimum of ${String(issue.minimum)}`;
    case 'too_big':
      if (!ZOD_DEFAULT_BOUND.test(issue.message)) return `${issue.message}; got ${show(input)}`;
      return issue.origin === 'array' ? `lists more than ${String(issue.maximum)} values` : `${show(input)} is above the maximum of ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${issue.message}; got ${show(input)}`;
    case 'custom':
      // A check that already names the value it found (a repeated matrix value) says it once.
      if ((issue.params as { namesValue?: boolean } | undefined)?.namesValue) return issue.message;
      return `${issue.message}${input !== undefined ? `; got ${show(input)}` : ''}`;
    default:
      return `${issue.message}${input !== undefined ? `; got ${show(input)}` : ''}`;
  }
}

export function problemsFromZod(issues: readonly z.core.$ZodIssue[], context?: IssueContext): ScenarioProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? unknownKeyProblems(issue, context) : [{ path: formatPath(issue.path), message: issueMessage(issue) }],
  );
}
