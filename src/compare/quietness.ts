// Pure: how quiet the host was during a run, from its samples' interference records (h-noise's guard): the CPU
// neighbours used, steal time, other vethbench runs, contaminated samples. A run whose samples carry no record was
// not measured — absent is absent, never 0 — and says so.
import type { RunResults } from '../results/schema.ts';
import { median } from '../stats/median.ts';

export interface HostQuietness {
  /** Measured (not warm-up) samples that ran: ok or failed. */
  samples: number;
  /** Of those, how many carry an interference record. */
  measured: number;
  /** Samples marked contaminated (kept, left out of summaries and verdicts). */
  contaminated: number;
  /** Neighbours' CPU in cores over the measured samples; absent when none was measured. */
  neighbourCoresMedian?: number;
  neighbourCoresMax?: number;
  stealCoresMax?: number;
  /** Other vethbench runs live during some sample. */
  otherRuns: string[];
}

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
