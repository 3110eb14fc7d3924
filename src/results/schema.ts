// The stored formats of a run as zod schemas — results.json and journal.jsonl — with every type derived from
// them, so the writer and every reader share one shape. Readers validate with these schemas (src/files/read-results.ts);
// a field a later minor change adds is dropped, not fatal; a newer schemaVersion is refused before parsing.
import { z } from 'zod';
import { shiftSchema } from '../stats/shift-schema.ts';
import { metricSummarySchema } from '../stats/summary-schema.ts';
import type { MetricName, SampleMetrics } from '../metrics/registry.ts';
import type { KindSupport } from '../topology/kernel-kinds.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import { tuneRecordSchema } from './tune-schema.ts';

/** Version 1: every results.json written since vethbench 0.1 (the main of 2026-12-01 included). */
export const SCHEMA_VERSION = 1;

const text = z.string();
const count = z.int().min(0);
const finite = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
/** Knob values are on/off words, qdisc names, or numbers (mtu, txqueuelen, buffer sizes). */
export const knobValueSchema = z.union([text, z.number()]);
const knobSettings = z.record(text, knobValueSchema);

/** Any metric name passes (a later version may add some); the registry's names are the typed ones. */
const sampleMetrics = z.record(text, finite).transform((m) => m as SampleMetrics);

const intervalSchema = z.object({ startS: z.number(), endS: z.number(), bitsPerSecond: z.number() });

const pairResultSchema = z.object({
  pair: count,
  throughputBps: z.number().optional(),
  retransmits: z.number().optional(),
  lossPercent: z.number().optional(),
  /** Why this pair produced no figure. */
  reason: text.optional(),
});

export const sampleSchema = z.object({
  pointId: text,
  /** Position in the run's execution order. */
  trial: count,
  repetition: count,
  /** A warm-up trial: kept for the record, never summarized or compared. */
  warmup: z.literal(true).optional(),
  status: z.enum(['ok', 'failed', 'skipped']),
  /** Why it failed or was skipped, in words. */
  reason: text.optional(),
  startedAt: text,
  durationMs: z.number(),
  metrics: sampleMetrics.optional(),
  /** iperf3's per-interval goodput (for stability over time); density: pair 0's. */
  intervals: z.array(intervalSchema).optional(),
  /** Density: each pair's own figures. */
  pairs: z.array(pairResultSchema).optional(),
  /** Knob values read back after applying, by place (interface, namespace or "host") and knob. */
  effective: z.record(text, knobSettings).optional(),
  /** Path of the raw tool output, relative to the run directory. */
  rawOutput: text.optional(),
  /** When the sample ran several tool processes (UDP senders, density pairs, sockperf + load): all their raw outputs. */
  rawOutputs: z.array(text).optional(),
  toolVersion: text.optional(),
  warnings: z.array(text).optional(),
  /** An attempt that failed before this one (the trial is retried once on a fresh topology). */
  previousAttempts: z.array(z.object({ reason: text, rawOutput: text.optional() })).optional(),
  /** What else ran on the host during the sample; absent where it was not measured. */
  interference: z.object({
    /** CPU time of user processes outside the run's own process tree, in cores, averaged over the sample. */
    neighbourCores: z.number(),
    /** Steal time (the hypervisor ran someone else), in cores. */
    stealCores: z.number(),
    /** Other vethbench runs live at the time (their run ids). */
    otherRuns: z.array(text),
  }).optional(),
  /** Neighbours used more than --max-neighbour-cpu: kept with its figures, left out of summaries, effects and gates. */
  contaminated: z.literal(true).optional(),
});

/** The workload as the scenario resolved it: its shape belongs to the scenario schema; a reader needs tool and label. */
const workloadSchema = z.looseObject({ tool: text, label: text })
  .transform((w) => w as unknown as ResolvedWorkload);

const pointCore = {
  id: text,
  /** Link kind + knob values + workload: what runs are matched on. */
  key: text.min(1),
  label: text,
  link: text,
  workload: workloadSchema,
  requested: knobSettings,
};

export const pointSchema = z.object({
  ...pointCore,
  /** What really was in effect everywhere it was applied, over all samples; "mixed" when places or samples differ. */
  effective: z.record(text, knobValueSchema),
  /** The measured samples: what the summary and compare use. */
  samples: z.array(sampleSchema),
  /** Discarded warm-up samples, present when there were any. */
  warmup: z.array(sampleSchema).optional(),
  summary: z.record(text, metricSummarySchema).transform((s) => s as Partial<Record<MetricName, z.infer<typeof metricSummarySchema>>>),
});

export const hostFactsSchema = z.object({
  hostname: text,
  kernel: text,
  os: z.object({ distro: text, release: text, codename: text.optional(), arch: text }),
  cpu: z.object({ manufacturer: text, brand: text, cores: z.int().min(1), physicalCores: z.int().min(1), speedGHz: z.number().optional() }),
  memoryBytes: z.number(),
  virtualization: z.object({ virtual: z.boolean(), host: text.optional() }).optional(),
  toolVersions: z.record(text, text),
  sysctls: z.record(text, text),
  /** /etc/machine-id: tells machines apart when hostname and CPU agree (nightly refuses a baseline from another). */
  machineId: text.optional(),
  /** Facts that move results (src/metadata/host-facts.ts); absent where the host does not expose them. */
  /** cpufreq scaling governor(s) of the CPUs, e.g. "performance" or "powersave,performance". */
  cpuGovernor: text.optional(),
  /** Turbo/boost: "on" or "off" (intel_pstate no_turbo, cpufreq boost). */
  turbo: text.optional(),
  /** The `mitigations=` kernel parameter from /proc/cmdline, or "default" when none is given. */
  mitigations: text.optional(),
  /** Transparent huge pages mode: always, madvise or never. */
  transparentHugePages: text.optional(),
  /** This process's cgroup CPU limit ("max 100000" = none) and its throttling counters when the facts were taken. */
  cgroupCpu: z.object({ cpuMax: text, nrThrottled: z.number().optional(), throttledUsec: z.number().optional() }).optional(),
});

