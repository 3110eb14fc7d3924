// Pure: every run side by side for capacity planning — how much each host, kernel or link kind carries,
// absolute and per logical CPU, so a 2-core VM and a 64-core server can be read on one scale.
import type { PointResult } from '../results/schema.ts';
import { summarize } from '../stats/summary.ts';
import type { LoadedRun } from './compare-pair.ts';
import { metricValues } from './metric-values.ts';
import { runRef } from './run-ref.ts';
import type { CapacityCell, CapacityMetric, CapacityView } from './types.ts';

const CAPACITY_METRICS = ['throughputBps', 'pps'] as const;

function cell(point: PointResult, cores: number | undefined): CapacityCell {
  const out: CapacityCell = {};
  for (const metric of CAPACITY_METRICS) {
    const s = summarize(metricValues(point, metric).values);
    if (!s) continue;
    const m: CapacityMetric = { median: s.median, ciLow: s.ciLow, ciHigh: s.ciHigh, n: s.n };
    if (cores) m.perCore = s.median / cores;
    out[metric] = m;
  }
  return out;
}

export function capacityView(runs: readonly LoadedRun[]): CapacityView {
  const labels = new Map<string, string>();
  for (const run of runs) for (const p of run.results.points) if (!labels.has(p.key)) labels.set(p.key, p.label);
  return {
    runs: runs.map((r) => runRef(r.file, r.results)),
    rows: [...labels].map(([key, label]) => ({
      key, label,
      cells: runs.map((r) => {
        const point = r.results.points.find((p) => p.key === key);
        return point ? cell(point, r.results.host?.cpu.cores) : null;
      }),
    })),
  };
}
