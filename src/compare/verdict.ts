// Pure verdict rules. A change is called only when it is both statistically significant (after Holm) and larger
// than the threshold: significance alone flags 1 % shifts nobody cares about, size alone flags noise.
import type { Direction } from '../metrics/registry.ts';
import { formatDelta, formatP } from '../metrics/format.ts';
import { VERDICT_SEVERITY, type ComparisonSettings, type MetricComparison, type Verdict } from './types.ts';

export const DEFAULT_SETTINGS: ComparisonSettings = { thresholdPercent: 5, alpha: 0.05, noisyCv: 0.1 };

export interface VerdictInput {
  direction: Exclude<Direction, 'none'>;
  baseMedian: number;
  newMedian: number;
  /** null when the base median is 0 (any change is then beyond every threshold). */
  deltaPercent: number | null;
  pAdjusted: number;
  baseCv: number;
  newCv: number;
  /** Failed samples of the point, both sides together. */
  failed: number;
}

export function metricVerdict(input: VerdictInput, settings: ComparisonSettings): { verdict: Verdict; reason: string } {
  if (input.failed > 0) return { verdict: 'invalid', reason: `${input.failed} failed sample(s): the runs did not measure the same thing` };
  const delta = formatDelta(input.deltaPercent, input.baseMedian, input.newMedian);
  const significant = input.pAdjusted < settings.alpha;
  const beyond = input.deltaPercent === null ? input.newMedian !== input.baseMedian : Math.abs(input.deltaPercent) > settings.thresholdPercent;
  if (significant && beyond) {
    const better = input.direction === 'higher' ? input.newMedian > input.baseMedian : input.newMedian < input.baseMedian;
    return { verdict: better ? 'improved' : 'regressed', reason: `${delta} beyond ±${settings.thresholdPercent}%, p ${formatP(input.pAdjusted)} < ${settings.alpha}` };
  }
  const cv = Math.max(input.baseCv, input.newCv);
  if (cv > settings.noisyCv) {
    return { verdict: 'noisy', reason: `CV ${(cv * 100).toFixed(1)}% > ${(settings.noisyCv * 100).toFixed(0)}%: too noisy to call ${delta} no change` };
  }
  const why = !significant ? `p ${formatP(input.pAdjusted)} ≥ ${settings.alpha}` : `within ±${settings.thresholdPercent}%`;
  return { verdict: 'no change', reason: `${delta}, ${why}` };
}

function moreSevere(a: Verdict, b: Verdict): Verdict {
  return VERDICT_SEVERITY.indexOf(a) <= VERDICT_SEVERITY.indexOf(b) ? a : b;
}

/** The point's verdict: its most severe gating metric's (all metrics when none of them gates). */
export function pointVerdict(metrics: readonly MetricComparison[]): { verdict: Verdict; decidingMetric?: string; reason: string } {
  const gating = metrics.some((m) => m.gates) ? metrics.filter((m) => m.gates) : metrics;
  const deciding = gating.reduce<MetricComparison | undefined>((worst, m) => (worst && moreSevere(worst.verdict, m.verdict) === worst.verdict ? worst : m), undefined);
  if (!deciding) return { verdict: 'invalid', reason: 'no metric with successful samples on both sides' };
  return { verdict: deciding.verdict, decidingMetric: deciding.metric, reason: `${deciding.label}: ${deciding.reason}` };
}
