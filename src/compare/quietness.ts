// Pure: how quiet the host was during a run, from its samples' interference records (h-noise's guard): the CPU
// neighbours used, steal time, other vethbench runs, contaminated samples. A run whose samples carry no record was
// not measured — absent is absent, never 0 — and says so.
import type { z } from 'zod';
import type { RunResults } from '../results/schema.ts';
import type { hostQuietnessSchema } from './comparison-schema.ts';
import { median } from '../stats/median.ts';

/** Its shape and field docs are hostQuietnessSchema (src/compare/comparison-schema.ts). */
export type HostQuietness = z.infer<typeof hostQuietnessSchema>;

export function hostQuietness(results: RunResults): HostQuietness {
  const ran = results.points.flatMap((p) => p.samples).filter((s) => s.status !== 'skipped' && !s.warmup);
  const records = ran.flatMap((s) => (s.interference ? [s.interference] : []));
  const quiet: HostQuietness = {
    samples: ran.length, measured: records.length, contaminated: ran.filter((s) => s.contaminated).length,
    otherRuns: [...new Set(records.flatMap((r) => r.otherRuns))],
  };
  if (records.length) {
    const cores = records.map((r) => r.neighbourCores).sort((a, b) => a - b);
    quiet.neighbourCoresMedian = median(cores);
    quiet.neighbourCoresMax = cores[cores.length - 1]!;
    quiet.stealCoresMax = Math.max(...records.map((r) => r.stealCores));
  }
  return quiet;
}
