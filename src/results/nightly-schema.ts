// The nightly job's stored formats as zod schemas, with their types derived: history.jsonl (one NightRecord a
// line) and trend.json (a Trend). src/nightly reads and writes them; the trend page renders a Trend.
import { z } from 'zod';
import type { Unit } from '../metrics/registry.ts';

export const HISTORY_SCHEMA_VERSION = 1;

const num = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
/**
 * The comparison's display verdicts, as the nights of the history store them. Nights written before the gate
 * decided with src/stats/decide.ts said "noisy" where the samples could not tell: read as "undecided".
 */
const VERDICTS = ['regressed', 'improved', 'no change', 'undecided', 'invalid'] as const;
const verdict = z.enum([...VERDICTS, 'noisy']).transform((v) => (v === 'noisy' ? 'undecided' : v));
const counts = z.partialRecord(z.enum([...VERDICTS, 'noisy']), z.int().min(0)).transform((c) => {
  const { noisy, ...rest } = c as Record<string, number>;
  const out = Object.fromEntries(VERDICTS.map((v) => [v, rest[v] ?? 0])) as Record<(typeof VERDICTS)[number], number>;
  if (noisy) out.undecided += noisy;
  return out;
});
const outcome = z.enum(['pass', 'regressed', 'invalid']);
const unit = z.string().transform((u) => u as Unit);

export const nightMetricSchema = z.object({
  n: z.int().min(0),
  median: num,
  /** CI of the median (order statistics). */
  ciLow: num,
  ciHigh: num,
});

export const nightRecordSchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  /** UTC date the night started, YYYY-MM-DD. */
  date: z.string(),
  startedAt: z.string(),
  /** The night's directory, relative to the history file's directory. */
  dir: z.string(),
  /** The run's results.json, relative to the history file's directory. */
  resultsFile: z.string(),
  /** comparison.json, relative to the history file's directory; absent without a baseline. */
  comparisonFile: z.string().optional(),
  baseline: z.object({ file: z.string(), source: z.enum(['baseline file', 'last good night']) }).optional(),
  /** A night is good (a baseline candidate) when it passed; `invalid` means failed samples or an unfinished run. */
  outcome,
  counts: counts.optional(),
  kernel: z.string().optional(),
  /** The baseline ran another kernel: the night's verdicts are what the new kernel changes. */
  kernelChange: z.object({ base: z.string(), new: z.string() }).optional(),
  /** Measured repetitions per point, and the ± change the gate could detect with them (sized from the history's noise). */
  repetitions: z.int().min(0).optional(),
  detectablePercent: num.optional(),
  /** Whether the gate's interval added the between-night spread of medians (from 5 passed nights on). */
  interval: z.enum(['within-run only', 'with between-night spread']).optional(),
  /** --confirm: the night regressed and was measured once more; it fails only when the same point and metric regressed again. */
  confirmation: z.object({ resultsFile: z.string(), confirmed: z.boolean() }).optional(),
  /** The comparison was invalid because the host was busy (neighbours used the CPU): not a regression, not a pass. */
  hostBusy: z.boolean().optional(),
  points: z.array(z.object({
    key: z.string(),
    label: z.string(),
    /** Verdict against the baseline; absent on a night without one. */
    verdict: verdict.optional(),
    /** Why, when the verdict is invalid (e.g. "host busy (…)"). */
    reason: z.string().optional(),
    /** Every directional metric the point reported. */
    metrics: z.record(z.string(), nightMetricSchema),
  })),
});

/** hostBusy: the night was invalid because neighbours used the CPU — drawn apart from regressions. */
const trendNightSchema = nightMetricSchema.extend({ date: z.string(), dir: z.string(), outcome, verdict: verdict.optional(), hostBusy: z.boolean().optional() });

const trendChangePointSchema = z.object({
  /** Index of the first night after the step. */
  index: z.int().min(0),
  beforeMedian: num,
  afterMedian: num,
  shiftPercent: num,
  pValue: num,
  /** Date of the first night after the step. */
  date: z.string(),
  /** Whether the step went the metric's bad or good way. */
  effect: z.enum(['worse', 'better']),
});

export const trendSchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  generatedAt: z.string(),
  /** How many of the latest nights the series cover. */
  lastNights: z.int().min(1),
  series: z.array(z.object({
    key: z.string(),
    label: z.string(),
    metric: z.string(),
    unit,
    direction: z.enum(['higher', 'lower']),
    gates: z.boolean(),
    /** Oldest first. */
    nights: z.array(trendNightSchema),
    changePoints: z.array(trendChangePointSchema),
  })),
});

export type NightOutcome = z.infer<typeof outcome>;
export type NightMetric = z.infer<typeof nightMetricSchema>;
export type NightRecord = z.infer<typeof nightRecordSchema>;
export type NightPoint = NightRecord['points'][number];
export type Trend = z.infer<typeof trendSchema>;
export type TrendSeries = Trend['series'][number];
export type TrendNight = z.infer<typeof trendNightSchema>;
export type TrendChangePoint = z.infer<typeof trendChangePointSchema>;
