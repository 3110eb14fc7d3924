// runScenarios(): the one library entry that measures planned scenarios — preflight, host facts, per scenario a
// fresh prefix, the link-kind probe, the sweep, its effects, results.json and the HTML report. `vethbench run`,
// `vethbench nightly` and the tests call it and use the outcomes it returns (nothing re-reads them from disk).
import { release } from 'node:os';
import { existsSync, accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { probeLinkKinds } from '../host/capabilities.ts';
import type { Host } from '../host/host.ts';
import { assertPreflight, checkPreflight, toolVersionTexts } from '../host/preflight.ts';
import { writeRunReport } from '../files/report-files.ts';
import { writeFileAtomic } from '../host/store.ts';
import { kernelDefaultOf } from '../knobs/registry.ts';
import { collectHostFacts } from '../metadata/host-facts.ts';
import { needsNft } from '../net/build.ts';
import type { Plan } from '../plan/expand.ts';
import { planWarnings } from '../plan/warnings.ts';
import { remainingTrials } from '../files/resume.ts';
import type { Effect } from '../stats/effects.ts';
import { decidedEffects, fixedRepetitionEffects, type Decisions } from './decisions.ts';
import { freshRunPrefix } from './fresh-prefix.ts';
import { runPlan, type RoundSchedule, type RunOutcome } from './runner.ts';
import type { ProgressEvent } from '../plan/progress-event.ts';
import type { ResumeState } from '../results/resume-state.ts';
import type { RunResults } from '../results/schema.ts';

/** Programs every run needs; sockperf and nft only when a scenario uses them. */
export const RUN_BINARIES = ['ip', 'ss', 'ethtool', 'iperf3', 'sysctl', 'kill'];

export interface PlannedRun {
  plan: Plan;
  resume?: ResumeState | undefined;
  /** --until-decided's sequential bookkeeping; absent for a fixed number of repetitions. */
  decisions?: Decisions | undefined;
  /** vethbench tune: its race of rounds, and what it adds to results.json once sampling ends (its record, its effects). */
  schedule?: RoundSchedule | undefined;
  finish?: ((results: RunResults) => { effects: Effect[]; tune?: RunResults['tune'] }) | undefined;
}

export interface ScenarioRunOptions {
  host: Host;
  /** Where each run directory is created. */
  out: string;
  signal: AbortSignal;
  graceS?: number | undefined;
  /** Wall-clock end (ms since the epoch) of --budget, setup included. */
  deadline?: number | undefined;
  /** Awaited before and after each trial: scripts/fidelity.ts runs its hand-run samples there. */
  onProgress?: ((event: ProgressEvent) => void | Promise<void>) | undefined;
  /** One line for the person watching (stderr in the CLI). */
  log: (line: string) => void;
  /** Each scenario's outcome as soon as it is complete (the CLI prints it while the next one runs). */
  onOutcome?: ((outcome: ScenarioOutcome) => void) | undefined;
  /** --max-neighbour-cpu (cores); default 0.1. */
  maxNeighbourCpu?: number | undefined;
}

export interface ScenarioOutcome extends RunOutcome {
  plan: Plan;
  effects: Effect[];
  /** The threshold the effects were decided with (percent). */
  thresholdPercent: number;
  reportFile: string;
}

/** Before anything is probed or built: the nearest existing ancestor of `out` must be a writable directory. */
function assertWritableOutDir(out: string): void {
  let dir = resolve(out);
  while (!existsSync(dir)) dir = dirname(dir);
  const problem = !statSync(dir).isDirectory() ? 'ENOTDIR' : (() => {
    try { accessSync(dir, constants.W_OK); return undefined; } catch (error) { return (error as NodeJS.ErrnoException).code; }
  })();
  if (problem) throw new InputError(`--out ${out}: cannot create the run directory there (${problem} at ${dir}); choose a writable directory with --out`);
}

export async function runScenarios(runs: readonly PlannedRun[], options: ScenarioRunOptions, thresholdPercent = 5): Promise<ScenarioOutcome[]> {
  const { host, log, signal } = options;
  const sockperf = runs.some(({ plan }) => plan.points.some((point) => point.workload.tool === 'sockperf'));
  const nft = runs.some(({ plan }) => needsNft(plan.scenario.topology));
  const preflight = await checkPreflight(host, { needRoot: true, binaries: [...RUN_BINARIES, ...(sockperf ? ['sockperf'] : []), ...(nft ? ['nft'] : [])] });
  assertPreflight(preflight);
  assertWritableOutDir(options.out);
  for (const { plan } of runs) for (const w of planWarnings(plan, release())) log(`warning: ${plan.scenario.file}: ${w}`);

  const outcomes: ScenarioOutcome[] = [];
  const hostFacts = await collectHostFacts(host, toolVersionTexts(preflight));
  for (const { plan, resume, decisions, schedule, finish } of runs) {
    if (signal.aborted) break;
    const prefix = await freshRunPrefix(host);
    const capabilities = await probeLinkKinds(host, `${prefix}-cap`);
    log(`${plan.scenario.name}: ${resume ? `resuming ${resume.runDir}: ${remainingTrials(plan, resume.samples)} of ` : ''}${plan.trials.length} trials, prefix ${prefix}`);
    const outcome = await runPlan({
      host, plan, outDir: options.out, prefix, hostFacts, capabilities, signal, graceS: options.graceS,
      ...(resume ? { resume } : {}), ...(decisions ? { decisions } : {}), ...(schedule ? { schedule } : {}), ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.maxNeighbourCpu === undefined ? {} : { maxNeighbourCpu: options.maxNeighbourCpu }),
    });
    const threshold = plan.settings.untilDecided?.thresholdPercent ?? plan.settings.thresholdPercent ?? thresholdPercent;
    const samples = outcome.results.points.flatMap((p) => p.samples);
    const extra = finish ? finish(outcome.results) : { effects: decisions ? decidedEffects(decisions, plan.points, samples) : fixedRepetitionEffects(plan.points, samples, threshold, kernelDefaultOf, plan.scenario.gate) };
    const { effects } = extra;
    // results.json carries the effects too (written whole again, atomically): what --json, compare and the report read.
    const results = { ...outcome.results, ...extra };
    writeFileAtomic(`${outcome.runDir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
    const reportFile = writeRunReport(`${outcome.runDir}/results.json`);
    if (outcome.stoppedBecause) log(`${plan.scenario.name}: sampling stopped: ${outcome.stoppedBecause}`);
    const done: ScenarioOutcome = { ...outcome, results, plan, effects, thresholdPercent: threshold, reportFile };
    outcomes.push(done);
    options.onOutcome?.(done);
  }
  return outcomes;
}
