// Pure: how closely one arm of interleaved pairs reproduces the other (scripts/fidelity.ts: vethbench's samples
// against the same iperf3 argv run by hand). The level: the median of the per-pair ratios with its distribution-free
// CI (pairs share the host's drift, so the ratio of a pair cancels it). The noise: the ratio of the two arms' CVs with
// a percentile bootstrap CI over pairs (resampled whole, so the pairing is kept).
import { percentileBootstrap } from './bootstrap.ts';
import { summarize } from './summary.ts';

export interface FidelityFigures {
  pairs: number;
  /** Median of test/reference per pair, with its rank CI at `ratioConfidence`. */
  ratio: number;
  ratioLow: number;
  ratioHigh: number;
  ratioConfidence: number;
  cvTest: number;
  cvReference: number;
  /** cvTest / cvReference and its bootstrap percentile CI at `cvRatioConfidence`. */
  cvRatio: number;
  cvRatioLow: number;
  cvRatioHigh: number;
  cvRatioConfidence: number;
}

/** stddev / mean, as summaries report it (computed here without a summary's CI and outliers: it runs per resample). */
function cv(values: readonly number[]): number {
  const mean = values.reduce((x, y) => x + y, 0) / values.length;
  return Math.sqrt(values.reduce((x, v) => x + (v - mean) ** 2, 0) / (values.length - 1)) / mean;
}

/** Pairs with both arms measured (positive, finite); undefined below 3 such pairs. */
export function pairedFidelity(test: readonly number[], reference: readonly number[], options: { resamples?: number; confidence?: number; seed?: number } = {}): FidelityFigures | undefined {
  const keep = test.flatMap((t, i) => (t > 0 && Number.isFinite(t) && reference[i]! > 0 && Number.isFinite(reference[i]) ? [i] : []));
  if (keep.length < 3) return undefined;
  const a = keep.map((i) => test[i]!);
  const b = keep.map((i) => reference[i]!);
  const ratios = summarize(a.map((v, i) => v / b[i]!))!;
  const confidence = options.confidence ?? 0.95;
  const boot = percentileBootstrap(a.length, (idx) => cv(idx.map((i) => a[i]!)) / cv(idx.map((i) => b[i]!)), { resamples: options.resamples ?? 4000, confidence, seed: options.seed ?? 1 });
  return {
    pairs: a.length,
    ratio: ratios.median, ratioLow: ratios.ciLow, ratioHigh: ratios.ciHigh, ratioConfidence: ratios.ciConfidence,
    cvTest: cv(a), cvReference: cv(b), cvRatio: cv(a) / cv(b),
    cvRatioLow: boot.low, cvRatioHigh: boot.high, cvRatioConfidence: confidence,
  };
}
