// Effects of a sweep (docs/statistics.md): for every swept dimension — the link kind, each knob, each
// workload field — the effect of each level against a reference level (the kernel's default where that level is
// swept, else the first listed) at every combination of the other dimensions (simple effects, judged by
// decide()), pooled where those agree, and an interaction (the difference of two log-shifts with its own
// interval) where they disagree. An effect uses only rounds in which both of its points were measured; workload
// effects compare only workloads of the same tool and protocol that differ in that one field. Pure; its own small
// input shape, so it does not depend on the stored results schema.
import { decide, decideLogs, type Shift, verdictOf } from './decide.ts';
import { normalUpperQuantile, normalUpperTail } from './normal.ts';
import type { BetterDirection } from './verdict.ts';

export type Level = string | number;

export interface EffectPoint {
  key: string;
  link: string;
  knobs: Readonly<Record<string, Level>>;
  /** `label` names the workload in conditions ("tcp", "udp-1400B"); fields are everything that tells workloads apart. */
  workload: { tool: string; protocol: string; label?: string; fields: Readonly<Record<string, Level>> };
  /** Valid samples by round (repetition index): metric → value. */
  rounds: ReadonlyMap<number, Readonly<Record<string, number>>>;
}

export interface EffectConditions {
  /** Absent when the link kind is the dimension (or differs between pooled conditions). */
  link?: string;
  /** "iperf3 tcp", "iperf3 udp lengthBytes=1400": the workload, without the dimension's field. */
  workload: string;
  knobs: Record<string, string>;
}

/** One simple effect before any sample: which two points, at which conditions. */
export interface EffectSpec {
  id: string;
  dimension: string;
  level: string;
  reference: string;
  conditions: EffectConditions;
  referencePoint: string;
  levelPoint: string;
}

export interface Effect extends Shift {
  id: string;
  metric: string;
  dimension: string;
  level: string;
  reference: string;
  conditions: EffectConditions;
  kind: 'simple' | 'pooled' | 'interaction';
  /** Interaction: the conditions the effect is compared against (conditions − versus). */
  versus?: EffectConditions;
}

export const LINK = 'link';
export const WORKLOAD_PREFIX = 'workload.';

/** A point's value per dimension; String() so 1500 and "1500" are one level. */
function dimensionsOf(point: EffectPoint): Map<string, string> {
  const dims = new Map<string, string>([[LINK, point.link]]);
  for (const [k, v] of Object.entries(point.knobs)) dims.set(k, String(v));
  for (const [k, v] of Object.entries(point.workload.fields)) dims.set(WORKLOAD_PREFIX + k, String(v));
  return dims;
}

function conditionsOf(point: EffectPoint, dimension: string): EffectConditions {
  const fields = Object.entries(point.workload.fields).filter(([k]) => WORKLOAD_PREFIX + k !== dimension).map(([k, v]) => `${k}=${v}`);
  const knobs = Object.fromEntries(Object.entries(point.knobs).filter(([k]) => k !== dimension).map(([k, v]) => [k, String(v)]));
  return {
    ...(dimension === LINK ? {} : { link: point.link }),
    workload: dimension.startsWith(WORKLOAD_PREFIX) || point.workload.label === undefined ? [point.workload.tool, point.workload.protocol, ...fields].filter(Boolean).join(' ') : point.workload.label,
    knobs,
  };
}

/** Everything about a point except the dimension: points with the same key differ only in it. */
function conditionKey(point: EffectPoint, dimension: string): string {
  const dims = [...dimensionsOf(point)].filter(([k]) => k !== dimension).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([point.workload.tool, point.workload.protocol, dims]);
}

/**
 * The simple effects of a sweep, in dimension order (link, knobs, workload fields as the points list them).
 * `defaultLevel` names the kernel's default of a dimension (undefined where unknown).
 */
