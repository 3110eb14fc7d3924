// Walks a plan's trials, journals every sample the moment it exists, and always leaves the host as found.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VethbenchError } from '../errors.ts';
import type { KindSupport } from '../host/capabilities.ts';
import type { Host } from '../host/host.ts';
import type { HostFacts } from '../metadata/host-facts.ts';
import { restoreSysctls } from '../knobs/sysctl-journal.ts';
import { teardownNamespaces } from '../net/teardown.ts';
import type { Plan, Point, Trial } from '../plan/expand.ts';
import { pointSkipReason, resolveLinkTopologies } from '../plan/link-topologies.ts';
import { assemblePoints } from '../results/assemble.ts';
import { JournalWriter } from '../results/journal.ts';
import { SCHEMA_VERSION, type RunResults, type RunStatus, type Sample } from '../results/types.ts';
import { VERSION } from '../version.ts';
import { removeLiveState, writeLiveState } from './live-state.ts';
import { portForPrefix, runDirName } from './run-id.ts';
import { closeSession, openSession, type Session } from './session.ts';
import { runTrial } from './trial.ts';

export type ProgressEvent =
  | { type: 'trial-start'; trial: Trial; point: Point; total: number; etaSeconds: number }
  | { type: 'trial-end'; trial: Trial; point: Point; total: number; sample: Sample; etaSeconds: number };

export interface RunOptions {
  host: Host;
  plan: Plan;
  outDir: string;
  prefix: string;
  hostFacts: HostFacts | undefined;
  capabilities: KindSupport[];
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  now?: () => Date;
}

export interface RunOutcome {
  runDir: string;
  results: RunResults;
}

function writeResultsFile(runDir: string, results: RunResults): void {
  const tmp = join(runDir, 'results.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(tmp, join(runDir, 'results.json'));
}

export async function runPlan(options: RunOptions): Promise<RunOutcome> {
  const { host, plan, prefix, signal } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const runDir = join(options.outDir, runDirName(plan.scenario.name, startedAt));
  try {
    mkdirSync(runDir, { recursive: true });
  } catch (error) {
    throw new VethbenchError(`--out ${options.outDir}: cannot create the run directory ${runDir} (${(error as NodeJS.ErrnoException).code}); choose a writable directory with --out`, 2);
  }
  // Every link kind has its own namespaces; all of them are in the live state before any is created.
  const topologies = resolveLinkTopologies(plan.scenario, prefix);
  const topology = [...topologies.values()][0]!;
  const namespaces = [...topologies.values()].flatMap((t) => t.namespaces.map((n) => n.name));
  const port = portForPrefix(prefix);
  const header: Omit<RunResults, 'points'> = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vethbench', version: VERSION },
    run: { id: runDir.split('/').pop()!, prefix, status: 'interrupted', startedAt: startedAt.toISOString(), finishedAt: startedAt.toISOString(), settings: plan.settings, estimatedSeconds: plan.estimatedSeconds, port },
    scenario: { name: plan.scenario.name, description: plan.scenario.description, file: plan.scenario.file, sourceSha256: plan.scenario.sourceSha256, topology: { kind: topology.kind, path: topology.path, links: [...topologies.values()].map((t) => ({ link: t.link, path: t.path })) } },
    host: options.hostFacts,
    capabilities: options.capabilities,
  };
  const journal = new JournalWriter(join(runDir, 'journal.jsonl'));
  journal.append({ type: 'run', results: header, points: plan.points.map(({ id, key, label, link, workload, knobs }) => ({ id, key, label, link, workload, requested: knobs })) });
  writeLiveState({ prefix, pid: process.pid, startedAt: startedAt.toISOString(), namespaces, outDir: runDir });

  const samples: Sample[] = [];
  const points = new Map(plan.points.map((p) => [p.id, p]));
  const timing = { durationS: plan.settings.durationS, omitS: plan.settings.omitS };
  const sessions = new Map<string, Session>();
  /** The link's topology stays up across trials; it is built on first use and rebuilt after a failed trial. */
  const sessionFor = async (link: string): Promise<Session> => {
    const open = sessions.get(link);
    if (open) return open;
    const session = await openSession(host, topologies.get(link)!, port);
    sessions.set(link, session);
    return session;
  };
  const closeAll = async (): Promise<string[]> => {
    const problems = (await Promise.all([...sessions.values()].map((s) => closeSession(host, s)))).flat();
    sessions.clear();
    return problems;
  };
  let status: RunStatus = 'complete';
  let reason: string | undefined;
  let outcome!: RunOutcome;
  const loopStarted = Date.now();
  /** Seconds left after `done` trials: the plan's estimate until one trial has been timed, then the measured pace. */
  const eta = (done: number): number =>
    done === 0 ? plan.estimatedSeconds : ((Date.now() - loopStarted) / 1000 / done) * (plan.trials.length - done);
  try {
    for (const trial of plan.trials) {
      if (signal.aborted) break;
      const point = points.get(trial.pointId)!;
      options.onProgress?.({ type: 'trial-start', trial, point, total: plan.trials.length, etaSeconds: eta(trial.index) });
      let sample: Sample | undefined;
      const skip = pointSkipReason(plan.scenario, point, options.capabilities);
      if (skip) sample = { pointId: point.id, trial: trial.index, repetition: trial.repetition, startedAt: now().toISOString(), durationMs: 0, status: 'skipped', reason: skip };
      else try {
        const session = await sessionFor(point.link);
        sample = await runTrial({ host, session, timing, sides: plan.scenario.sides, runDir, signal }, point, trial);
      } catch (error) {
        if (signal.aborted) break;
        sample = { pointId: point.id, trial: trial.index, repetition: trial.repetition, startedAt: now().toISOString(), durationMs: 0, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
      if (!sample) break;
      journal.append({ type: 'sample', sample });
      samples.push(sample);
      if (sample.status === 'failed') await closeAll();
      options.onProgress?.({ type: 'trial-end', trial, point, total: plan.trials.length, sample, etaSeconds: eta(trial.index + 1) });
    }
    if (signal.aborted) {
      status = 'interrupted';
      reason = `interrupted (${String(signal.reason ?? 'signal')}) after ${samples.length} of ${plan.trials.length} samples`;
    }
  } catch (error) {
    status = 'failed';
    reason = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    await closeAll();
    const left = [...await teardownNamespaces(host, namespaces), ...(await restoreSysctls(host, 'self')).problems];
    if (left.length === 0) removeLiveState(prefix);
    journal.close();
    const results: RunResults = {
      ...header,
      run: { ...header.run, status, ...(reason ? { reason } : {}), ...(left.length ? { teardownProblems: left } : {}), finishedAt: now().toISOString() },
      points: assemblePoints(plan.points, samples),
    };
    // Written even when the loop threw: every finished sample reaches results.json.
    writeResultsFile(runDir, results);
    outcome = { runDir, results };
  }
  return outcome;
}
