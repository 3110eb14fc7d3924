// Pure: what marks a point's row in the terminal tables — contaminated samples (taken while neighbours used the
// CPU: kept in results.json, left out of summaries) and a noisy headline metric — and the CI cell with its real level.
import type { MetricSummary, PointResult, Sample } from '../../results/schema.ts';
import { confidenceText } from '../../stats/confidence-text.ts';

/** A point whose coefficient of variation exceeds this is called noisy (a flag, not a verdict). */
export const NOISY_CV = 0.1;

export function contaminatedCount(point: PointResult): number {
  return point.samples.filter((s: Sample) => s.status === 'ok' && s.contaminated).length;
}

/** "CV=17%" (one word: a narrow column never splits it) when the CV is above NOISY_CV over at least 2 samples; '' otherwise. */
export function noisyFlag(summary: MetricSummary | undefined): string {
  return summary && summary.n >= 2 && summary.cv > NOISY_CV ? `CV=${Math.round(summary.cv * 100)}%` : '';
}

/** "31.90–32.00 (75%)": the CI of the median with its exact confidence; "–" where there is none (n < 2). */
export function ciCell(summary: MetricSummary | undefined, format: (value: number) => string): string {
  if (!summary || summary.n < 2 || !(summary.ciConfidence > 0)) return '–';
  return `${format(summary.ciLow)}–${format(summary.ciHigh)} (${confidenceText(summary.ciConfidence)})`;
}
