// The result file's shape (results.json) and the journal's records. Units are in the field names.
import type { KindSupport } from '../host/capabilities.ts';
import type { KnobSettings, KnobValue } from '../knobs/types.ts';
import type { HostFacts } from '../metadata/host-facts.ts';
import type { RunSettings } from '../plan/expand.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import type { MetricSummary } from '../stats/summary.ts';
import type { Iperf3Interval } from '../tools/iperf3-metrics.ts';
import type { MetricName, SampleMetrics } from './metrics.ts';

export const SCHEMA_VERSION = 1;

export type SampleStatus = 'ok' | 'failed' | 'skipped';

export interface Sample {
  pointId: string;
  /** Position in the run's execution order. */
  trial: number;
  repetition: number;
  /** A warm-up trial: kept for the record, never summarized or compared. */
  warmup?: true;
  status: SampleStatus;
  /** Why it failed or was skipped, in words. */
  reason?: string;
  startedAt: string;
  durationMs: number;
  metrics?: SampleMetrics;
  /** iperf3's per-interval goodput (for stability over time); density: pair 0's. */
  intervals?: Iperf3Interval[];
  /** Density: each pair's own figures. */
  pairs?: PairResult[];
  /** Knob values read back after applying, by place (interface, namespace or "host") and knob. */
  effective?: Record<string, KnobSettings>;
  /** Path of the raw tool output, relative to the run directory. */
  rawOutput?: string;
  /** When the sample ran several tool processes (UDP senders, density pairs, sockperf + load): all their raw outputs. */
  rawOutputs?: string[];
  toolVersion?: string;
  warnings?: string[];
  /** An attempt that failed before this one (the trial is retried once on a fresh topology). */
  previousAttempts?: { reason: string; rawOutput?: string }[];
}

export interface PairResult {
  pair: number;
  throughputBps?: number;
  retransmits?: number;
  lossPercent?: number;
  /** Why this pair produced no figure. */
  reason?: string;
}

/** A knob's read-back value, or "mixed" when places or samples disagree. */
export type EffectiveValue = KnobValue | 'mixed';

export interface PointResult {
  id: string;
  key: string;
  label: string;
  link: string;
  workload: ResolvedWorkload;
  requested: KnobSettings;
  /** What really was in effect everywhere it was applied, over all samples; "mixed" when places or samples differ. */
  effective: Record<string, EffectiveValue>;
  /** The measured samples: what the summary and compare use. */
  samples: Sample[];
  /** Discarded warm-up samples (scenario warmupRepetitions), present when there were any. */
  warmup?: Sample[];
  summary: Partial<Record<MetricName, MetricSummary>>;
}

export type RunStatus = 'complete' | 'interrupted' | 'failed';

export interface RunResults {
  schemaVersion: number;
  tool: { name: 'vethbench'; version: string };
  run: {
    id: string;
    prefix: string;
    status: RunStatus;
    /** Why the run stopped early, when it did. */
    reason?: string;
    /** When `--resume` continued the run, and under which prefixes. */
    resumed?: { prefix: string; startedAt: string }[];
    /** What teardown could not remove (`vethbench cleanup` finishes it). */
    teardownProblems?: string[];
    startedAt: string;
    finishedAt: string;
    settings: RunSettings;
    /** Sweeps that cannot show an effect, as `vethbench plan` warned (kernel facts). */
    planWarnings?: string[];
    estimatedSeconds: number;
    port: number;
  };
  scenario: {
    name: string; description: string; file: string; sourceSha256: string;
    /** `path` is the first link kind's; `links` says what each measured kind's traffic crosses. */
    topology: { kind: string; path: string; links?: { link: string; path: string }[] };
  };
  host: HostFacts | undefined;
  capabilities: KindSupport[];
  points: PointResult[];
}

export type JournalRecord =
  | { type: 'run'; results: Omit<RunResults, 'points'>; points: Omit<PointResult, 'samples' | 'summary' | 'effective'>[] }
  | { type: 'sample'; sample: Sample }
  /** `vethbench run --resume` continued the run in a new process with a new prefix. */
  | { type: 'resume'; prefix: string; startedAt: string }
  /** `run --until-decided`: an effect became final at a look (index into the plan's looks, n per arm). Audit only: resume recomputes it from the samples. */
  | { type: 'look'; effect: string; metric: string; look: number; n: number; verdict: string };
