// `vethbench run`: load and validate every scenario first (nothing touches the host on bad input), then
// preflight, probe, measure, print the table or the JSON summary.
import { randomInt } from 'node:crypto';
import { InputError } from '../errors.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { expandPlan, type Plan } from '../plan/expand.ts';
import { checkResumable, readResumeState, remainingTrials } from '../files/resume.ts';
import { progressLine } from '../report/terminal/progress.ts';
import { comparesLinks, linkComparisonTable } from '../report/terminal/link-comparison.ts';
import { resultsTable } from '../report/terminal/terminal-table.ts';
import type { ProgressEvent } from '../plan/progress-event.ts';
import { runScenarios, type PlannedRun, type ScenarioOutcome } from '../run/run-scenarios.ts';
import { nextRound, planDecisions, type Decisions } from '../run/decisions.ts';
import { effectLines } from '../report/terminal/effect-lines.ts';
import { kernelDefaultOf } from '../knobs/registry.ts';
import { DEFAULT_MAX_REPETITIONS, looksUpTo } from '../stats/sequential.ts';
import { refuseBeyondHostLimits } from '../files/host-limits.ts';
import { loadScenario } from '../files/load-scenario.ts';
import { currentHostKey } from '../metadata/host-key.ts';
import { noiseFloorLines } from '../nightly/host-noise.ts';
import type { CalibrationRecord } from '../results/calibration-schema.ts';
import { readCalibration } from '../files/calibration-store.ts';
import { untilInterrupted } from './interrupt.ts';
import { runJson } from '../report/json/run-json.ts';
import { planFromFlags, type SweepFlags } from './run-settings.ts';
import { terminalWidth, useColor } from './terminal.ts';

export interface RunFlags extends SweepFlags {
  out: string;
  json?: boolean;
  /** A run directory to continue. */
  resume?: string;
  grace?: number;
  untilDecided?: boolean;
  /** Seconds of wall clock for the whole command, setup included. */
  budget?: number;
  maxRepetitions?: number;
  /** Percent; default 5. */
  threshold?: number;
  /** Cores; default 0.1 (src/stats/interference.ts). */
  maxNeighbourCpu?: number;
}

const kernelDefault = (dimension: string) => kernelDefaultOf(dimension);

/** The sequential bookkeeping of a plan whose settings ask for it (a new run, or the journal's on --resume). */
export function decisionsFor(plan: Plan): Decisions | undefined {
  const until = plan.settings.untilDecided;
  return until ? planDecisions(plan.points, until, kernelDefault, plan.scenario.gate) : undefined;
}

/** --resume: the journal's scenario file and settings (same seed, same order), refused if the file changed. */
async function planResume(runDir: string, files: string[]): Promise<PlannedRun> {
  if (files.length) throw new InputError(`--resume ${runDir}: the scenario comes from the run's journal; drop ${files.join(' ')}`);
  const state = readResumeState(runDir);
  const scenario = await loadScenario(state.header.scenario.file);
  const plan = expandPlan(scenario, state.header.run.settings);
  checkResumable(state, scenario, plan);
  const decisions = decisionsFor(plan);
  if (decisions) {
    const next = remainingTrials(plan, state.samples) > 0 ? undefined : nextRound(decisions, plan, state.samples, () => {});
    if (next?.stop !== undefined) throw new InputError(`--resume ${runDir}: ${next.stop}; nothing to resume`);
    return { plan, resume: state, decisions: decisionsFor(plan)! };
  }
  if (remainingTrials(plan, state.samples) === 0) throw new InputError(`--resume ${runDir}: every trial already has a sample; nothing to resume`);
  return { plan, resume: state };
}

/** Every scenario loaded, validated and planned before anything touches the host. */
export async function loadPlans(files: string[], flags: RunFlags): Promise<Plan[]> {
  const seed = randomInt(2 ** 31);
  const plans: Plan[] = [];
  for (const file of files) {
    const scenario = await loadScenario(file);
    refuseBeyondHostLimits(scenario);
    if (!flags.untilDecided) {
      const plan = planFromFlags(scenario, flags, seed);
      plans.push(flags.threshold === undefined ? plan : { ...plan, settings: { ...plan.settings, thresholdPercent: flags.threshold } });
      continue;
    }
    // The plan's own trials are the rounds up to the first look; more rounds follow while effects are undecided.
    const untilDecided = { thresholdPercent: flags.threshold ?? 5, maxRepetitions: flags.maxRepetitions ?? DEFAULT_MAX_REPETITIONS, ...(flags.budget ? { budgetS: flags.budget } : {}) };
    // Warm-up: once per topology build (src/run/session-pool.ts), not a discarded round per point, unless --warmup says so.
    const plan = planFromFlags(scenario, { ...flags, repetitions: looksUpTo(untilDecided.maxRepetitions)[0]!, warmup: flags.warmup ?? 0 }, seed);
    plans.push({ ...plan, settings: { ...plan.settings, untilDecided } });
  }
  return plans;
}

