// Walks a plan's trials, journals every sample the moment it exists, and always leaves the host as found.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OutputError, VethbenchError } from '../errors.ts';
import type { KindSupport } from '../topology/kernel-kinds.ts';
import type { Host } from '../host/host.ts';
import { restoreSysctls } from '../files/sysctl-journal.ts';
import type { HostFacts } from '../metadata/host-facts.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import { TRIAL_OVERHEAD_S, type Plan, type Trial } from '../plan/expand.ts';
import { pointSkipReason, resolveLinkTopologies } from '../plan/link-topologies.ts';
import { planWarnings } from '../plan/warnings.ts';
import { assemblePoints } from '../plan/assemble.ts';
import { JournalWriter } from '../results/journal.ts';
import { SCHEMA_VERSION, type JournalRecord, type RunResults, type RunStatus, type Sample } from '../results/schema.ts';
import type { ResumeState } from '../results/resume-state.ts';
import type { ProgressEvent } from '../plan/progress-event.ts';

import type { ResolvedTopology } from '../topology/resolve.ts';
import { VERSION } from '../version.ts';
import { measureWithRetry } from './attempts.ts';
import { InterferenceGuard } from './interference-guard.ts';
import { DEFAULT_MAX_NEIGHBOUR_CPU } from '../stats/interference.ts';
import { removeLiveState, writeLiveState } from './live-state.ts';
import { portForPrefix, runDirName } from './run-id.ts';
import { runNamespaces } from './run-namespaces.ts';
import { nextRound, type Decisions, type NextRound } from './decisions.ts';
import { SessionPool, TOPOLOGY_WARMUP_S } from './session-pool.ts';
import { knobShell } from '../files/knob-shell.ts';


/** After each batch: the next round of trials over the points still needed, or why sampling stops (--until-decided, tune). */
export interface RoundSchedule {
  next(plan: Plan, samples: readonly Sample[], journal: (record: JournalRecord) => void): NextRound;
}

export interface RunOptions {
  host: Host;
  plan: Plan;
  outDir: string;
  prefix: string;
  hostFacts: HostFacts | undefined;
  capabilities: KindSupport[];
  signal: AbortSignal;
  resume?: ResumeState | undefined;
  /** Seconds a client may run past duration + omit before it is killed. */
  graceS?: number | undefined;
  /** Awaited before and after each trial: scripts/fidelity.ts runs its hand-run samples there. */
  onProgress?: ((event: ProgressEvent) => void | Promise<void>) | undefined;
  now?: () => Date;
  /** --until-decided: after the plan's trials, more rounds over the points whose effects are undecided. */
  decisions?: Decisions | undefined;
  /** Another schedule of rounds (vethbench tune's race); takes the place of `decisions`. */
  schedule?: RoundSchedule | undefined;
  /** --budget: epoch ms after which no trial starts (and no round that would not end before it). */
  deadline?: number | undefined;
  /** --max-neighbour-cpu (cores): a sample during which neighbours used more is contaminated. */
  maxNeighbourCpu?: number | undefined;
  /** Seconds of the warm-up run after each topology build; default: TOPOLOGY_WARMUP_S when there are no warm-up rounds. Tests that count tool calls set 0. */
  topologyWarmupS?: number | undefined;
}

export interface RunOutcome {
  runDir: string;
  results: RunResults;
  /** --until-decided: why sampling stopped ("every effect decided", the budget, the maximum). */
  stoppedBecause?: string;
}

function writeResultsFile(runDir: string, results: RunResults): void {
  const tmp = join(runDir, 'results.json.tmp');
  try {
    writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(tmp, join(runDir, 'results.json'));
  } catch (error) {
    throw new OutputError(join(runDir, 'results.json'), error);
  }
}

function createRunDir(outDir: string, runDir: string): void {
  try {
    mkdirSync(runDir, { recursive: true });
  } catch (error) {
    throw new VethbenchError(`--out ${outDir}: cannot create the run directory ${runDir} (${(error as NodeJS.ErrnoException).code}); choose a writable directory with --out`, 2);
  }
}

