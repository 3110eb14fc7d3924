// A results.json with many samples, made by replicating the real samples of a fixture run (the benchmark's
// 10,000-sample case). Summaries are recomputed, raw-output pointers keep pointing at the real raw files.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import { summarize } from '../../src/stats/summary.ts';

export function replicateSamples(base: RunResults, totalSamples: number): RunResults {
  const perPoint = Math.ceil(totalSamples / base.points.length);
  let trial = 0;
  const points = base.points.map((point) => {
    const real = point.samples.filter((s) => s.status === 'ok');
    const samples: Sample[] = Array.from({ length: perPoint }, (_, r) => ({ ...real[r % real.length]!, repetition: r, trial: trial++ }));
    const metrics = new Set(samples.flatMap((s) => Object.keys(s.metrics ?? {})));
    const summary = Object.fromEntries([...metrics].map((m) => [m, summarize(samples.map((s) => (s.metrics as Record<string, number>)[m]!).filter((v) => v !== undefined))]));
    return { ...point, samples, summary };
  });
  return { ...base, run: { ...base.run, settings: { ...base.run.settings, repetitions: perPoint } }, points };
}

/** Writes a run directory (results.json + the fixture's raw/) and returns the results file's path. */
export function writeRunDir(dir: string, results: RunResults, rawFrom: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(rawFrom, join(dir, 'raw'), { recursive: true });
  const file = join(dir, 'results.json');
  writeFileSync(file, JSON.stringify(results));
  return file;
}
