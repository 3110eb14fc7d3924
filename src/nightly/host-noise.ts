// Pure: what this host's calibration (vethbench calibrate) says a plan can decide — "with N repetitions this host can
// decide effects ≥ X %; --until-decided needs about K rounds for 5 %" — and whether pinning cuts the noise enough to
// recommend it. The widths are power.ts's detectableChange (the one interval of src/stats/decide.ts); the looks and
// their level are src/stats/sequential.ts's, for one comparison (m = 1; a larger family needs more).
import type { Point } from '../plan/expand.ts';
import type { CalibrationConfiguration, CalibrationRecord, CpuTopology, Placement } from '../results/calibration-schema.ts';
import { placementOf } from '../plan/cpu-placement.ts';
import { affinityArgument } from '../knobs/iperf3-family.ts';
import { formatMetric, percentText } from '../metrics/format.ts';
import { confidenceText } from '../stats/confidence-text.ts';
import { percentileBootstrap } from '../stats/bootstrap.ts';
import { FAMILY_ERROR_RATE, planSequential } from '../stats/sequential.ts';
import { detectableChange, logSpread } from './power.ts';

export const CV_CI_CONFIDENCE = 0.9;
const RESAMPLES = 2000;

export interface CvEstimate { n: number; cv: number | null; ciLow: number | null; ciHigh: number | null; confidence: number }

/** The log spread of the values with a seeded percentile-bootstrap interval (null below 3 values). */
export function cvWithInterval(values: readonly number[], seed = 1): CvEstimate {
  const clean = values.filter((v) => Number.isFinite(v) && v > 0);
  const cv = logSpread(clean);
  if (cv === undefined) return { n: clean.length, cv: null, ciLow: null, ciHigh: null, confidence: CV_CI_CONFIDENCE };
  const { low, high } = percentileBootstrap(clean.length, (idx) => {
    const spread = logSpread(idx.map((i) => clean[i]!)) ?? 0;
    return spread < 1e-12 ? 0 : spread; // a resample of one repeated value has spread 0, up to rounding
  }, { resamples: RESAMPLES, confidence: CV_CI_CONFIDENCE, seed });
  return { n: clean.length, cv, ciLow: low, ciHigh: high, confidence: CV_CI_CONFIDENCE };
}

const pct = percentText;

/** What a plan measures, as far as the noise goes: which iperf3 protocols, pinned or not, and what else (uncalibrated). */
export interface PlanNoiseNeeds { protocols: readonly ('tcp' | 'udp')[]; placement: Placement; otherTools?: readonly string[] }

/** The noisiest calibrated configuration the plan's points resemble (every effect must be decided), if any. */
export function noiseFor(record: CalibrationRecord, needs: PlanNoiseNeeds): CalibrationConfiguration | undefined {
  const usable = record.configurations.filter((c) => c.cv !== null);
  const protocols = needs.protocols.length ? needs.protocols : ['tcp', 'udp'];
  const matching = usable.filter((c) => c.placement === needs.placement && protocols.includes(c.protocol));
  const pool = matching.length ? matching : usable.filter((c) => c.placement === 'unpinned');
  return pool.reduce<CalibrationConfiguration | undefined>((worst, c) => (worst && worst.cv! >= c.cv! ? worst : c), undefined);
}

/** The first planned look at which ±threshold is reachable at the look level (m = 1); undefined past the maximum. */
export function roundsFor(sigma: number, thresholdPercent = 5, maxRepetitions = 60): number | undefined {
  const plan = planSequential({ familySize: 1, thresholdPercent, maxRepetitions });
  return plan.looks.find((n) => detectableChange(sigma, n, n, plan.levelAtLook) <= thresholdPercent);
}

/** "with 3 repetitions this host can decide …": the plan/report line from a calibration (or the hint to make one). */
export function decidableLine(record: CalibrationRecord | undefined, repetitions: number, needs: PlanNoiseNeeds, thresholdPercent = 5): string {
  if (!record) return `noise floor: not calibrated: vethbench calibrate (then plan says which effects ${repetitions} repetitions can decide)`;
  const config = noiseFor(record, needs);
  const date = record.calibratedAt.slice(0, 10);
  if (!config) return `noise floor: the calibration of ${date} has too few clean samples to tell; run vethbench calibrate again`;
  const sigma = config.cv!;
  const width = detectableChange(sigma, repetitions, repetitions, 1 - FAMILY_ERROR_RATE);
  const decides = Number.isFinite(width) ? `effects ≥ ${width.toFixed(1)} %` : `none (${repetitions} vs ${repetitions} samples never reach 95 %)`;
  const k = roundsFor(sigma, thresholdPercent);
  const rounds = k === undefined ? `more than the maximum of 60 rounds for ${thresholdPercent} %` : `about ${k} rounds for ${thresholdPercent} %`;
  return `with ${repetitions} repetitions this host can decide ${decides} (calibrated ${date}, CV ${pct(sigma)} ${config.label}; one comparison at 95 %); --until-decided needs ${rounds}`;
}

export interface PinningVerdict { protocol: 'tcp' | 'udp'; recommend: boolean; line: string }

/**
 * Per protocol: recommend pinning when it clearly cuts the noise — the pinned CV's bootstrap interval lies wholly below
 * the unpinned one's (the two 90 % intervals do not overlap). Says what "pinned" is on this host.
 */
