// What a reader of results.json relies on, as a zod schema. Loose objects: fields this version does not use
// (or that a newer minor change adds) pass through; what compare and report need is checked.
import { z } from 'zod';

const finiteNumber = z.number().refine(Number.isFinite, { message: 'expected a finite number' });

const sampleSchema = z.looseObject({
  pointId: z.string(),
  repetition: z.int().min(0),
  warmup: z.literal(true).optional(),
  status: z.enum(['ok', 'failed', 'skipped']),
  reason: z.string().optional(),
  metrics: z.record(z.string(), finiteNumber).optional(),
});

const pointSchema = z.looseObject({
  id: z.string(),
  /** Link kind, knob values and workload: what compare matches on. */
  key: z.string().min(1),
  label: z.string(),
  link: z.string(),
  workload: z.looseObject({ label: z.string(), protocol: z.string() }),
  requested: z.record(z.string(), z.unknown()),
  samples: z.array(sampleSchema),
  warmup: z.array(sampleSchema).optional(),
});

const hostSchema = z.looseObject({
  hostname: z.string(),
  kernel: z.string(),
  os: z.looseObject({ distro: z.string(), release: z.string(), arch: z.string() }),
  cpu: z.looseObject({ brand: z.string(), cores: z.int().min(1), physicalCores: z.int().min(1).optional() }),
  memoryBytes: z.number().optional(),
  virtualization: z.looseObject({ virtual: z.boolean(), host: z.string().optional() }).optional(),
  toolVersions: z.record(z.string(), z.string()),
  sysctls: z.record(z.string(), z.string()).optional(),
});

export const resultsFileSchema = z.looseObject({
  schemaVersion: z.int().min(1),
  tool: z.looseObject({ name: z.literal('vethbench'), version: z.string() }),
  run: z.looseObject({
    id: z.string(),
    status: z.enum(['complete', 'interrupted', 'failed']),
    reason: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    settings: z.looseObject({ repetitions: z.int(), warmupRepetitions: z.int().optional(), durationS: z.number(), omitS: z.number(), seed: z.number().optional() }),
  }),
  scenario: z.looseObject({ name: z.string(), sourceSha256: z.string(), file: z.string().optional() }),
  host: hostSchema.optional(),
  points: z.array(pointSchema),
});

/** A results.json as validated for reading: the fields compare and report may rely on. */
export type ResultsFile = z.infer<typeof resultsFileSchema>;
export type ResultsPoint = ResultsFile['points'][number];
export type ResultsSample = ResultsPoint['samples'][number];
export type ResultsHost = NonNullable<ResultsFile['host']>;
