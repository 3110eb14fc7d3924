// `vethbench tune SCENARIO --objective METRIC`: validate everything first (bad input exits 2 before anything is
// built), then race the scenario's knob space for one link kind and workload on the ordinary runner
// (src/run/tune-schedule.ts), confirm the recommendation against the host's defaults in fresh rounds, store the
// search in results.json and print the recommendation with how to apply it.
import { randomInt } from 'node:crypto';
import { InputError } from '../errors.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { refuseBeyondHostLimits } from '../files/host-limits.ts';
import { loadScenario } from '../files/load-scenario.ts';
import { metricSpec } from '../metrics/registry.ts';
import { duration } from '../metrics/format.ts';
import { TOPOLOGY_OVERHEAD_S, TRIAL_OVERHEAD_S, type Plan } from '../plan/expand.ts';
import { progressLine } from '../report/terminal/progress.ts';
import { tuneSummaryLines } from '../report/terminal/tune-summary.ts';
import type { RunResults } from '../results/schema.ts';
import { decisionMetrics } from '../run/effect-points.ts';
import type { ProgressEvent } from '../plan/progress-event.ts';
import { runScenarios } from '../run/run-scenarios.ts';
import { candidateSamples, screeningTrials, TuneSchedule, type TuneSetup } from '../run/tune-schedule.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { planSequential } from '../stats/sequential.ts';
import { linkName } from '../topology/link-kinds.ts';
import { tuneApplyLines } from '../tune/apply.ts';
import { tuneSpace } from '../tune/candidates.ts';
import { tuneJson } from '../tune/tune-json.ts';
import { tuneOutcome } from '../tune/record.ts';
import { untilInterrupted } from './interrupt.ts';
import { planFromFlags } from './run-settings.ts';

/** Seconds of setup beyond the trials (preflight, probes, builds), for the budget check. */
const SETUP_S = 15;

export interface TuneFlags {
  objective?: string;
  workload?: string;
  link?: string;
  /** Seconds. */
  budget: number;
  threshold: number;
  maxRepetitions: number;
  maxCandidates: number;
  confirmRounds: number;
  duration?: number;
  omit?: number;
  seed?: number;
  filter?: Record<string, string[]>;
  out: string;
  grace?: number;
  json?: boolean;
}

export interface PreparedTune {
  plan: Plan;
  setup: Omit<TuneSetup, 'deadline'>;
  seed: number;
}

function objectiveOf(flags: TuneFlags, scenario: Scenario, workload: Scenario['workloads'][number]): { metric: string; direction: 'higher' | 'lower' } {
  const suggest = () => `; for workload ${workload.label} use one of ${decisionMetrics(workload).map((m) => m.name).join(', ')} (or another registry metric with a direction)`;
  if (!flags.objective) throw new InputError(`vethbench tune ${scenario.file}: --objective is required${suggest()}, e.g. --objective ${decisionMetrics(workload)[0]?.name ?? 'throughputBps'}`);
  const spec = metricSpec(flags.objective);
  if (!spec) throw new InputError(`--objective ${flags.objective}: not a metric of the registry (src/metrics/registry.ts)${suggest()}`);
  if (spec.direction === 'none') throw new InputError(`--objective ${flags.objective}: ${spec.label} has no better direction (it only describes the run)${suggest()}`);
  return { metric: flags.objective, direction: spec.direction };
}

function pick<T>(flag: string, given: string | undefined, all: readonly T[], name: (t: T) => string, file: string, what: string): T {
  if (given !== undefined) {
    const found = all.find((t) => name(t) === given);
    if (!found) throw new InputError(`--${flag} ${given}: ${file} has no ${what} ${given}; use one of ${all.map(name).join(', ')}`);
    return found;
  }
  if (all.length > 1) throw new InputError(`${file}: has ${all.length} ${what}s (${all.map(name).join(', ')}); name the one to tune with --${flag} ${name(all[0]!)}`);
  return all[0]!;
}