export function pinningAdvice(record: CalibrationRecord, topology: CpuTopology | undefined = record.cpuTopology): PinningVerdict[] {
  const out: PinningVerdict[] = [];
  for (const protocol of ['tcp', 'udp'] as const) {
    const of = (placement: Placement) => record.configurations.find((c) => c.protocol === protocol && c.placement === placement);
    const free = of('unpinned');
    const pinned = of('same-core');
    if (!free || !pinned) continue;
    if (free.cv === null || pinned.cv === null || free.cvCiLow === null || pinned.cvCiHigh === null) {
      out.push({ protocol, recommend: false, line: `${protocol}: too few clean samples to compare pinned and unpinned noise` });
      continue;
    }
    const where = topology?.cpus.length ? ` (${placementOf(topology, affinityArgument('same-core')!)})` : '';
    const figures = `CV ${pct(free.cv)} unpinned [${pct(free.cvCiLow)}, ${pct(free.cvCiHigh!)}] vs ${pct(pinned.cv)} pinned same-core [${pct(pinned.cvCiLow!)}, ${pct(pinned.cvCiHigh)}]`;
    if (pinned.cvCiHigh < free.cvCiLow) {
      const k = roundsFor(pinned.cv);
      const kFree = roundsFor(free.cv);
      const rounds = `±5 % needs about ${k ?? 'more than 60'} rounds pinned, ${kFree ?? 'more than 60'} unpinned`;
      // Pinning changes what is measured as well as its noise (one CPU for client and server): say so when it shows.
      const moved = free.median !== null && pinned.median !== null && Math.abs(pinned.median / free.median - 1) > 0.1
        ? `; the median moves too (${formatMetric(free.median, free.metric)} → ${formatMetric(pinned.median, pinned.metric)}): compare pinned runs only with pinned runs` : '';
      out.push({ protocol, recommend: true, line: `${protocol}: recommendation: pin client and server (matrix.affinity: ['same-core'], iperf3 -A ${affinityArgument('same-core')}${where}): ${figures}; ${rounds}${moved}` });
    } else {
      out.push({ protocol, recommend: false, line: `${protocol}: pinning does not clearly cut the noise here (${figures}: the ${confidenceText(CV_CI_CONFIDENCE)} intervals overlap${pinned.cv >= free.cv ? ', pinned is not quieter' : ''})` });
    }
  }
  return out;
}

/** The calibration's CVs for the night sizing: the unpinned TCP/UDP worst, and the pinned worst, when measured. */
export function calibratedNoise(record: CalibrationRecord): { unpinned?: number; pinned?: number; source: string } {
  const worst = (placement: Placement) => {
    const cvs = record.configurations.filter((c) => c.placement === placement && c.cv !== null).map((c) => c.cv!);
    return cvs.length ? Math.max(...cvs) : undefined;
  };
  const unpinned = worst('unpinned');
  const pinned = worst('same-core');
  return { ...(unpinned === undefined ? {} : { unpinned }), ...(pinned === undefined ? {} : { pinned }), source: `this host's calibration of ${record.calibratedAt.slice(0, 10)}` };
}

/** The protocols a plan's points carry and whether every point is pinned to one logical CPU. */
/** What the noise lines read of a plan (or of a stored run: its workloads and requested knobs). */
export interface NoisePlan { points: readonly Pick<Point, 'workload' | 'knobs'>[]; settings: { repetitions: number } }

export function planNoiseNeeds(plan: Pick<NoisePlan, 'points'>): PlanNoiseNeeds {
  // The calibration measures iperf3 throughput and packet rate: latency, setup cost and the rest have noise of their own.
  const iperf3 = plan.points.filter((p) => p.workload.tool === 'iperf3');
  const protocols = [...new Set(iperf3.flatMap((p) => (p.workload.tool === 'iperf3' ? [p.workload.protocol] : [])))];
  const otherTools = [...new Set(plan.points.filter((p) => p.workload.tool !== 'iperf3').map((p) => p.workload.tool))];
  const pinned = iperf3.length > 0 && iperf3.every((p) => p.knobs.affinity !== undefined && affinityArgument(String(p.knobs.affinity)) === affinityArgument('same-core'));
  return { protocols, placement: pinned ? 'same-core' : 'unpinned', ...(otherTools.length ? { otherTools } : {}) };
}

/** What plan and run print: the decidable line, and the pinning recommendation for an unpinned plan where it helps. */
export function noiseFloorLines(record: CalibrationRecord | undefined, plan: NoisePlan): string[] {
  const needs = planNoiseNeeds(plan);
  const others = needs.otherTools?.length ? `${needs.otherTools.join(', ')} workload(s)` : '';
  if (needs.protocols.length === 0) return [`noise floor: vethbench calibrate measures iperf3 throughput and packet rate; the noise of ${others} is not calibrated`];
  const lines = [`${decidableLine(record, plan.settings.repetitions, needs)}${others && record ? ` (iperf3 points; ${others} not calibrated)` : ''}`];
  if (record && needs.placement === 'unpinned') {
    lines.push(...pinningAdvice(record).filter((v) => v.recommend && (needs.protocols.length === 0 || needs.protocols.includes(v.protocol))).map((v) => v.line));
  }
  return lines;
}
