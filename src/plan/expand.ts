// Pure: a scenario → points (knob combination × workload) and trials (interleaved repetitions), with an estimate.
import { InputError } from '../errors.ts';
import { OFFLOAD_KNOBS, type OffloadKnob, type OffloadSettings } from '../knobs/offloads.ts';
import type { ResolvedWorkload, Scenario } from '../scenario/scenario.ts';
import type { OnOff } from '../scenario/types.ts';
import { seededShuffle } from './shuffle.ts';

export interface Point {
  id: string;
  /** Canonical identity (link, knobs, workload): what compare matches across runs. */
  key: string;
  link: 'veth';
  knobs: OffloadSettings;
  workload: ResolvedWorkload;
  /** Short human label, e.g. "tcp gro=on tso=off". */
  label: string;
}

export interface Trial {
  /** 0-based position in execution order. */
  index: number;
  pointId: string;
  /** Counted separately for warm-up and measured rounds, from 0. */
  repetition: number;
  /** A discarded warm-up trial: recorded, never summarized. */
  warmup?: true;
}

export interface RunSettings {
  repetitions: number;
  /** Discarded rounds before the measured ones; absent (results written before warm-up existed) means 0. */
  warmupRepetitions?: number;
  durationS: number;
  omitS: number;
  seed: number;
  /** knob or "workload" → allowed values, from --filter. */
  filter: Record<string, string[]>;
}

export interface Plan {
  scenario: Scenario;
  settings: RunSettings;
  points: Point[];
  trials: Trial[];
  estimatedSeconds: number;
}

/** Seconds per trial beyond the measurement: build, knobs, read-back, server start, teardown (measured on a 2-core VM). */
export const TRIAL_OVERHEAD_S = 1;

function knobCombinations(matrix: Scenario['matrix'], filter: Record<string, string[]>): OffloadSettings[] {
  let combos: OffloadSettings[] = [{}];
  for (const knob of OFFLOAD_KNOBS) {
    const values = (matrix[knob] ?? []).filter((v) => !filter[knob] || filter[knob].includes(v));
    if (!matrix[knob]) continue;
    combos = combos.flatMap((c) => values.map((v: OnOff) => ({ ...c, [knob]: v })));
  }
  return combos;
}

function filterProblems(scenario: Scenario, filter: Record<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [name, values] of Object.entries(filter)) {
    const allowed = name === 'workload' ? scenario.workloads.map((w) => w.label) : scenario.matrix[name as OffloadKnob];
    if (!allowed) {
      const sweepable = [...Object.keys(scenario.matrix), 'workload'];
      problems.push(`--filter ${name}=${values.join(',')}: "${name}" is not swept by ${scenario.file}; use one of ${sweepable.join(', ')}`);
      continue;
    }
    const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (unknown.length) problems.push(`--filter ${name}=${values.join(',')}: ${unknown.join(', ')} not in the sweep; values are ${allowed.join(', ')}`);
  }
  return problems;
}

export function pointLabel(knobs: OffloadSettings, workload: ResolvedWorkload): string {
  const parts = OFFLOAD_KNOBS.filter((k) => knobs[k]).map((k) => `${k}=${knobs[k]}`);
  return [workload.label, ...parts].join(' ');
}

export function expandPlan(scenario: Scenario, settings: RunSettings): Plan {
  const problems = filterProblems(scenario, settings.filter);
  if (problems.length) throw new InputError(problems.join('\n'));
  const combos = knobCombinations(scenario.matrix, settings.filter);
  const workloads = scenario.workloads.filter((w) => !settings.filter.workload || settings.filter.workload.includes(w.label));
  const points: Point[] = workloads.flatMap((workload) => combos.map((knobs) => ({ knobs, workload })))
    .map(({ knobs, workload }, i) => {
      const knobText = OFFLOAD_KNOBS.filter((k) => knobs[k]).map((k) => `${k}=${knobs[k]}`).join(',');
      return { id: `p${i + 1}`, key: `veth|${knobText}|${workload.label}`, link: 'veth' as const, knobs, workload, label: pointLabel(knobs, workload) };
    });
  // Repetition r of every point runs before repetition r+1, each round in its own seeded order, so drift spreads evenly.
  // Warm-up rounds come first and are numbered on their own, so measured repetitions always start at 0.
  const warmups = settings.warmupRepetitions ?? 0;
  const trials: Trial[] = [];
  for (let round = 0; round < warmups + settings.repetitions; round++) {
    const warmup = round < warmups;
    for (const point of seededShuffle(points, settings.seed + round)) {
      trials.push({ index: trials.length, pointId: point.id, repetition: warmup ? round : round - warmups, ...(warmup ? { warmup: true as const } : {}) });
    }
  }
  const estimatedSeconds = trials.length * (settings.durationS + settings.omitS + TRIAL_OVERHEAD_S);
  return { scenario, settings, points, trials, estimatedSeconds };
}