export const runSettingsSchema = z.object({
  repetitions: count,
  /** Discarded rounds before the measured ones; absent (results written before warm-up existed) means 0. */
  warmupRepetitions: count.optional(),
  durationS: z.number(),
  omitS: z.number(),
  seed: z.number(),
  /** knob, "link" or "workload" → allowed values, from --filter. */
  filter: z.record(text, z.array(text)),
  /** `run --until-decided`: repetitions is then the first look; rounds go on until every effect is decided (src/run/decisions.ts). */
  untilDecided: z.object({ thresholdPercent: z.number(), maxRepetitions: count, budgetS: z.number().optional() }).optional(),
  /** --threshold: the ± band (percent) effects were decided against; absent (older results, or nightly/tune): 5. */
  thresholdPercent: z.number().optional(),
  /** --max-neighbour-cpu (cores) the guard used; --resume keeps it unless given again. Absent in older results: 0.1. */
  maxNeighbourCpu: z.number().optional(),
});

/** What the preflight probe found per link kind; the kind names belong to the topology's registry. */
const capabilitySchema = z.object({ kind: text, supported: z.boolean(), reason: text.optional() })
  .transform((c) => c as KindSupport);

const runSchema = z.object({
  id: text,
  prefix: text,
  status: z.enum(['complete', 'interrupted', 'failed']),
  /** Why the run stopped early, when it did. */
  reason: text.optional(),
  /** When `--resume` continued the run, and under which prefixes. */
  resumed: z.array(z.object({ prefix: text, startedAt: text })).optional(),
  /** What teardown could not remove (`vethbench cleanup` finishes it). */
  teardownProblems: z.array(text).optional(),
  startedAt: text,
  finishedAt: text,
  settings: runSettingsSchema,
  /** Sweeps that cannot show an effect, as `vethbench plan` warned (kernel facts). */
  planWarnings: z.array(text).optional(),
  estimatedSeconds: z.number(),
  port: z.number(),
});

const scenarioSchema = z.object({
  name: text,
  description: text,
  file: text,
  sourceSha256: text,
  /** `path` is the first link kind's; `links` says what each measured kind's traffic crosses. */
  topology: z.object({ kind: text, path: text, links: z.array(z.object({ link: text, path: text })).optional() }),
  /** The scenario's own gating metrics (`gate: [...]`); absent means the registry's defaults. */
  gate: z.array(text).optional(),
});

const runHeader = {
  schemaVersion: z.int().min(1),
  tool: z.object({ name: z.literal('vethbench'), version: text }),
  run: runSchema,
  scenario: scenarioSchema,
  host: hostFactsSchema.optional(),
  capabilities: z.array(capabilitySchema),
};

/** A shift (src/stats/decide.ts): the same shape for an effect within a run and a run against a baseline. */
const conditionsSchema = z.object({ link: text.optional(), workload: text, knobs: z.record(text, text) });

/** The effect of one level of a swept dimension against its reference, at given conditions (src/stats/effects.ts). */
export const effectSchema = z.object({
  ...shiftSchema.shape,
  id: text,
  metric: text,
  dimension: text,
  level: text,
  reference: text,
  conditions: conditionsSchema,
  kind: z.enum(['simple', 'pooled', 'interaction']),
  versus: conditionsSchema.optional(),
});

export const runResultsSchema = z.object({
  ...runHeader,
  points: z.array(pointSchema),
  /** Every effect the run decided (or could not), with its shift and verdict; absent in files from before effects. */
  effects: z.array(effectSchema).optional(),
  /** `vethbench tune`: the search record (src/results/tune-schema.ts). */
  tune: tuneRecordSchema.optional(),
});

/** journal.jsonl: one record per line, fsync'ed as it happens. */
export const journalRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), results: z.object(runHeader), points: z.array(z.object({ ...pointCore, warmup: z.array(sampleSchema).optional() })) }),
  z.object({ type: z.literal('sample'), sample: sampleSchema }),
  /** `vethbench run --resume` continued the run in a new process with a new prefix. */
  z.object({ type: z.literal('resume'), prefix: text, startedAt: text }),
  /** `run --until-decided`: an effect became final at a look (index into the plan's looks, n per arm). Audit only: resume recomputes it from the samples. */
  z.object({ type: z.literal('look'), effect: text, metric: text, look: count, n: count, verdict: text }),
]);

export type RunResults = z.infer<typeof runResultsSchema>;
export type PointResult = RunResults['points'][number];
export type Sample = z.infer<typeof sampleSchema>;
export type SampleStatus = Sample['status'];
export type PairResult = z.infer<typeof pairResultSchema>;
export type { MetricSummary } from '../stats/summary-schema.ts';
export type HostFacts = z.infer<typeof hostFactsSchema>;
export type RunSettings = z.infer<typeof runSettingsSchema>;
export type RunStatus = RunResults['run']['status'];
export type JournalRecord = z.infer<typeof journalRecordSchema>;
export type StoredEffect = z.infer<typeof effectSchema>;
/** A knob's read-back value, or "mixed" when places or samples disagree. */
export type EffectiveValue = PointResult['effective'][string];
