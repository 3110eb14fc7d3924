// Pure bookkeeping of `run --until-decided`: which simple effects (× their gating metrics) a sweep must decide,
// where each stands in the sequential rule, which points the next round still needs, and the round itself
// (shuffled, seeded per round so --resume continues the same order). Everything is recomputed from the samples:
// a look uses exactly the first n paired rounds, so the same samples always give the same looks and decisions.
import type { Plan, Point, Trial } from '../plan/expand.ts';
import { mulberry32, shuffleWith } from '../stats/random.ts';
import type { JournalRecord, Sample } from '../results/schema.ts';
import { computeEffects, enumerateEffects, pairedSamples, type Effect, type EffectMetric, type EffectPoint, type EffectSpec, type Level } from '../stats/effects.ts';
import { adjustFamily } from '../stats/decide.ts';
import { advance, interimShift, planSequential, START, type EffectProgress, type SequentialPlan } from '../stats/sequential.ts';
import { isClean } from '../stats/interference.ts';
import { decisionMetrics, toEffectPoint } from './effect-points.ts';

export interface UntilDecidedSettings {
  thresholdPercent: number;
  maxRepetitions: number;
  /** Wall clock including setup, seconds. */
  budgetS?: number | undefined;
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
export function planDecisions(points: readonly Point[], settings: UntilDecidedSettings, defaultLevel: (dimension: string) => Level | undefined, gate?: readonly string[]): Decisions {
  const effectPoints = points.map((p) => toEffectPoint(p, []));
  const specs = enumerateEffects(effectPoints, defaultLevel);
  const byId = new Map(points.map((p) => [p.id, p]));
  const metrics = new Map(specs.map((s) => [s.id, decisionMetrics(byId.get(s.levelPoint)!.workload, gate)]));
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
      let after = advance(decisions.sequential, before, paired, metric.direction, true, metric.unit);
      // Both points measured through the first look and not one round pairs up (skipped, failed): final, invalid.
      const rounds = (id: string) => new Set(samples.filter((s) => s.pointId === id && isClean(s)).map((s) => s.repetition)).size;
      if (!after.final && paired.reference.length === 0 && Math.min(rounds(spec.referencePoint), rounds(spec.levelPoint)) >= decisions.sequential.looks[0]!) {
        after = { nextLook: decisions.sequential.looks.length, final: interimShift(decisions.sequential, after, paired, metric.direction, metric.unit) };
      }
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
  updateDecisions(decisions, points, samples); // the looks the last samples reached (a budget can stop mid-round)
  const effectPoints: EffectPoint[] = points.map((p) => toEffectPoint(p, samples));
  const metricNames = new Map<string, EffectMetric>();
  for (const list of decisions.metrics.values()) for (const m of list) metricNames.set(m.name, m);
  return computeEffects(effectPoints, decisions.specs, {
    metrics: [...metricNames.values()],
    thresholdPercent: decisions.sequential.thresholdPercent,
    confidence: decisions.sequential.levelAtLook,
    judge: (spec, metric, paired) => {
      const progress = decisions.progress.get(progressKey(spec, metric.name));
      return interimShift(decisions.sequential, progress ?? START, paired, metric.direction, metric.unit);
    },
  }).filter((e) => e.kind !== 'simple' || decisions.progress.has(progressKey(decisions.specs.find((s) => s.id === e.id)!, e.metric)));
}

/** How often one point's sample of one round is measured again after a contaminated one. */
export const MAX_REMEASURES = 3;

/**
 * Whether a point's round needs no more measuring: it has a sample that is not contaminated (a failed one counts:
 * attempts.ts already retried it), or was contaminated more than MAX_REMEASURES times (a host that stays busy is
 * then left to the budget and the gate's "host busy", not retried forever). `measured` holds no warm-up samples.
 */
export function roundSettled(measured: readonly Sample[], pointId: string, round: number): boolean {
  let contaminated = 0;
  for (const s of measured) {
    if (s.pointId !== pointId || s.repetition !== round) continue;
    if (!s.contaminated) return true;
    contaminated++;
  }
  return contaminated > MAX_REMEASURES;
}

/** The lowest round in [from, to) that some of `ids` have not settled, with those ids; undefined when all have. */
export function firstUnsettledRound(measured: readonly Sample[], ids: Iterable<string>, from: number, to: number): { round: number; missing: Set<string> } | undefined {
  const all = [...ids];
  for (let round = from; round < to; round++) {
    const missing = new Set(all.filter((id) => !roundSettled(measured, id, round)));
    if (missing.size) return { round, missing };
  }
  return undefined;
}

export type NextRound = { trials: Trial[]; stop?: undefined } | { stop: string; trials?: undefined };

/**
 * After a round: take the looks it reached (journaled), then the next round's trials over the points still
 * needed — or why sampling stops. A round cut short (interrupted, resumed) is completed first, for the points
 * that still need it.
 */
export function nextRound(decisions: Decisions, plan: Plan, samples: readonly Sample[], journal: (record: JournalRecord) => void): NextRound {
  for (const look of updateDecisions(decisions, plan.points, samples)) journal({ type: 'look', ...look });
  const active = activePoints(decisions);
  if (active.size === 0) {
    const open = [...decisions.progress.values()].filter((p) => p.final?.verdict === 'undecided').length;
    if (open) return { stop: `the maximum of ${decisions.sequential.looks.at(-1)} repetitions is reached (${open} effect(s) undecided)` };
    return { stop: decisions.specs.length ? 'every effect is decided' : 'the sweep has no effect to decide' };
  }
  const measured = samples.filter((s) => !s.warmup);
  const lastRound = measured.reduce((r, s) => Math.max(r, s.repetition), -1);
  // A contaminated sample does not count: its point is measured again in the same round (roundSettled).
  const missing = new Set(lastRound < 0 ? [] : [...active].filter((id) => !roundSettled(measured, id, lastRound)));
  const round = missing.size ? lastRound : lastRound + 1; // lastRound −1 (nothing measured yet): round 0
  const max = decisions.sequential.looks.at(-1)!;
  if (round >= max) return { stop: `the maximum of ${max} repetitions is reached` };
  const firstIndex = samples.reduce((i, s) => Math.max(i, s.trial), plan.trials.length - 1) + 1;
  return { trials: roundTrials(plan.points, missing.size ? missing : active, round, plan.settings.seed, firstIndex) };
}

/**
 * A run with a fixed number of repetitions: every simple effect at 1 − 0.05/m (Bonferroni over the family of
 * simple effects × gating metrics), Holm's pAdjusted over the same family. No sequential looks.
 */
export function fixedRepetitionEffects(points: readonly Point[], samples: readonly Sample[], thresholdPercent: number, defaultLevel: (dimension: string) => Level | undefined, gate?: readonly string[]): Effect[] {
  const effectPoints = points.map((p) => toEffectPoint(p, samples));
  const specs = enumerateEffects(effectPoints, defaultLevel);
  const byId = new Map(points.map((p) => [p.id, p]));
  const perSpec = new Map(specs.map((s) => [s.id, decisionMetrics(byId.get(s.levelPoint)!.workload, gate)]));
  const familySize = Math.max(1, [...perSpec.values()].reduce((n, l) => n + l.length, 0));
  const metrics = new Map<string, EffectMetric>();
  for (const list of perSpec.values()) for (const m of list) metrics.set(m.name, m);
  const all = computeEffects(effectPoints, specs, { metrics: [...metrics.values()], thresholdPercent, confidence: 1 - 0.05 / familySize })
    .filter((e) => e.kind !== 'simple' || perSpec.get(e.id)!.some((m) => m.name === e.metric));
  const family = all.filter((e) => e.kind === 'simple');
  const adjusted = adjustFamily(family);
  return all.map((e) => (e.kind === 'simple' ? adjusted[family.indexOf(e)]! : e));
}
