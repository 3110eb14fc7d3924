// Distribution-free confidence interval of a median from order statistics (the binomial method): the interval
// [x(l), x(n+1-l)] holds the true median with probability 1 - 2·P(B ≤ l-1), B ~ Binomial(n, 1/2), for any
// continuous distribution. No resampling, so no seed to record and the same samples always give the same interval.
import { binomialHalfCdf } from './binomial.ts';

export const CI_LEVEL = 0.95;

export interface MedianCi {
  low: number;
  high: number;
  /** The interval's exact confidence. ≥ 0.95 from n = 6; below that even [min, max] is less sure (n = 5: 0.9375). */
  confidence: number;
}

/** 1-based rank l of the lower bound: the largest l whose interval still reaches CI_LEVEL (at least 1). */
export function medianCiRank(n: number): number {
  let rank = 1;
  while (rank + 1 <= n + 1 - (rank + 1) && 1 - 2 * binomialHalfCdf(rank, n) >= CI_LEVEL) rank++;
  return rank;
}

/** 95% (CI_LEVEL) where the sample is big enough; see `confidence`. */
export function medianCi(sorted: readonly number[]): MedianCi {
  const n = sorted.length;
  if (n === 0) throw new Error('medianCi of no values');
  const rank = medianCiRank(n);
  return { low: sorted[rank - 1]!, high: sorted[n - rank]!, confidence: Math.max(0, 1 - 2 * binomialHalfCdf(rank - 1, n)) };
}
