// The result file's shape (results.json) and the journal's records. Units are in the field names.
import type { LinkKind, KindSupport } from '../host/capabilities.ts';
import type { OffloadSettings } from '../knobs/offloads.ts';
import type { HostFacts } from '../metadata/host-facts.ts';
import type { RunSettings } from '../plan/expand.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import type { MetricSummary } from '../stats/summary.ts';
import type { Iperf3Metrics } from '../tools/iperf3-metrics.ts';

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
  metrics?: Iperf3Metrics;
  /** Offloads read back with ethtool -k after applying, per interface. */
  effective?: Record<string, OffloadSettings>;
  /** Path of the raw tool output, relative to the run directory. */
  rawOutput?: string;
  toolVersion?: string;
  warnings?: string[];
}

export type EffectiveValue = 'on' | 'off' | 'mixed';

export interface PointResult {
  id: string;
  key: string;
  label: string;
  link: LinkKind;
  workload: ResolvedWorkload;
  requested: OffloadSettings;
  /** What really was in effect on every veth end over all samples; "mixed" when ends or samples differ. */
  effective: Partial<Record<keyof OffloadSettings, EffectiveValue>>;
  /** The measured samples: what the summary and compare use. */
  samples: Sample[];
  /** Discarded warm-up samples (scenario warmupRepetitions), present when there were any. */
  warmup?: Sample[];
  summary: Partial<Record<keyof Iperf3Metrics, MetricSummary>>;
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
    startedAt: string;
    finishedAt: string;
    settings: RunSettings;
    estimatedSeconds: number;
    port: number;
  };
  scenario: { name: string; description: string; file: string; sourceSha256: string; topology: { kind: string; path: string } };
  host: HostFacts | undefined;
  capabilities: KindSupport[];
  points: PointResult[];
}

export type JournalRecord =
  | { type: 'run'; results: Omit<RunResults, 'points'>; points: Omit<PointResult, 'samples' | 'summary' | 'effective'>[] }
  | { type: 'sample'; sample: Sample };
