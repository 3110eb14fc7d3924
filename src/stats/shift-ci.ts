// Confidence interval of the shift between two groups (new − base): the Hodges-Lehmann estimate and the
// distribution-free interval of Moses, read off the sorted pairwise differences at the Mann-Whitney U critical
// ranks. It agrees with the Mann-Whitney test: the 95 % interval excludes 0 roughly when p < 0.05.
import { EXACT_MAX_N, exactUCdf } from './mann-whitney.ts';
import { median } from './median.ts';
import { normalUpperTail, Z_975 } from './normal.ts';
import { CI_LEVEL } from './median-ci.ts';

export interface ShiftCi {
  /** Hodges-Lehmann: the median of all pairwise differences new − base. */
  estimate: number;
  low: number;
  high: number;
  /** The interval's confidence: exact for small groups (ties aside), approximate beyond; < 0.95 when the groups are too small for 95%. */
  confidence: number;
}

/** 1-based rank k and confidence: the interval is [d(k), d(m+1-k)] of the m sorted differences. */
function criticalRank(n1: number, n2: number): { k: number; confidence: number } {
  const m = n1 * n2;
  if (n1 + n2 <= EXACT_MAX_N) {
    const cdf = exactUCdf(n1, n2);
    let k = 1;
    while (k + 1 <= m + 1 - (k + 1) && 1 - 2 * cdf[k]! >= CI_LEVEL) k++;
    return { k, confidence: 1 - 2 * cdf[k - 1]! };
  }
  // Normal approximation of U's null distribution (no ties).
  const sd = Math.sqrt((m * (n1 + n2 + 1)) / 12);
  const k = Math.max(1, Math.floor(m / 2 - Z_975 * sd));
  return { k, confidence: 1 - 2 * normalUpperTail((m / 2 - k + 0.5) / sd) };
}

/** 95% interval (CI_LEVEL), like every other interval vethbench reports. */
export function shiftCi(base: readonly number[], next: readonly number[]): ShiftCi {
  if (base.length === 0 || next.length === 0) throw new Error('shiftCi needs at least one value in each group');
  const differences = next.flatMap((y) => base.map((x) => y - x)).sort((a, b) => a - b);
  const { k, confidence } = criticalRank(base.length, next.length);
  return { estimate: median(differences), low: differences[k - 1]!, high: differences[differences.length - k]!, confidence };
}