/** Everything checked and planned; nothing touches the host. */
export async function prepareTune(file: string, flags: TuneFlags): Promise<PreparedTune> {
  const scenario = await loadScenario(file);
  refuseBeyondHostLimits(scenario);
  const workload = pick('workload', flags.workload, scenario.workloads, (w) => w.label, scenario.file, 'workload');
  const link = pick('link', flags.link, scenario.links.map(linkName), (l) => l, scenario.file, 'link kind');
  const { metric, direction } = objectiveOf(flags, scenario, workload);
  const seed = flags.seed ?? randomInt(2 ** 31);
  const sequential = planSequential({ familySize: 1, thresholdPercent: flags.threshold, maxRepetitions: flags.maxRepetitions });
  const firstLook = sequential.looks[0]!;
  const base = planFromFlags(scenario, { repetitions: firstLook, warmup: 0, ...(flags.duration ? { duration: flags.duration } : {}), ...(flags.omit !== undefined ? { omit: flags.omit } : {}), seed, ...(flags.filter ? { filter: flags.filter } : {}) }, seed);
  const space = tuneSpace(base.points, link, workload.label, { maxCandidates: flags.maxCandidates, seed });
  if (space.candidates.length < 2) throw new InputError(`${scenario.file}: workload ${workload.label} on ${link} has ${space.candidates.length} point: nothing to tune; sweep at least one knob with two values in matrix (or loosen --filter)`);
  const family = planSequential({ familySize: space.candidates.length - 1, thresholdPercent: flags.threshold, maxRepetitions: flags.maxRepetitions });
  const trialSeconds = base.settings.durationS + base.settings.omitS + TRIAL_OVERHEAD_S;
  const trials = screeningTrials(space, firstLook, seed);
  const needed = (trials.length + 2 * flags.confirmRounds) * trialSeconds + SETUP_S;
  if (needed > flags.budget) {
    throw new InputError(`--budget ${flags.budget}s: screening ${space.candidates.length} candidates × ${firstLook} rounds and ${flags.confirmRounds} confirmation rounds take about ${duration(needed)} at ${trialSeconds} s per trial; raise --budget, lower --max-candidates, shorten --duration or narrow with --filter`);
  }
  const extra = space.candidates.includes(space.defaults) ? [] : [space.defaults];
  const plan: Plan = {
    ...base,
    points: [...space.candidates, ...extra],
    trials,
    estimatedSeconds: Math.min(flags.budget, trials.length * trialSeconds + TOPOLOGY_OVERHEAD_S),
    settings: { ...base.settings, repetitions: firstLook, warmupRepetitions: 0, untilDecided: { thresholdPercent: flags.threshold, maxRepetitions: flags.maxRepetitions, budgetS: flags.budget } },
  };
  return { plan, seed, setup: { metric, direction, space, sequential: family, confirmRounds: flags.confirmRounds, trialSeconds } };
}

/** The search record and its confirmation effect, from the samples the run ended with. */
export function finishTune(schedule: TuneSchedule, prepared: PreparedTune, results: RunResults, maxRounds: number) {
  const samples = results.points.flatMap((p) => p.samples);
  if (schedule.phase === 'race') schedule.endRace(samples, `sampling stopped before the race was decided (${results.run.reason ?? 'the budget is spent'})`);
  const race = schedule.raceNow(samples);
  const { space, metric, direction, sequential } = schedule.setup;
  const recommendation = schedule.recommendation!;
  const recommended = [...space.candidates, space.defaults].find((p) => p.id === recommendation.recommended)!;
  const { lines: known, missing } = tuneApplyLines(recommended.knobs);
  // A family without apply lines yet: say so in the output rather than leave the knob out silently.
  const lines = [...known, ...missing.map((knob) => ({ knob, value: recommended.knobs[knob]!, command: `(no apply line known for ${knob} yet: set it as the scenario did, see vethbench plan)`, persistent: [] }))];
  return tuneOutcome({
    metric, direction, thresholdPercent: sequential.thresholdPercent, seed: prepared.seed, space, sequential, race, recommendation,
    raceStopped: schedule.raceStopped, confirmFrom: schedule.confirmFrom,
    raceSamples: space.candidates.map((p) => candidateSamples(p, metric, samples, 0, schedule.confirmFrom)),
    confirmation: { recommended: candidateSamples(recommended, metric, samples, schedule.confirmFrom), defaults: candidateSamples(space.defaults, metric, samples, schedule.confirmFrom) },
    applyLines: lines, maxRounds,
  });
}

function showProgress(event: ProgressEvent): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${progressLine(event)}${event.type === 'trial-end' ? '\n' : ''}`);
  else if (event.type === 'trial-end') process.stderr.write(`${progressLine(event)}\n`);
}

/** 0 a recommendation, 1 some samples failed, 4 nothing could be judged (no look reached, every candidate failed), 130/143 interrupted. */
export async function tuneCommand(file: string, flags: TuneFlags): Promise<number> {
  const startedAt = Date.now();
  const prepared = await prepareTune(file, flags);
  const deadline = startedAt + flags.budget * 1000;
  const schedule = new TuneSchedule({ ...prepared.setup, deadline });
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const { space } = prepared.setup;
  log(`${prepared.plan.scenario.name}: racing ${space.candidates.length} candidate(s) on ${prepared.setup.metric}, budget ${duration(flags.budget)}${space.sampledNote ? `; ${space.sampledNote}` : ''}`);
  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios([{
    plan: prepared.plan, schedule, finish: (results) => {
      const { record, effects } = finishTune(schedule, prepared, results, flags.maxRepetitions);
      return { effects, tune: record };
    },
  }], { host: new ExecaHost(), out: flags.out, signal, graceS: flags.grace, log, deadline, onProgress: showProgress }, flags.threshold));
  const outcome = outcomes[0];
  if (!outcome?.results.tune) return signalExit || 4;
  const record = outcome.results.tune;
  const confirmation = outcome.results.effects?.find((e) => e.id === record.confirmationEffect);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(tuneJson(outcome.results, outcome.runDir), null, 2)}\n`);
  } else {
    process.stdout.write(`\n${tuneSummaryLines(record, confirmation).join('\n')}\nresults: ${outcome.runDir}/results.json\nreport: ${outcome.reportFile}\n`);
  }
  if (signalExit) return signalExit;
  if (record.looks.length === 0) { log('no look of the race was reached: nothing can be judged (exit 4)'); return 4; }
  const failed = outcome.results.points.flatMap((p) => p.samples).filter((s) => s.status === 'failed').length;
  if (failed) log(`${failed} sample(s) failed; the reasons are in results.json`);
  return failed ? 1 : 0;
}
