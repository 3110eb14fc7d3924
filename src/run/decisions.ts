// Pure bookkeeping of `run --until-decided`: which simple effects (× their gating metrics) a sweep must decide,
// where each stands in the sequential rule, which points the next round still needs, and the round itself
// (shuffled, seeded per round so --resume continues the same order). Everything is recomputed from the samples:
// a look uses exactly the first n paired rounds, so the same samples always give the same looks and decisions.
import type { Point, Trial } from '../plan/expand.ts';
import { mulberry32, shuffleWith } from '../plan/shuffle.ts';
import type { Sample } from '../results/types.ts';
import { computeEffects, enumerateEffects, pairedSamples, type Effect, type EffectMetric, type EffectPoint, type EffectSpec, type Level } from '../stats/effects.ts';
import { advance, interimShift, planSequential, START, type EffectProgress, type SequentialPlan } from '../stats/sequential.ts';
import { decisionMetrics, toEffectPoint } from './effect-points.ts';

export interface UntilDecidedSettings {
  thresholdPercent: number;
  maxRepetitions: number;
  /** Wall clock including setup, seconds. */
  budgetS?: number;
}

export interface Decisions {
  specs: EffectSpec[];
  /** Gating metrics per spec id (by the level point's workload). */
  metrics: Map<string, EffectMetric[]>;
  sequential: SequentialPlan;
  /** `${spec.id}\u0000${metric}` → progress. */
  progress: Map<string, EffectProgress>;
}

const progressKey = (spec: EffectSpec, metric: string) => `${spec.id}\u0000${metric}`;

/** m = the simple effects × their gating metrics, from the plan alone. */
export function planDecisions(points: readonly Point[], settings: UntilDecidedSettings, defaultLevel: (dimension: string) => Level | undefined): Decisions {
  const effectPoints = points.map((p) => toEffectPoint(p, []));
  const specs = enumerateEffects(effectPoints, defaultLevel);
  const byId = new Map(points.map((p) => [p.id, p]));
  const metrics = new Map(specs.map((s) => [s.id, decisionMetrics(byId.get(s.levelPoint)!.workload)]));
  const familySize = Math.max(1, [...metrics.values()].reduce((n, list) => n + list.length, 0));
  const sequential = planSequential({ familySize, thresholdPercent: settings.thresholdPercent, maxRepetitions: settings.maxRepetitions });
  const progress = new Map<string, EffectProgress>();
  for (const spec of specs) for (const m of metrics.get(spec.id)!) progress.set(progressKey(spec, m.name), START);
  return { specs, metrics, sequential, progress };
}

export interface LookTaken {
  effect: string;
  metric: string;
  /** Index into the plan's looks of the look that made it final. */
  look: number;
  n: number;
  verdict: Effect['verdict'];
}

/** Takes every look the samples reached; returns the decisions that became final now. */
export function updateDecisions(decisions: Decisions, points: readonly Point[], samples: readonly Sample[]): LookTaken[] {
  const effectPoints = new Map(points.map((p) => [p.id, toEffectPoint(p, samples)]));
  const taken: LookTaken[] = [];
  for (const spec of decisions.specs) {
    for (const metric of decisions.metrics.get(spec.id)!) {
      const key = progressKey(spec, metric.name);
      const before = decisions.progress.get(key)!;
      if (before.final) continue;
      const paired = pairedSamples(effectPoints.get(spec.referencePoint)!, effectPoints.get(spec.levelPoint)!, metric.name);
      const after = advance(decisions.sequential, before, paired, metric.direction);
      decisions.progress.set(key, after);
      if (after.final) taken.push({ effect: spec.id, metric: metric.name, look: after.nextLook - 1, n: decisions.sequential.looks[after.nextLook - 1]!, verdict: after.final.verdict });
    }
  }
  return taken;
}

/** Points that still take part in an undecided effect. */
export function activePoints(decisions: Decisions): Set<string> {
  const active = new Set<string>();
  for (const spec of decisions.specs) {
    const open = decisions.metrics.get(spec.id)!.some((m) => !decisions.progress.get(progressKey(spec, m.name))!.final);
    if (open) { active.add(spec.referencePoint); active.add(spec.levelPoint); }
  }
  return active;
}

/** A per-round generator: round r's order depends only on the seed and r (not on what ran before). */
function roundRandom(seed: number, round: number): () => number {
  return mulberry32((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(round + 1, 0xc2b2ae35)) >>> 0);
}

/** The trials of measured round `round` over `pointIds`, numbered from `firstIndex`, in a seeded shuffle. */
export function roundTrials(points: readonly Point[], pointIds: ReadonlySet<string>, round: number, seed: number, firstIndex: number): Trial[] {
  const order = shuffleWith(points.filter((p) => pointIds.has(p.id)), roundRandom(seed, round));
  return order.map((p, i) => ({ index: firstIndex + i, pointId: p.id, repetition: round }));
}

/** Every effect for the report: final shifts where decided, interim (undecided) ones where sampling stopped early. */
export function decidedEffects(decisions: Decisions, points: readonly Point[], samples: readonly Sample[]): Effect[] {
  const effectPoints: EffectPoint[] = points.map((p) => toEffectPoint(p, samples));
  const metricNames = new Map<string, EffectMetric>();
  for (const list of decisions.metrics.values()) for (const m of list) metricNames.set(m.name, m);
  return computeEffects(effectPoints, decisions.specs, {
    metrics: [...metricNames.values()],
    thresholdPercent: decisions.sequential.thresholdPercent,
    confidence: decisions.sequential.levelAtLook,
    judge: (spec, metric, paired) => {
      const progress = decisions.progress.get(progressKey(spec, metric.name));
      return interimShift(decisions.sequential, progress ?? START, paired, metric.direction);
    },
  }).filter((e) => e.kind !== 'simple' || decisions.progress.has(progressKey(decisions.specs.find((s) => s.id === e.id)!, e.metric)));
}
