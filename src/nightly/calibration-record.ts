// Pure: the calibration record from the calibration run's results (every sample of every configuration kept, the CV
// and its interval computed from the clean ones), and the lines calibrate prints.
import { metricValues } from '../compare/metric-values.ts';
import { formatMetric, percentText } from '../metrics/format.ts';
import { confidenceText } from '../stats/confidence-text.ts';
import type { HostKey } from '../metadata/host-key.ts';
import { configurationOf } from '../plan/calibration-scenario.ts';
import type { Plan } from '../plan/expand.ts';
import { CALIBRATION_SCHEMA_VERSION, type CalibrationConfiguration, type CalibrationRecord, type CpuTopology } from '../results/calibration-schema.ts';
import type { HostFacts, RunResults } from '../results/schema.ts';
import { summarize } from '../stats/summary.ts';
import { decidingMetricsWritten } from '../scenario/decision-metrics.ts';
import { affinityArgument } from '../knobs/iperf3-family.ts';
import { cvWithInterval, decidableLine, pinningAdvice } from './host-noise.ts';

export interface CalibrationInput {
  plan: Plan;
  results: RunResults;
  runDir: string;
  host: HostFacts;
  key: HostKey;
  cpuTopology?: CpuTopology | undefined;
  quick: boolean;
  version: string;
  calibratedAt: string;
}

export function buildCalibrationRecord(input: CalibrationInput): CalibrationRecord {
  const configurations: CalibrationConfiguration[] = input.plan.points.map((point, i) => {
    const stored = input.results.points.find((p) => p.key === point.key);
    const { protocol, placement } = configurationOf(point);
    // The workload's headline deciding metric, from the registry's lists: throughputBps for TCP, pps for UDP.
    const metric = decidingMetricsWritten(point.workload)[0]!;
    const values = stored ? metricValues(stored, metric).values : [];
    const cv = cvWithInterval(values, i + 1);
    const argument = affinityArgument(String(point.knobs.affinity ?? 'unpinned'));
    return {
      label: `${point.workload.label} ${placement}`, protocol, placement, ...(argument === undefined ? {} : { affinityArgument: argument }),
      metric, pointKey: point.key, samples: stored?.samples ?? [],
      n: cv.n, median: summarize(values)?.median ?? null, cv: cv.cv, cvCiLow: cv.ciLow, cvCiHigh: cv.ciHigh, cvCiConfidence: cv.confidence,
    };
  });
  const { repetitions, durationS, omitS } = input.plan.settings;
  return {
    schemaVersion: CALIBRATION_SCHEMA_VERSION, kind: 'vethbench-calibration', tool: { name: 'vethbench', version: input.version },
    key: input.key, calibratedAt: input.calibratedAt, host: input.host, ...(input.cpuTopology ? { cpuTopology: input.cpuTopology } : {}),
    settings: { repetitions, durationS, omitS, quick: input.quick }, runDir: input.runDir, configurations,
  };
}

/** Per configuration its median, CV with interval and n; then what that lets a plan decide, and the pinning advice. */
export function calibrationLines(record: CalibrationRecord): string[] {
  const lines = [`noise floor of ${record.host.hostname} (kernel ${record.key.kernel}), ${record.settings.repetitions} rounds of ${record.settings.durationS}-s samples per configuration, interleaved (a contaminated sample measured again in its round, within the budget):`];
  for (const c of record.configurations) {
    const failed = c.samples.filter((s) => s.status === 'failed').length;
    const left = c.samples.filter((s) => s.status === 'ok').length - c.n;
    const cv = c.cv === null ? 'CV – (fewer than 3 clean samples)' : `CV ${percentText(c.cv)} [${confidenceText(c.cvCiConfidence)} bootstrap CI ${percentText(c.cvCiLow!)}–${percentText(c.cvCiHigh!)}]`;
    const notes = [failed ? `${failed} failed` : '', left > 0 ? `${left} contaminated, left out` : ''].filter(Boolean).join(', ');
    lines.push(`  ${c.label.padEnd(20)} median ${c.median === null ? '–' : formatMetric(c.median, c.metric)}, ${cv}, n ${c.n}${notes ? ` (${notes})` : ''}`);
  }
  for (const placement of ['unpinned', 'same-core'] as const) lines.push(decidableLine(record, 3, { protocols: ['tcp', 'udp'], placement }));
  lines.push(...pinningAdvice(record).map((v) => v.line));
  return lines;
}

/** Configurations with a CV: what a record is worth to plan and run. */
export const usableConfigurations = (record: CalibrationRecord): number => record.configurations.filter((c) => c.cv !== null).length;

/** A busy moment must not overwrite a better calibration: the fresh record replaces the stored one unless it has fewer usable configurations. */
export function replacesStored(stored: CalibrationRecord | undefined, fresh: CalibrationRecord): boolean {
  return stored === undefined || usableConfigurations(fresh) >= usableConfigurations(stored);
}
