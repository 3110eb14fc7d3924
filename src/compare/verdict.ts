// Pure verdict rules of a comparison. The per-metric decision is src/stats/decide.ts's (one implementation for
// effects within a run and runs against a baseline); this file turns it into compare's words and picks a point's.
import { absoluteShiftText, formatNumber, formatP, shiftUnitName, signedPercent } from '../metrics/format.ts';
import type { Unit } from '../metrics/registry.ts';
import type { Shift } from '../stats/decide.ts';
import { displayVerdict, VERDICT_SEVERITY, type ComparisonSettings, type MetricComparison, type Verdict } from './types.ts';
import { confidenceText } from '../stats/confidence-text.ts';

export const DEFAULT_SETTINGS: ComparisonSettings = { thresholdPercent: 5, alpha: 0.05, noisyCv: 0.1 };

const ci = (s: Shift) => `[${signedPercent(s.ciLowPercent!)} … ${signedPercent(s.ciHighPercent!)}] (${confidenceText(s.confidence)} CI)`;

/** The shift, its interval, the ±threshold and the half-width in the words of its scale: percent, or the metric's unit (Shift.absolute). */
function scaleTexts(s: Shift, settings: ComparisonSettings): { est: string; threshold: string; halfWidth: string } | undefined {
  if (s.absolute) {
    const a = s.absolute;
    const inUnit = (x: number) => `${formatNumber(x, a.unit as Unit)} ${shiftUnitName(a.unit)}`.trimEnd();
    return {
      est: `${absoluteShiftText(a)} (${confidenceText(s.confidence)} CI)`,
      threshold: `±${inUnit(a.tolerance)} (${settings.thresholdPercent}% of the larger mean)`,
      halfWidth: `±${inUnit((a.ciHigh - a.ciLow) / 2)}`,
    };
  }
  if (s.estimatePercent === null) return undefined;
  const halfWidth = s.smallestDetectablePercent === null ? 'no interval' : `±${s.smallestDetectablePercent.toFixed(1)}%`;
  return { est: `${signedPercent(s.estimatePercent)} ${ci(s)}`, threshold: `±${settings.thresholdPercent}%`, halfWidth };
}

/** The display verdict of one metric and why, in words. `failed`: failed samples of the point, both sides. */
export function metricVerdict(shift: Shift, failed: number, settings: ComparisonSettings): { verdict: Verdict; reason: string } {
  if (failed > 0) return { verdict: 'invalid', reason: `${failed} failed sample(s): the runs did not measure the same thing` };
  const texts = scaleTexts(shift, settings);
  if (shift.verdict === 'invalid' || !texts) return { verdict: 'invalid', reason: shift.reason ?? 'no valid samples on a side' };
  const verdict = displayVerdict(shift.verdict);
  const { est, threshold } = texts;
  const p = shift.pAdjusted === null ? '' : `, p ${formatP(shift.pAdjusted)}`;
  switch (shift.verdict) {
    case 'better':
    case 'worse':
      return { verdict, reason: `${est} excludes 0 and is beyond ${threshold}${p}` };
    case 'equivalent':
      return { verdict, reason: `${est} lies inside ${threshold}` };
    default: {
      const more = shift.moreSamplesPerArm ? `; about ${shift.moreSamplesPerArm} more sample(s) per side would decide it` : '';
      const why = shift.reason ?? `the samples can show changes of ${texts.halfWidth} or more`;
      return { verdict, reason: `${est}: cannot tell — ${why}${more}` };
    }
  }
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