/** The decision lines first, then the table, the link comparison, the host's noise floor and where the files are. */
function printOutcome(outcome: ScenarioOutcome, calibration: CalibrationRecord | undefined): void {
  const { results, plan } = outcome;
  const color = useColor(process.stdout);
  if (outcome.effects.length) process.stdout.write(`\n${effectLines(outcome.effects, outcome.thresholdPercent, color).join('\n')}\n`);
  const what = comparesLinks(results) ? `${results.scenario.topology.links?.length ?? 0} link kinds` : results.scenario.topology.path;
  process.stdout.write(`\n${plan.scenario.name} (${what})\n${resultsTable(results, color, terminalWidth(process.stdout))}\n`);
  if (comparesLinks(results)) process.stdout.write(`\nlink kinds compared:\n${linkComparisonTable(results, color, terminalWidth(process.stdout))}\n`);
  // --until-decided sized its own rounds: the fixed-repetition line would describe a plan that did not run.
  if (!plan.settings.untilDecided) process.stdout.write(`${noiseFloorLines(calibration, plan).join('\n')}\n`);
  process.stdout.write(`results: ${outcome.runDir}/results.json\nreport: ${outcome.reportFile}\n`);
}

/** On a terminal the running trial's line is overwritten by its result; elsewhere one line per finished trial. */
function showProgress(event: ProgressEvent): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${progressLine(event)}${event.type === 'trial-end' ? '\n' : ''}`);
  else if (event.type === 'trial-end') process.stderr.write(`${progressLine(event)}\n`);
}

/** Returns the exit code: 0 all samples ok, 1 some failed, 130/143 interrupted by SIGINT/SIGTERM. */
export async function runCommand(files: string[], flags: RunFlags): Promise<number> {
  const startedAt = Date.now();
  if (files.length === 0 && !flags.resume) throw new InputError('vethbench run: name at least one scenario file, e.g. vethbench run scenarios/gro.ts');
  const sweepFlags = (['quick', 'repetitions', 'duration', 'omit', 'seed', 'filter', 'maxDuration'] as const).filter((f) => flags[f] !== undefined);
  if (flags.resume && sweepFlags.length) {
    throw new InputError(`--resume takes every setting from the run's journal; drop ${sweepFlags.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
  }
  if (flags.untilDecided && flags.repetitions !== undefined) throw new InputError('--until-decided chooses the repetitions itself; drop --repetitions (cap the rounds with --max-repetitions)');
  if (flags.maxRepetitions !== undefined && !flags.untilDecided) throw new InputError('--max-repetitions caps --until-decided; add --until-decided or use --repetitions');
  if (flags.resume && (flags.untilDecided || flags.maxRepetitions !== undefined)) throw new InputError('--resume continues the journal\'s own rule; drop --until-decided and --max-repetitions');
  const deadline = flags.budget === undefined ? undefined : startedAt + flags.budget * 1000;
  const runs: PlannedRun[] = flags.resume ? [await planResume(flags.resume, files)] : (await loadPlans(files, flags)).map((plan) => ({ plan, decisions: decisionsFor(plan) }));
  // Read before anything is measured: a damaged or foreign calibration is refused now, not after the sweep.
  const calibration = readCalibration(currentHostKey());
  const host = new ExecaHost();
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };

  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios(runs, {
    host, out: flags.out, signal, graceS: flags.grace, log, maxNeighbourCpu: flags.maxNeighbourCpu,
    ...(deadline === undefined ? {} : { deadline }),
    onProgress: (e) => showProgress(e),
    onOutcome: (outcome) => { if (!flags.json) printOutcome(outcome, calibration); },
  }, flags.threshold ?? 5));
  if (flags.json) process.stdout.write(`${JSON.stringify(runJson(outcomes), null, 2)}\n`);
  if (signalExit) return signalExit;
  const failed = outcomes.flatMap((o) => o.results.points.flatMap((p) => p.samples)).filter((s) => s.status === 'failed').length;
  if (failed) log(`${failed} sample(s) failed; the reasons are in results.json`);
  return failed ? 1 : 0;
}
