// Pure: a seeded percentile-bootstrap interval — the one resampler for the noise figures (calibrate's CV, the
// fidelity script's CV ratio). Each resample draws n indices with replacement from one seeded stream.
import { mulberry32 } from './random.ts';

export interface BootstrapOptions { resamples: number; confidence: number; seed: number }

/** The [low, high] percentile interval of `statistic` over resampled index lists; non-finite resamples are dropped. */
export function percentileBootstrap(n: number, statistic: (indices: readonly number[]) => number, { resamples, confidence, seed }: BootstrapOptions): { low: number; high: number } {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const v = statistic(Array.from({ length: n }, () => Math.floor(random() * n)));
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { low: values[Math.floor(tail * values.length)]!, high: values[Math.min(values.length - 1, Math.ceil((1 - tail) * values.length) - 1)]! };
}
