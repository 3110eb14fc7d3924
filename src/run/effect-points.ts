// Plan points + their samples → the input of stats/effects.ts, and which metrics decide an effect: "which metric
// gates" is the metric registry's, "which metrics a workload writes" the workload kinds' (src/workloads/).
import type { Point } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import type { ResolvedWorkload } from '../scenario/scenario.ts';
import type { EffectMetric, EffectPoint, Level } from '../stats/effects.ts';
import { metricSpec } from '../metrics/registry.ts';
import { decidingMetricsWritten } from '../scenario/decision-metrics.ts';
import { isClean } from '../stats/interference.ts';

/** Fields that tell workloads apart (everything but what names them). */
function workloadFields(workload: ResolvedWorkload): Record<string, Level> {
  const fields: Record<string, Level> = {};
  for (const [k, v] of Object.entries(workload)) {
    if (k === 'label' || k === 'tool' || k === 'protocol' || v === undefined) continue;
    fields[k] = typeof v === 'number' || typeof v === 'string' ? v : String(v);
  }
  return fields;
}

/** Measured (not warm-up), clean (not contaminated) ok samples by repetition. */
export function toEffectPoint(point: Point, samples: readonly Sample[]): EffectPoint {
  const rounds = new Map<number, Record<string, number>>();
  for (const s of samples) {
    if (s.pointId !== point.id || !isClean(s) || s.status !== 'ok' || !s.metrics) continue;
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(s.metrics)) if (typeof value === 'number' && Number.isFinite(value)) values[name] = value;
    rounds.set(s.repetition, values);
  }
  const w = point.workload;
  return { key: point.id, link: point.link, knobs: point.knobs, workload: { tool: w.tool, protocol: 'protocol' in w ? w.protocol : '', label: w.label, fields: workloadFields(w) }, rounds };
}

/**
 * The metrics that decide this workload's effects (src/scenario/decision-metrics.ts lists what it writes): the
 * scenario's `gate: [...]` where it names some of them (the same list compare and nightly gate on), else the
 * registry's gating metrics.
 */
export function decisionMetrics(workload: ResolvedWorkload, gate?: readonly string[]): EffectMetric[] {
  const written = decidingMetricsWritten(workload);
  const gated = gate ? written.filter((name) => gate.includes(name)) : [];
  return (gated.length ? gated : written.filter((name) => metricSpec(name)?.gates)).flatMap((name) => {
    const info = metricSpec(name);
    return info && info.direction !== 'none' ? [{ name, direction: info.direction, unit: info.unit }] : [];
  });
}
