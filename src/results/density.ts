// Pure: the per-pair goodputs of one density trial → its metrics; and over a run, the largest pair count that met
// the per-pair target.
import { jainIndex } from '../stats/fairness.ts';
import type { DensitySampleMetrics } from './metrics.ts';
import type { PointResult } from './schema.ts';

/** A pair meets the target when it gets at least this share of it (pacing and accounting are never exact). */
export const TARGET_SHARE = 0.95;

/** iperf3 rates are decimal: "1G" = 1e9 bit/s, "500M", "64K", "0" (unlimited: no target). */
export function rateBps(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGkmg]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const value = Number(m[1]) * unit;
  return value > 0 ? value : undefined;
}

export function densityMetrics(perPairBps: readonly number[], targetBps: number | undefined): DensitySampleMetrics {
  const n = perPairBps.length;
  if (n === 0) return {};
  const aggregate = perPairBps.reduce((a, b) => a + b, 0);
  const out: DensitySampleMetrics = {
    pairs: n,
    aggregateThroughputBps: aggregate,
    pairThroughputMeanBps: aggregate / n,
    pairThroughputMinBps: Math.min(...perPairBps),
    pairThroughputMaxBps: Math.max(...perPairBps),
  };
  const fairness = jainIndex(perPairBps);
  if (fairness !== undefined) out.fairnessIndex = fairness;
  if (targetBps !== undefined) {
    const meeting = perPairBps.filter((b) => b >= TARGET_SHARE * targetBps).length;
    Object.assign(out, { targetBps, pairsMeetingTarget: meeting, targetMet: meeting === n ? 1 : 0 });
  }
  return out;
}

export interface CapacityAnswer {
  /** The density workload's label without its "-n<N>" suffix. */
  workload: string;
  targetBps: number;
  /** Largest pair count before the first one that missed the target (every ok sample must meet it); undefined
   *  when the smallest already missed. */
  largestPairs: number | undefined;
  /** Pair counts tried, in order, with whether all their samples met it. */
  tried: { pairs: number; met: boolean }[];
}

/** One answer per density workload with a target; points without an ok sample count as not met. */
export function capacityAnswers(points: readonly PointResult[]): CapacityAnswer[] {
  const groups = new Map<string, { targetBps: number; tried: { pairs: number; met: boolean }[] }>();
  for (const p of points) {
    if (p.workload.tool !== 'density') continue;
    const targetBps = rateBps(p.workload.bitrate);
    if (targetBps === undefined) continue;
    const base = `${p.workload.label.replace(/-n\d+$/, '')}${Object.entries(p.requested).map(([k, v]) => ` ${k}=${v}`).join('')}`;
    const ok = p.samples.filter((s) => s.status === 'ok');
    const met = ok.length > 0 && ok.every((s) => s.metrics?.targetMet === 1);
    const group = groups.get(base) ?? { targetBps, tried: [] };
    group.tried.push({ pairs: p.workload.pairs, met });
    groups.set(base, group);
  }
  return [...groups].map(([workload, g]) => {
    const tried = g.tried.sort((a, b) => a.pairs - b.pairs);
    const firstMiss = tried.findIndex((t) => !t.met);
    const fit = firstMiss === -1 ? tried : tried.slice(0, firstMiss);
    return { workload, targetBps: g.targetBps, largestPairs: fit.at(-1)?.pairs, tried };
  });
}