/** The flag, else what the run being resumed used, else the default. */
function guardLimit(options: RunOptions): number {
  return options.maxNeighbourCpu ?? options.plan.settings.maxNeighbourCpu ?? DEFAULT_MAX_NEIGHBOUR_CPU;
}

function newHeader(options: RunOptions, runDir: string, startedAt: Date, topologies: readonly ResolvedTopology[]): Omit<RunResults, 'points'> {
  const { plan, prefix } = options;
  const first = topologies[0]!;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vethbench', version: VERSION },
    run: { id: runDir.split('/').pop()!, prefix, status: 'interrupted', startedAt: startedAt.toISOString(), finishedAt: startedAt.toISOString(), settings: { ...plan.settings, maxNeighbourCpu: guardLimit(options) }, planWarnings: planWarnings(plan), estimatedSeconds: plan.estimatedSeconds, port: portForPrefix(prefix) },
    scenario: { name: plan.scenario.name, description: plan.scenario.description, file: plan.scenario.file, sourceSha256: plan.scenario.sourceSha256, topology: { kind: first.kind, path: first.path, links: topologies.map((t) => ({ link: t.link, path: t.path })) }, ...(plan.scenario.gate ? { gate: [...plan.scenario.gate] } : {}) },
    host: options.hostFacts,
    capabilities: options.capabilities,
  };
}

