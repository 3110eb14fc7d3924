// Modified Z-scores (Iglewicz & Hoaglin): robust to the outliers they look for, because they use the median and
// the median absolute deviation rather than the mean and standard deviation. Outliers are flagged, never dropped.
import { median } from './median.ts';

/** |M| above this is flagged (Iglewicz & Hoaglin's recommendation). */
export const MODIFIED_Z_LIMIT = 3.5;

/** 0.6745 = the 0.75 quantile of N(0,1): makes MAD comparable to a standard deviation for normal data. */
const MAD_SCALE = 0.6745;
/** √(π/2): the ratio of σ to the mean absolute deviation for normal data, used when more than half the values tie. */
const MEAN_AD_SCALE = 1.253314;

export function modifiedZScores(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const med = median([...values].sort((a, b) => a - b));
  const deviations = values.map((v) => Math.abs(v - med));
  const mad = median([...deviations].sort((a, b) => a - b));
  if (mad > 0) return values.map((v) => (MAD_SCALE * (v - med)) / mad);
  const meanAd = deviations.reduce((a, b) => a + b, 0) / values.length;
  if (meanAd === 0) return values.map(() => 0);
  return values.map((v) => (v - med) / (MEAN_AD_SCALE * meanAd));
}

/** Positions (into `values`) of the flagged values. */
export function outlierPositions(values: readonly number[], limit = MODIFIED_Z_LIMIT): number[] {
  return modifiedZScores(values).flatMap((z, i) => (Math.abs(z) > limit ? [i] : []));
}
