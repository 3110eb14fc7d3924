// Pure: a scenario → points (link × knob combination × workload) and trials (interleaved repetitions), with an estimate.
import { InputError } from '../errors.ts';
import { KNOB_NAMES } from '../knobs/registry.ts';
import type { KnobSettings, KnobValue } from '../knobs/types.ts';
import type { KnobRule, ResolvedWorkload, Scenario } from '../scenario/scenario.ts';
import { linkName, parseLinkSpec } from '../topology/link-kinds.ts';
import { mulberry32, shuffleWith } from '../stats/random.ts';

export interface Point {
  id: string;
  /** Canonical identity (link, knobs, workload): what compare matches across runs. */
  key: string;
  /** The link kind measured, canonical name: "veth", "macvlan:bridge", "loopback" … */
  link: string;
  knobs: KnobSettings;
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

import type { RunSettings } from '../results/schema.ts';
export type { RunSettings };

export interface Plan {
  scenario: Scenario;
  settings: RunSettings;
  points: Point[];
  trials: Trial[];
  estimatedSeconds: number;
}

/** Seconds per trial beyond the measurement: knobs, read-back, iperf3 connection setup and result exchange. */
export const TRIAL_OVERHEAD_S = 0.5;
/** Seconds per topology build and teardown (once per link kind and run). */
export const TOPOLOGY_OVERHEAD_S = 1;

/** Swept knobs in registry (application) order. */
export function sweptKnobs(matrix: Scenario['matrix']): string[] {
  return KNOB_NAMES.filter((k) => matrix[k] !== undefined);
}

function knobCombinations(matrix: Scenario['matrix']): KnobSettings[] {
  let combos: KnobSettings[] = [{}];
  for (const knob of sweptKnobs(matrix)) combos = combos.flatMap((c) => matrix[knob]!.map((v: KnobValue) => ({ ...c, [knob]: v })));
  return combos;
}

function matches(rule: KnobRule, knobs: KnobSettings, workload: ResolvedWorkload): boolean {
  return Object.entries(rule).every(([k, v]) => v === undefined || (k === 'workload' ? workload.label === v : knobs[k] === v));
}

/** A --filter link= value in canonical form (`ipvlan:l2:bridge` → `ipvlan:l2`); unparsable values stay as given. */
function canonicalLink(value: string): string {
  const spec = parseLinkSpec(value);
  return typeof spec === 'string' ? value : linkName(spec);
}

/** The values a swept dimension takes in the plan, as --filter writes them (a knob: the matrix's, then include rules'). */
function allowedValues(scenario: Scenario, name: string): string[] | undefined {
  if (name === 'workload') return scenario.workloads.map((w) => w.label);
  if (name === 'link') return scenario.links.map(linkName);
  if (!Object.hasOwn(scenario.matrix, name)) return undefined;
  const added = scenario.include.flatMap((rule) => (rule[name] === undefined ? [] : [rule[name]]));
  return [...new Set([...scenario.matrix[name]!, ...added].map(String))];
}

function filterProblems(scenario: Scenario, filter: Record<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [name, given] of Object.entries(filter)) {
    const values = name === 'link' ? given.map(canonicalLink) : given;
    const allowed = allowedValues(scenario, name);
    if (!allowed) {
      const sweepable = [...Object.keys(scenario.matrix), ...(scenario.links.length > 1 ? ['link'] : []), 'workload'];
      problems.push(`--filter ${name}=${values.join(',')}: "${name}" is not swept by ${scenario.file}; use one of ${sweepable.join(', ')}`);
      continue;
    }
    const unknown = values.filter((v) => !allowed.includes(v));
    if (unknown.length) problems.push(`--filter ${name}=${given.join(',')}: ${unknown.join(', ')} not in the sweep; values are ${allowed.join(', ')}`);
  }
  return problems;
}

function passesFilter(filter: Record<string, string[]>, link: string, knobs: KnobSettings, workload: ResolvedWorkload): boolean {
  return Object.entries(filter).every(([name, values]) => {
    if (name === 'link') return values.map(canonicalLink).includes(link);
    return values.includes(name === 'workload' ? workload.label : String(knobs[name]));
  });
}

function knobText(knobs: KnobSettings, separator: string): string {
  return KNOB_NAMES.filter((k) => knobs[k] !== undefined).map((k) => `${k}=${knobs[k]}`).join(separator);
}

