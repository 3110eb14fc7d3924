// Turns zod issues into problems a person can act on: field path, the value found, what to write instead.
import type { z } from 'zod';
import type { ScenarioProblem } from '../errors.ts';
import { KNOB_NAMES } from '../knobs/registry.ts';
import { SIDED_KNOBS } from './schema.ts';

/** `['workloads', 0, 'streams']` → `workloads[0].streams`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** Fields of each workload tool; "(tcp)"/"(udp)" marks a field of one iperf3 protocol only. */
const WORKLOAD_FIELDS: Record<string, readonly string[]> = {
  iperf3: ['tool', 'protocol', 'name', 'streams', 'reverse (tcp)', 'bidir (tcp)', 'blockBytes (tcp)', 'zerocopy (tcp)', 'congestion (tcp)', 'bitrate (udp)', 'lengthBytes (udp)', 'senders (udp)'],
  sockperf: ['tool', 'protocol', 'name', 'messageBytes', 'underLoad'],
  density: ['tool', 'name', 'pairs', 'protocol', 'bitrate', 'lengthBytes'],
  'setup-cost': ['tool', 'name', 'modes', 'pairs', 'minIterations'],
};

/** Known keys per object, to name the alternatives when a key is unknown. */
function knownKeys(path: readonly PropertyKey[], input: unknown): readonly string[] {
  const p = path.map((x) => (typeof x === 'number' ? '#' : String(x))).join('.');
  const table: Record<string, readonly string[]> = {
    '': ['name', 'description', 'topology', 'links', 'matrix', 'exclude', 'include', 'sides', 'workloads', 'repetitions', 'warmupRepetitions', 'durationS', 'omitS'],
    matrix: KNOB_NAMES,
    sides: SIDED_KNOBS,
    'exclude.#': [...KNOB_NAMES, 'workload'],
    'include.#': [...KNOB_NAMES, 'workload'],
    topology: ['kind', 'addressPool', 'names'],
    'topology.names': ['client', 'router (router topology)', 'server'],
  };
  if (p === 'workloads.#') {
    const tool = input && typeof input === 'object' ? (input as Record<string, unknown>).tool : undefined;
    return WORKLOAD_FIELDS[String(tool)] ?? WORKLOAD_FIELDS.iperf3!;
  }
  return table[p] ?? [];
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

function didYouMean(key: string, known: readonly string[]): string {
  // A key of another variant ("router" in a pair topology, "bitrate" in a tcp workload): say where it belongs.
  const qualified = known.find((k) => k.startsWith(`${key} (`));
  if (qualified) return ` — "${key}" is only allowed for ${qualified.slice(key.length + 2, -1)}`;
  const close = known.map((k) => k.split(' ')[0]!).filter((k) => editDistance(key.toLowerCase(), k.toLowerCase()) <= 2);
  return close.length ? ` — did you mean "${close[0]}"?` : '';
}

function unknownKeyProblems(issue: z.core.$ZodIssueUnrecognizedKeys): ScenarioProblem[] {
  const known = knownKeys(issue.path, (issue as { input?: unknown }).input);
  const what = ['matrix', 'sides'].includes(formatPath(issue.path)) ? 'knob' : 'field';
  return issue.keys.map((key) => ({
    path: formatPath([...issue.path, key]),
    message: formatPath(issue.path) === 'sides' && KNOB_NAMES.includes(key)
      ? `"${key}" has no sides: it applies where it must (both ends of a link, every namespace, or the host); remove it here (knobs with sides: ${known.join(', ')})`
      : `unknown ${what} "${key}"${didYouMean(key, known)}${known.length ? ` (known ${what}s: ${known.join(', ')})` : ''}`,
  }));
}

/** zod's own wording of a min/max issue ("Too small: expected number to be >=1"), as opposed to a schema's message. */
const ZOD_DEFAULT_BOUND = /^Too (small|big)\b/;

export function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `is required (expected ${issue.expected})` : `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}, got ${show(input)}`;
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
    default:
      return `${issue.message}${input !== undefined ? `; got ${show(input)}` : ''}`;
  }
}

export function problemsFromZod(issues: readonly z.core.$ZodIssue[]): ScenarioProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? unknownKeyProblems(issue) : [{ path: formatPath(issue.path), message: issueMessage(issue) }],
  );
}