export function enumerateEffects(points: readonly EffectPoint[], defaultLevel: (dimension: string) => Level | undefined): EffectSpec[] {
  const levels = new Map<string, string[]>();
  for (const point of points) {
    for (const [dim, value] of dimensionsOf(point)) {
      const seen = levels.get(dim) ?? [];
      if (!seen.includes(value)) seen.push(value);
      levels.set(dim, seen);
    }
  }
  const specs: EffectSpec[] = [];
  for (const [dimension, values] of levels) {
    if (values.length < 2) continue;
    const known = defaultLevel(dimension);
    const reference = known !== undefined && values.includes(String(known)) ? String(known) : values[0]!;
    const groups = new Map<string, EffectPoint[]>();
    for (const point of points) {
      if (!dimensionsOf(point).has(dimension)) continue;
      const key = conditionKey(point, dimension);
      groups.set(key, [...(groups.get(key) ?? []), point]);
    }
    for (const group of groups.values()) {
      const ref = group.find((p) => dimensionsOf(p).get(dimension) === reference);
      if (!ref) continue;
      for (const level of values) {
        if (level === reference) continue;
        const other = group.find((p) => dimensionsOf(p).get(dimension) === level);
        if (!other) continue; // include/exclude: an effect exists only where both points exist
        specs.push({
          id: `${dimension}=${level} vs ${reference} @ ${ref.key}`, dimension, level, reference,
          conditions: conditionsOf(ref, dimension), referencePoint: ref.key, levelPoint: other.key,
        });
      }
    }
  }
  return specs;
}

/** The values of `metric` in the rounds where both points have one, round by round. */
export function pairedSamples(reference: EffectPoint, level: EffectPoint, metric: string): { reference: number[]; level: number[]; rounds: number[] } {
  const out = { reference: [] as number[], level: [] as number[], rounds: [] as number[] };
  for (const round of [...reference.rounds.keys()].sort((a, b) => a - b)) {
    const a = reference.rounds.get(round)?.[metric];
    const b = level.rounds.get(round)?.[metric];
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    out.reference.push(a);
    out.level.push(b);
    out.rounds.push(round);
  }
  return out;
}

export interface EffectMetric {
  name: string;
  direction: BetterDirection;
  /** The registry's stored unit: names an absolute shift (a count with zeros on one side). */
  unit?: string;
}

export interface EffectOptions {
  metrics: readonly EffectMetric[];
  thresholdPercent: number;
  /** Level of every interval, e.g. 1 − 0.05/m for a fixed number of repetitions, or the sequential look level. */
  confidence: number;
  /** The verdict of a simple effect; default decide() at `confidence`. --until-decided passes the sequential rule's final shift. */
  judge?: (spec: EffectSpec, metric: EffectMetric, samples: { reference: number[]; level: number[] }) => Shift;
}

/** Log half-width / z: the standard error a reported interval implies (its real confidence). */
function impliedStandardError(shift: Shift): number {
  const low = Math.log1p(shift.ciLowPercent! / 100);
  const high = Math.log1p(shift.ciHighPercent! / 100);
  return shift.confidence > 0 ? (high - low) / (2 * normalUpperQuantile((1 - shift.confidence) / 2)) : Number.POSITIVE_INFINITY;
}

/** e1 − e2 of two simple effects with a normal interval from their own intervals (they share no samples). */
function interaction(a: Effect, b: Effect, metric: EffectMetric, options: EffectOptions): Effect {
  const diff = Math.log1p(a.estimatePercent! / 100) - Math.log1p(b.estimatePercent! / 100);
  const se = Math.hypot(impliedStandardError(a), impliedStandardError(b));
  const z = normalUpperQuantile((1 - options.confidence) / 2);
  const low = diff - z * se;
  const high = diff + z * se;
  const pct = (x: number) => 100 * Math.expm1(x);
  const p = se > 0 && Number.isFinite(se) ? Math.min(1, 2 * normalUpperTail(Math.abs(diff) / se)) : null;
  return {
    id: `${a.id} − ${b.id}`, metric: metric.name, dimension: a.dimension, level: a.level, reference: a.reference,
    conditions: a.conditions, versus: b.conditions, kind: 'interaction',
    estimatePercent: pct(diff), ciLowPercent: pct(low), ciHighPercent: pct(high), confidence: options.confidence, p, pAdjusted: p,
    nReference: b.nLevel, nLevel: a.nLevel, smallestDetectablePercent: (pct(high) - pct(low)) / 2,
    verdict: Number.isFinite(se) ? verdictOf(diff, low, high, options.thresholdPercent, metric.direction) : 'undecided',
  };
}