/** `link` is left out (undefined) when the scenario measures veth only, as before the links dimension existed. */
export function pointLabel(knobs: KnobSettings, workload: ResolvedWorkload, link?: string): string {
  return [link, workload.label, knobText(knobs, ' ')].filter(Boolean).join(' ');
}

export function pointKey(link: string, knobs: KnobSettings, workload: ResolvedWorkload): string {
  return `${link}|${knobText(knobs, ',')}|${workload.label}`;
}

/** Beyond this a sweep is almost certainly a mistake (and its plan would not fit in memory comfortably). */
export const MAX_POINTS = 10_000;
export const MAX_TRIALS = 100_000;

function sizeProblem(scenario: Scenario, settings: RunSettings): string | undefined {
  const product = Object.values(scenario.matrix).reduce((n, values) => n * values.length, 1) * scenario.workloads.length + scenario.include.length;
  const trials = product * settings.repetitions;
  if (product > MAX_POINTS) return `${scenario.file}: matrix: expands to ${product} points (${Object.entries(scenario.matrix).map(([k, v]) => `${v.length} ${k}`).join(' × ')} × ${scenario.workloads.length} workload(s)); the limit is ${MAX_POINTS}; sweep fewer values or split the scenario`;
  if (trials > MAX_TRIALS) return `${scenario.file}: ${product} points × ${settings.repetitions} repetitions = ${trials} trials; the limit is ${MAX_TRIALS}; use fewer repetitions or split the scenario`;
  return undefined;
}

export function expandPlan(scenario: Scenario, settings: RunSettings): Plan {
  const tooBig = sizeProblem(scenario, settings);
  if (tooBig) throw new InputError(tooBig);
  const problems = filterProblems(scenario, settings.filter);
  if (problems.length) throw new InputError(problems.join('\n'));
  const combos = knobCombinations(scenario.matrix);
  const candidates = scenario.workloads.flatMap((workload) => [
    ...combos.filter((knobs) => !scenario.exclude.some((rule) => matches(rule, knobs, workload))).map((knobs) => ({ knobs, workload })),
    ...scenario.include.filter((rule) => rule.workload === undefined || rule.workload === workload.label)
      .map((rule) => ({ knobs: Object.fromEntries(Object.entries(rule).filter(([k, v]) => k !== 'workload' && v !== undefined)) as KnobSettings, workload })),
  ]);
  const seen = new Set<string>();
  const points: Point[] = [];
  const links = scenario.links.map(linkName);
  const labelled = links.length > 1 || links[0] !== 'veth';
  for (const link of links) {
    for (const { knobs, workload } of candidates) {
      const key = pointKey(link, knobs, workload);
      if (seen.has(key) || !passesFilter(settings.filter, link, knobs, workload)) continue;
      seen.add(key);
      points.push({ id: `p${points.length + 1}`, key, link, knobs, workload, label: pointLabel(knobs, workload, labelled ? link : undefined) });
    }
  }
  if (points.length === 0) {
    throw new InputError(`${scenario.file}: no point is left to run: exclude rules${Object.keys(settings.filter).length ? ' and --filter' : ''} remove every combination; loosen them`);
  }
  // Repetition r of every point runs before repetition r+1, each round in its own order from one seeded stream
  // (not seed + r, which would make seed 42's second round equal seed 43's first), so drift spreads evenly.
  // Warm-up rounds come first and are numbered on their own, so measured repetitions always start at 0.
  const warmups = settings.warmupRepetitions ?? 0;
  const trials: Trial[] = [];
  const random = mulberry32(settings.seed);
  for (let round = 0; round < warmups + settings.repetitions; round++) {
    const warmup = round < warmups;
    for (const point of shuffleWith(points, random)) {
      trials.push({ index: trials.length, pointId: point.id, repetition: warmup ? round : round - warmups, ...(warmup ? { warmup: true as const } : {}) });
    }
  }
  const topologies = new Set(points.map((p) => p.link)).size;
  const estimatedSeconds = trials.length * (settings.durationS + settings.omitS + TRIAL_OVERHEAD_S) + topologies * TOPOLOGY_OVERHEAD_S;
  return { scenario, settings, points, trials, estimatedSeconds };
}
