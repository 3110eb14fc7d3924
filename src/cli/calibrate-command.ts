// `vethbench calibrate`: measure this host's noise floor — the standard series of src/plan/calibration-scenario.ts on
// the ordinary runner (its run directory under --out like any run) — and store the per-sample CVs keyed by host and
// kernel in the calibration directory, where plan, run and nightly read them. Prints per configuration the median,
// the CV with its interval and n, what that lets a plan decide, the pinning advice and what pinning means here.
import { randomInt } from 'node:crypto';
import { ExecaHost } from '../host/execa-host.ts';
import { writeRunReport } from '../files/report-files.ts';
import { readCpuTopology } from '../metadata/cpu-topology.ts';
import { hostKeyOf } from '../metadata/host-key.ts';
import { duration } from '../metrics/format.ts';
import { buildCalibrationRecord, calibrationLines, replacesStored, usableConfigurations } from '../nightly/calibration-record.ts';
import { CALIBRATION_DEFAULTS, CALIBRATION_QUICK, calibrationPlan } from '../plan/calibration-scenario.ts';
import { placementLines } from '../plan/cpu-placement.ts';
import { progressLine } from '../report/terminal/progress.ts';
import type { CalibrationRecord } from '../results/calibration-schema.ts';
import { calibrationDir, calibrationFile, readCalibration, writeCalibration } from '../files/calibration-store.ts';
import { calibrationSchedule } from '../run/calibration-schedule.ts';
import type { ProgressEvent } from '../plan/progress-event.ts';
import { runScenarios } from '../run/run-scenarios.ts';
import { VERSION } from '../version.ts';
import { untilInterrupted } from './interrupt.ts';

export interface CalibrateFlags {
  quick?: boolean;
  repetitions?: number;
  duration?: number;
  out: string;
  seed?: number;
  grace?: number;
  maxNeighbourCpu?: number;
  /** Seconds of wall clock, setup included; contaminated samples are measured again within it. */
  budget: number;
}


function showProgress(event: ProgressEvent): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${progressLine(event)}${event.type === 'trial-end' ? '\n' : ''}`);
  else if (event.type === 'trial-end') process.stderr.write(`${progressLine(event)}\n`);
}

/** 0 calibrated, 1 some samples failed, 4 no configuration got the 3 clean samples a CV needs, 130/143 interrupted. */
export async function calibrateCommand(flags: CalibrateFlags): Promise<number> {
  const base = flags.quick ? CALIBRATION_QUICK : CALIBRATION_DEFAULTS;
  const plan = calibrationPlan({
    repetitions: flags.repetitions ?? base.repetitions, durationS: flags.duration ?? base.durationS, omitS: base.omitS, seed: flags.seed ?? randomInt(2 ** 31),
  });
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  log(`calibrate: ${plan.points.length} configurations × ${plan.settings.repetitions} samples of ${plan.settings.durationS} s, interleaved, about ${duration(plan.estimatedSeconds)}`);
  const deadline = Date.now() + flags.budget * 1000;
  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios([{ plan, schedule: calibrationSchedule }], {
    host: new ExecaHost(), out: flags.out, signal, graceS: flags.grace, log, onProgress: showProgress, maxNeighbourCpu: flags.maxNeighbourCpu, deadline,
  }));
  const outcome = outcomes[0];
  if (!outcome) return signalExit || 4;
  if (signalExit) { log(`interrupted: nothing stored as this host's calibration (the samples are in ${outcome.runDir})`); return signalExit; }
  const host = outcome.results.host!;
  const cpuTopology = readCpuTopology();
  const record = buildCalibrationRecord({
    plan, results: outcome.results, runDir: outcome.runDir, host, key: hostKeyOf(host), cpuTopology: cpuTopology.cpus.length ? cpuTopology : undefined,
    quick: Boolean(flags.quick), version: VERSION, calibratedAt: new Date().toISOString(),
  });
  // A damaged or foreign file under this host's name is replaced (plan and run would refuse it).
  let stored: CalibrationRecord | undefined;
  try { stored = readCalibration(record.key); } catch { stored = undefined; }
  const keep = !replacesStored(stored, record);
  const file = keep ? calibrationFile(calibrationDir(), record.key) : writeCalibration(record);
  if (keep) log(`kept the calibration of ${stored!.calibratedAt.slice(0, 10)} in ${file}: it has ${usableConfigurations(stored!)} configuration(s) with a CV, this run ${usableConfigurations(record)} (its samples stay in ${outcome.runDir})`);
  // The run's page was written before this record existed: again, so it shows the noise floor just measured.
  else writeRunReport(`${outcome.runDir}/results.json`);
  process.stdout.write(`\n${[...calibrationLines(record), ...(cpuTopology.cpus.length ? placementLines(cpuTopology) : []), `calibration: ${file}${keep ? ' (kept: the earlier one)' : ''}`, `run: ${outcome.runDir}/results.json`].join('\n')}\n`);
  if (record.configurations.every((c) => c.cv === null)) {
    const contaminated = record.configurations.flatMap((c) => c.samples).filter((s) => s.contaminated).length;
    log(`no configuration has the 3 clean samples a CV needs: nothing can be judged (exit 4)${contaminated ? `; ${contaminated} sample(s) were contaminated by neighbours' CPU use: calibrate when the host is quiet (vethbench doctor says how quiet it is now)` : ''}`);
    return 4;
  }
  const failed = record.configurations.flatMap((c) => c.samples).filter((s) => s.status === 'failed').length;
  if (failed) log(`${failed} sample(s) failed; the reasons are in ${outcome.runDir}/results.json`);
  return failed ? 1 : 0;
}
