// Pure: points + samples → point results with their effective knob values and per-metric summaries.
import type { Point } from './expand.ts';
import { summarize } from '../stats/summary.ts';
import type { MetricName } from '../metrics/registry.ts';
import { isClean } from '../stats/interference.ts';
import type { EffectiveValue, PointResult, Sample } from '../results/schema.ts';

function effectiveOf(point: Point, samples: readonly Sample[]): PointResult['effective'] {
  const out: PointResult['effective'] = {};
  for (const knob of Object.keys(point.knobs)) {
    const seen = new Set(samples.flatMap((s) => Object.values(s.effective ?? {}).map((e) => e[knob]).filter((v) => v !== undefined)));
    if (seen.size) out[knob] = seen.size === 1 ? ([...seen][0] as EffectiveValue) : 'mixed';
  }
  return out;
}

export function summaryOf(samples: readonly Sample[]): PointResult['summary'] {
  const values = new Map<MetricName, { values: number[]; repetitions: number[] }>();
  for (const s of samples) {
    // Contaminated samples stay in results.json with their figures but never reach a summary.
    if (s.status !== 'ok' || !s.metrics || !isClean(s)) continue;
    for (const [name, value] of Object.entries(s.metrics) as [MetricName, number | undefined][]) {
      if (typeof value !== 'number') continue;
      const list = values.get(name) ?? { values: [], repetitions: [] };
      list.values.push(value);
      list.repetitions.push(s.repetition);
      values.set(name, list);
    }
  }
  const summary: PointResult['summary'] = {};
  for (const [name, list] of values) {
    const s = summarize(list.values, list.repetitions);
    if (s) summary[name] = s;
  }
  return summary;
}

export function assemblePoints(points: readonly Point[], samples: readonly Sample[]): PointResult[] {
  return points.map((point) => {
    const own = samples.filter((s) => s.pointId === point.id).sort((a, b) => a.trial - b.trial);
    const measured = own.filter((s) => !s.warmup);
    const warmup = own.filter((s) => s.warmup);
    return {
      id: point.id, key: point.key, label: point.label, link: point.link, workload: point.workload,
      requested: point.knobs, effective: effectiveOf(point, own), samples: measured, ...(warmup.length ? { warmup } : {}), summary: summaryOf(measured),
    };
  });
}