/** What all members share; the rest is left out (pooled over). */
function commonConditions(members: readonly EffectConditions[]): EffectConditions {
  const first = members[0]!;
  const link = members.every((c) => c.link === first.link) ? first.link : undefined;
  const workload = members.every((c) => c.workload === first.workload) ? first.workload : 'all workloads';
  const knobs = Object.fromEntries(Object.entries(first.knobs).filter(([k, v]) => members.every((c) => c.knobs[k] === v)));
  return { ...(link === undefined ? {} : { link }), workload, knobs };
}

/**
 * Pooled over conditions by aligning each condition on its reference arm's median log (so different baselines
 * do not count as spread), then one decide() on all aligned samples. Descriptive: outside the family.
 */
function pooled(members: readonly { effect: Effect; samples: { reference: number[]; level: number[] } }[], metric: EffectMetric, options: EffectOptions): Effect {
  const ref: number[] = [];
  const lvl: number[] = [];
  for (const { samples } of members) {
    const logs = samples.reference.map(Math.log).sort((a, b) => a - b);
    const mid = logs.length >> 1;
    const centre = logs.length % 2 ? logs[mid]! : (logs[mid - 1]! + logs[mid]!) / 2;
    ref.push(...samples.reference.map((v) => Math.log(v) - centre));
    lvl.push(...samples.level.map((v) => Math.log(v) - centre));
  }
  const first = members[0]!.effect;
  const shift = decideLogs(Float64Array.from(ref), Float64Array.from(lvl), { direction: metric.direction, thresholdPercent: options.thresholdPercent, confidence: options.confidence });
  return {
    ...shift, id: `${first.dimension}=${first.level} vs ${first.reference} pooled`, metric: metric.name, dimension: first.dimension,
    level: first.level, reference: first.reference, conditions: commonConditions(members.map((m) => m.effect.conditions)), kind: 'pooled',
  };
}

const flagged = (e: Effect) => e.verdict === 'better' || e.verdict === 'worse';

/** Simple effects for every spec and metric, then per (dimension, level, workload, metric): interactions, and the pooled effect where none is flagged. */
export function computeEffects(points: readonly EffectPoint[], specs: readonly EffectSpec[], options: EffectOptions): Effect[] {
  const byKey = new Map(points.map((p) => [p.key, p]));
  const judge = options.judge ?? ((_spec, metric, samples) => decide(samples.reference, samples.level, { direction: metric.direction, thresholdPercent: options.thresholdPercent, confidence: options.confidence, ...(metric.unit === undefined ? {} : { unit: metric.unit }) }));
  const out: Effect[] = [];
  for (const metric of options.metrics) {
    const groups = new Map<string, { effect: Effect; samples: { reference: number[]; level: number[] } }[]>();
    for (const spec of specs) {
      const samples = pairedSamples(byKey.get(spec.referencePoint)!, byKey.get(spec.levelPoint)!, metric.name);
      if (samples.reference.length === 0 && ![...byKey.get(spec.referencePoint)!.rounds.values()].some((r) => metric.name in r)) continue; // the workload never writes this metric
      const effect: Effect = {
        ...judge(spec, metric, samples), id: spec.id, metric: metric.name, dimension: spec.dimension, level: spec.level,
        reference: spec.reference, conditions: spec.conditions, kind: 'simple',
      };
      out.push(effect);
      // Pooled and compared only within one workload: a TCP and a UDP throughput are not one quantity.
      const key = `${spec.dimension}\u0000${spec.level}\u0000${spec.reference}\u0000${spec.conditions.workload}`;
      groups.set(key, [...(groups.get(key) ?? []), { effect, samples }]);
    }
    for (const members of groups.values()) {
      // Interactions and pooling work on log-shifts: effects decided on the absolute scale (a 0 on a side) stay simple.
      const valid = members.filter((m) => m.effect.verdict !== 'invalid' && !m.effect.absolute);
      if (valid.length < 2) continue;
      const interactions: Effect[] = [];
      for (let i = 0; i < valid.length; i++) {
        for (let j = i + 1; j < valid.length; j++) {
          // Oriented so the estimate is ≥ 0: "the effect is larger under these conditions than under those".
          const [a, b] = valid[i]!.effect.estimatePercent! >= valid[j]!.effect.estimatePercent! ? [valid[i]!, valid[j]!] : [valid[j]!, valid[i]!];
          interactions.push(interaction(a.effect, b.effect, metric, options));
        }
      }
      out.push(...interactions.filter(flagged));
      if (!interactions.some(flagged)) out.push(pooled(valid, metric, options));
    }
  }
  return out;
}
