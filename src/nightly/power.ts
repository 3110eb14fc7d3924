// Pure: how many repetitions a night (or a baseline) needs so the gate can reach its threshold, sized from the
// noise the history shows. The interval is THE two-arm decision's (src/stats/decide.ts): its half-width
// (`smallestDetectablePercent`) is read off decideLogs() on "ideal" samples — the normal quantiles at the noise —
// so no second formula for the width of a Moses interval exists here. A frozen baseline caps precision: with
// nBase samples the interval never gets narrower than about z·σ·√(π/3)/√nBase, whatever the new run adds.
import { metricValues } from '../compare/metric-values.ts';
import type { RunResults } from '../results/schema.ts';
import { decideLogs } from '../stats/decide.ts';
import { normalUpperQuantile } from '../stats/normal.ts';
import { FAMILY_ERROR_RATE } from '../stats/sequential.ts';
import { confidenceText } from '../stats/confidence-text.ts';

/** DESIGN.md: one 3-s TCP sample over veth varies with CV ≈ 17 % on the 2-vCPU VM unpinned; pinned 2–6 %. The fallback
 *  when this host has no calibration (vethbench calibrate measures both; src/nightly/host-noise.ts). */
export const CONSERVATIVE_CV = 0.17;
export const PINNED_CV = 0.04;

/** n values spread like the sample's quantiles: Φ⁻¹((i − ½)/n)·σ, on log values (a CV of σ). */
function idealLogs(n: number, sigma: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => -normalUpperQuantile((i + 0.5) / n) * sigma);
}

/** The smallest change (percent, ±) nBase vs nNew samples at noise σ can show at `confidence`; Infinity when they cannot reach it. */
export function detectableChange(sigma: number, nBase: number, nNew: number, confidence: number): number {
  if (nBase < 1 || nNew < 1) return Infinity;
  const shift = decideLogs(idealLogs(nBase, sigma), idealLogs(nNew, sigma), { direction: 'higher', thresholdPercent: 50, confidence, computeP: false });
  if (shift.confidence < confidence - 1e-12 || shift.smallestDetectablePercent === null) return Infinity;
  return shift.smallestDetectablePercent;
}

export interface SizingInput {
  /** Per-sample noise on log values (≈ CV). */
  sigma: number;
  /** Where sigma came from, for the printed line. */
  noiseSource: string;
  thresholdPercent: number;
  /** m: gating metrics × points; each gating CI is at 1 − 0.05/m (the comparison's family). */
  familySize: number;
  /** The frozen baseline's samples per point; absent when the run being sized IS the baseline (both arms the same n). */
  baselineN?: number | undefined;
  /** The most repetitions allowed: min(--max-repetitions, what the budget holds). */
  maxRepetitions: number;
  minRepetitions?: number;
  /** The pinned per-sample noise measured on this host (vethbench calibrate) and where it came from; else PINNED_CV. */
  pinned?: { sigma: number; source: string } | undefined;
}

export interface Sizing {
  repetitions: number;
  /** ± percent the gate can detect with these repetitions (Infinity: cannot decide at all). */
  detectablePercent: number;
  reachesThreshold: boolean;
  confidence: number;
  /** Lines for the person reading the night: what was chosen, why, and what would help. */
  lines: string[];
}

const pct = (x: number) => (Number.isFinite(x) ? `±${x.toFixed(1)} %` : 'nothing (too few samples for the level)');

/** The smallest n in [min, max] with detectable ≤ threshold, else the n past which more rounds gain < 10 %. */
function choose(width: (n: number) => number, min: number, max: number, threshold: number): number {
  for (let n = min; n <= max; n++) if (width(n) <= threshold) return n;
  const floor = width(max);
  if (!Number.isFinite(floor)) return max;
  for (let n = min; n <= max; n++) if (width(n) <= 1.1 * floor) return n;
  return max;
}

export function sizeRepetitions(input: SizingInput): Sizing {
  const { sigma, thresholdPercent, familySize, baselineN, maxRepetitions } = input;
  const min = Math.min(maxRepetitions, Math.max(3, input.minRepetitions ?? 3));
  const confidence = 1 - FAMILY_ERROR_RATE / Math.max(1, familySize);
  const width = (n: number, s = sigma) => detectableChange(s, baselineN ?? n, n, confidence);
  const repetitions = choose((n) => width(n), min, maxRepetitions, thresholdPercent);
  const detectablePercent = width(repetitions);
  const reachesThreshold = detectablePercent <= thresholdPercent;
  const what = baselineN === undefined ? 'per point, baseline and new alike' : `per point against the baseline's ${baselineN}`;
  const lines = [`repetitions: ${repetitions} ${what} (noise CV ${(100 * sigma).toFixed(1)} % from ${input.noiseSource}; ${familySize} gating comparison(s), each CI at ${confidenceText(confidence)}): the gate can detect changes of ${pct(detectablePercent)} (threshold ±${thresholdPercent} %)`];
  if (!reachesThreshold) {
    const cap = baselineN === undefined ? Infinity : detectableChange(sigma, baselineN, 10_000, confidence);
    if (baselineN !== undefined && cap > thresholdPercent) lines.push(`the baseline's ${baselineN} samples alone cap the gate at ${pct(cap)}: measure a larger one with vethbench nightly --rebaseline`);
    else lines.push(`±${thresholdPercent} % needs more than the ${maxRepetitions} repetitions allowed (--budget, --max-repetitions)`);
    const pinnedCv = input.pinned?.sigma ?? PINNED_CV;
    const pinnedWhere = input.pinned ? `CV ${(100 * pinnedCv).toFixed(1)} % pinned in ${input.pinned.source}` : `CV about ${100 * PINNED_CV} % pinned on the 2-vCPU VM; measure this host's with vethbench calibrate`;
    const pinnedN = choose((n) => width(n, Math.min(sigma, pinnedCv)), min, maxRepetitions, thresholdPercent);
    if (sigma > pinnedCv && width(pinnedN, pinnedCv) <= thresholdPercent) {
      lines.push(`recommendation: pin client and server to one logical CPU (matrix.affinity: ['same-core'], iperf3 -A 0,0; ${pinnedWhere}) — ±${thresholdPercent} % would then need about ${pinnedN} repetitions${baselineN === undefined ? '' : ' and a baseline measured the same way (--rebaseline)'}`);
    }
  }
  return { repetitions, detectablePercent, reachesThreshold, confidence, lines };
}

/** Sample standard deviation of logs of the positive finite values; undefined below 3 values. */
export function logSpread(values: readonly number[]): number | undefined {
  const logs = values.filter((v) => Number.isFinite(v) && v > 0).map(Math.log);
  if (logs.length < 3) return undefined;
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
}

/**
 * The per-sample noise of the gating metrics in these runs (the baseline and the latest passed nights): per point
 * and metric the median over runs of the log spread, then the worst point — every gating point must be decided.
 */
export function runsNoise(runs: readonly RunResults[], gates: ReadonlySet<string>): number | undefined {
  const byPointMetric = new Map<string, number[]>();
  for (const run of runs) {
    for (const point of run.points) {
      for (const metric of gates) {
        const s = logSpread(metricValues(point, metric).values);
        if (s === undefined) continue;
        const id = `${point.key}\u0000${metric}`;
        byPointMetric.set(id, [...(byPointMetric.get(id) ?? []), s]);
      }
    }
  }
  const medians = [...byPointMetric.values()].map((list) => [...list].sort((a, b) => a - b)[list.length >> 1]!);
  return medians.length ? Math.max(...medians) : undefined;
}
