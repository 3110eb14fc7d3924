// Pure: how closely one arm of interleaved pairs reproduces the other (scripts/fidelity.ts: vethbench's samples
// against the same iperf3 argv run by hand). The level: the median of the per-pair ratios with its distribution-free
// CI (pairs share the host's drift, so the ratio of a pair cancels it). The noise: the ratio of the two arms' CVs with
// a percentile bootstrap CI over pairs (resampled whole, so the pairing is kept).
import { mulberry32 } from './random.ts';
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

function cv(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return sd / mean;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (at - lo);
}

/** Pairs with both arms measured (positive, finite); undefined below 3 such pairs. */
export function pairedFidelity(test: readonly number[], reference: readonly number[], options: { resamples?: number; confidence?: number; seed?: number } = {}): FidelityFigures | undefined {
  const keep = test.flatMap((t, i) => (t > 0 && Number.isFinite(t) && reference[i]! > 0 && Number.isFinite(reference[i]) ? [i] : []));
  if (keep.length < 3) return undefined;
  const a = keep.map((i) => test[i]!);
  const b = keep.map((i) => reference[i]!);
  const ratios = summarize(a.map((v, i) => v / b[i]!))!;
  const confidence = options.confidence ?? 0.95;
  const random = mulberry32(options.seed ?? 1);
  const boot = Array.from({ length: options.resamples ?? 4000 }, () => {
    const idx = Array.from({ length: a.length }, () => Math.floor(random() * a.length));
    return cv(idx.map((i) => a[i]!)) / cv(idx.map((i) => b[i]!));
  }).filter(Number.isFinite).sort((x, y) => x - y);
  return {
    pairs: a.length,
    ratio: ratios.median, ratioLow: ratios.ciLow, ratioHigh: ratios.ciHigh, ratioConfidence: ratios.ciConfidence,
    cvTest: cv(a), cvReference: cv(b), cvRatio: cv(a) / cv(b),
    cvRatioLow: quantile(boot, (1 - confidence) / 2), cvRatioHigh: quantile(boot, 1 - (1 - confidence) / 2), cvRatioConfidence: confidence,
  };
}
