// The report's view of a results.json: read.ts does the reading, the JSON and schema-version checks every reader
// shares; this checks the fields the report draws from and names the ones that are wrong.
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { formatPath } from '../scenario/problems.ts';
import { readResults } from './read.ts';
import type { RunResults } from './types.ts';

// Loose objects: fields a later schema adds are kept, only what readers rely on is checked.
const text = z.string();
const count = z.number().int().min(0);
/** Knob values are on/off words, qdisc names, or numbers (mtu, txqueuelen, buffer sizes). */
const knobValue = z.union([text, z.number()]);
const summary = z.looseObject({ n: count, median: z.number(), mean: z.number(), stddev: z.number(), min: z.number(), max: z.number(), cv: z.number(), ciLow: z.number().optional(), ciHigh: z.number().optional() });
const sample = z.looseObject({
  pointId: text, trial: count, repetition: count, status: z.enum(['ok', 'failed', 'skipped']), reason: text.optional(),
  startedAt: text, durationMs: z.number(), metrics: z.record(text, z.number()).optional(),
  effective: z.record(text, z.record(text, knobValue)).optional(), rawOutput: text.optional(), toolVersion: text.optional(),
});
const point = z.looseObject({
  id: text, key: text, label: text, link: text, workload: z.looseObject({ label: text, protocol: text }),
  requested: z.record(text, knobValue), effective: z.record(text, knobValue), samples: z.array(sample), summary: z.record(text, summary),
});
const hostFacts = z.looseObject({
  hostname: text, kernel: text,
  os: z.looseObject({ distro: text, release: text, arch: text, codename: text.optional() }),
  cpu: z.looseObject({ manufacturer: text, brand: text, cores: count, physicalCores: count, speedGHz: z.number().optional() }),
  memoryBytes: z.number(), virtualization: z.looseObject({ virtual: z.boolean(), host: text.optional() }).optional(),
  toolVersions: z.record(text, text), sysctls: z.record(text, text),
});
const resultsSchema = z.looseObject({
  schemaVersion: z.number().int(),
  tool: z.looseObject({ name: z.literal('vethbench'), version: text }),
  run: z.looseObject({
    id: text, prefix: text, status: z.enum(['complete', 'interrupted', 'failed']), reason: text.optional(), startedAt: text, finishedAt: text,
    settings: z.looseObject({ repetitions: count, durationS: z.number(), omitS: z.number(), seed: z.number(), filter: z.record(text, z.array(text)) }),
    estimatedSeconds: z.number(), port: z.number(),
  }),
  scenario: z.looseObject({ name: text, description: text, file: text, sourceSha256: text, topology: z.looseObject({ kind: text, path: text }) }),
  host: hostFacts.optional(),
  capabilities: z.array(z.looseObject({ kind: text, supported: z.boolean(), reason: text.optional() })),
  points: z.array(point),
});

const FIX = 'pass the results.json that `vethbench run` wrote, e.g. reports/gro-20261127T212118Z/results.json';

/** The fields the report draws from, on top of what every reader checks (src/results/read.ts). */
export function checkReportFields(value: unknown, file: string): RunResults {
  const parsed = resultsSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues.slice(0, 5).map((i) => `${formatPath(i.path) || '(top level)'}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new InputError(`${file}: not a valid results file: ${listed.join('; ')}${more}; ${FIX}`);
  }
  return parsed.data as unknown as RunResults;
}

/** Reads, version-checks and validates a results file (or a run directory) for the report. */
export function readResultsFile(file: string): RunResults {
  return checkReportFields(readResults(file), file);
}