export async function runPlan(options: RunOptions): Promise<RunOutcome> {
  const { host, plan, prefix, signal, resume } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const runDir = resume?.runDir ?? join(options.outDir, runDirName(plan.scenario.name, startedAt));
  if (!resume) createRunDir(options.outDir, runDir);
  // Every link kind has its own namespaces; all of them are in the live state before any is created.
  const topologies = resolveLinkTopologies(plan.scenario, prefix);
  const namespaces = runNamespaces(plan, prefix, [...topologies.values()]);
  // On --resume the guard's limit in force is recorded (each sample keeps its own contaminated flag).
  const header = resume
    ? { ...resume.header, run: { ...resume.header.run, settings: { ...resume.header.run.settings, maxNeighbourCpu: guardLimit(options) } } }
    : newHeader(options, runDir, startedAt, [...topologies.values()]);
  const resumed = resume ? [...(header.run.resumed ?? []), { prefix, startedAt: startedAt.toISOString() }] : undefined;

  let journal: JournalWriter;
  const append = (record: JournalRecord): void => {
    try {
      journal.append(record);
    } catch (error) {
      throw new OutputError(journal.path, error);
    }
  };
  try {
    journal = new JournalWriter(join(runDir, 'journal.jsonl'));
  } catch (error) {
    throw new OutputError(join(runDir, 'journal.jsonl'), error);
  }
  if (resume) append({ type: 'resume', prefix, startedAt: startedAt.toISOString() });
  else append({ type: 'run', results: header, points: plan.points.map(({ id, key, label, link, workload, knobs }) => ({ id, key, label, link, workload, requested: knobs })) });
  writeLiveState({ prefix, pid: process.pid, startedAt: startedAt.toISOString(), namespaces, outDir: runDir });

  const samples: Sample[] = [...(resume?.samples ?? [])];
  const done = new Set(samples.map((s) => s.trial));
  const todo = plan.trials.filter((t) => !done.has(t.index));
  const points = new Map(plan.points.map((p) => [p.id, p]));
  const port = portForPrefix(prefix);
  // Without discarded rounds per point (the default): each topology is warmed up once, briefly, when it is built.
  const warmupS = options.topologyWarmupS ?? (!plan.settings.warmupRepetitions ? Math.min(TOPOLOGY_WARMUP_S, Math.max(1, plan.settings.durationS)) : 0);
  const pool = new SessionPool(host, (link) => topologies.get(link)!, port, warmupS);
  const guard = new InterferenceGuard(prefix, guardLimit(options));
  const shell = knobShell();
  const timing = { durationS: plan.settings.durationS, omitS: plan.settings.omitS, graceS: options.graceS ?? 10 };
  let status: RunStatus = 'complete';
  let reason: string | undefined;
  let outcome!: RunOutcome;
  const loopStarted = Date.now();
  /** Seconds left after `finished` trials of this process: the estimate until one is timed, then the measured pace. */
  // --until-decided adds rounds one at a time: the ETA covers the trials planned so far.
  let planned = todo.length;
  const eta = (finished: number): number => finished === 0
    ? (plan.estimatedSeconds * todo.length) / Math.max(1, plan.trials.length)
    : Math.max(0, ((Date.now() - loopStarted) / 1000 / finished) * (planned - finished));
  const trialSeconds = plan.settings.durationS + plan.settings.omitS + TRIAL_OVERHEAD_S;
  let stoppedBecause: string | undefined;
  /** The next batch of trials: the plan's own first, then (--until-decided) one round at a time. */
  const batches = function* (): Generator<Trial[]> {
    yield todo;
    const { decisions } = options;
    const schedule = options.schedule ?? (decisions ? { next: (p: Plan, s: readonly Sample[], j: (r: JournalRecord) => void) => nextRound(decisions, p, s, j) } : undefined);
    if (!schedule) return;
    for (;;) {
      const next = schedule.next(plan, samples, append);
      if (next.stop !== undefined) { stoppedBecause = next.stop; return; }
      const left = options.deadline === undefined ? Infinity : options.deadline - Date.now();
      if (next.trials.length * trialSeconds * 1000 > left) { stoppedBecause = `the budget ends before another round of ${next.trials.length} trial(s)`; return; }
      planned += next.trials.length;
      yield next.trials;
    }
  };
  let finished = 0;
  let lost = false;
  try {
    for (const batch of batches()) {
      const total = Math.max(plan.trials.length, (batch.at(-1)?.index ?? 0) + 1);
      for (const trial of batch) {
        if (signal.aborted) break;
        if (options.deadline !== undefined && Date.now() >= options.deadline) { stoppedBecause = 'the budget is spent'; break; }
        const point = points.get(trial.pointId)!;
        const i = finished++;
        await options.onProgress?.({ type: 'trial-start', trial, point, total, etaSeconds: eta(i) });
        const skip = pointSkipReason(plan.scenario, point, options.capabilities);
        const sample: Sample | undefined = skip
          ? { pointId: point.id, trial: trial.index, repetition: trial.repetition, ...(trial.warmup ? { warmup: true as const } : {}), startedAt: now().toISOString(), durationMs: 0, status: 'skipped', reason: skip }
          : await measureWithRetry({ host, pool, timing, sides: plan.scenario.sides, knobShell: shell, runDir, signal, now, guard }, point, trial);
        if (!sample) { lost = true; break; }
        append({ type: 'sample', sample });
        samples.push(sample);
        await options.onProgress?.({ type: 'trial-end', trial, point, total, sample, etaSeconds: eta(i + 1) });
      }
      if (signal.aborted || stoppedBecause || lost) break;
    }
    if (signal.aborted) {
      status = 'interrupted';
      reason = `interrupted (${String(signal.reason ?? 'signal')}) after ${samples.length} of ${plan.trials.length} samples; continue with: vethbench run --resume ${runDir}`;
    }
  } catch (error) {
    status = 'failed';
    reason = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    const left = [...await pool.closeAll(), ...await teardownNamespaces(host, namespaces), ...(await restoreSysctls(host, 'self')).problems];
    if (left.length === 0) removeLiveState(prefix);
    journal.close();
    const results: RunResults = {
      ...header,
      run: {
        ...header.run, status, finishedAt: now().toISOString(),
        ...(reason ? { reason } : {}), ...(resumed ? { resumed } : {}), ...(left.length ? { teardownProblems: left } : {}),
      },
      points: assemblePoints(plan.points, samples),
    };
    // Written even when the loop threw: every finished sample reaches results.json (unless the disk is the problem).
    try {
      writeResultsFile(runDir, results);
    } catch (error) {
      if (status !== 'failed') throw error;
    }
    outcome = { runDir, results, ...(stoppedBecause ? { stoppedBecause } : {}) };
  }
  return outcome;
}
