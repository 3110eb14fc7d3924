// Reads an interrupted run's journal for `vethbench run --resume`: its header, the samples it holds, and checks
// that the scenario file is still the one that was run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import type { Plan } from '../plan/expand.ts';
import type { ResumeState } from '../results/resume-state.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { readJournal } from '../results/journal.ts';
import type { JournalRecord, Sample } from '../results/schema.ts';

export function readResumeState(runDir: string): ResumeState & { points: Extract<JournalRecord, { type: 'run' }>['points'] } {
  const path = join(runDir, 'journal.jsonl');
  if (!existsSync(path)) throw new InputError(`--resume ${runDir}: no journal.jsonl there; name a run directory such as reports/gro-20261127T210739Z`);
  const records = readJournal(path);
  const head = records[0];
  if (head?.type !== 'run') throw new InputError(`--resume ${runDir}: ${path} does not start with a run header; it is not a vethbench journal`);
  const samples = records.flatMap((r) => (r.type === 'sample' ? [r.sample] : []));
  const resumed = records.flatMap((r) => (r.type === 'resume' ? [{ prefix: r.prefix, startedAt: r.startedAt }] : []));
  const header = { ...head.results, run: { ...head.results.run, ...(resumed.length ? { resumed } : {}) } };
  return { runDir, header, samples, points: head.points };
}

/** Refuses when the scenario changed: a resumed run must measure exactly what the first part measured. */
export function checkResumable(state: ReturnType<typeof readResumeState>, scenario: Scenario, plan: Plan): void {
  const was = state.header.scenario.sourceSha256;
  if (scenario.sourceSha256 !== was) {
    throw new InputError(`--resume ${state.runDir}: ${scenario.file} changed since the run started (sha256 ${was.slice(0, 12)} then, ${scenario.sourceSha256.slice(0, 12)} now); start a new run instead`);
  }
  const keys = (list: { key: string }[]): string => list.map((p) => p.key).join('\n');
  if (keys(plan.points) !== keys(state.points)) {
    throw new InputError(`--resume ${state.runDir}: the points no longer match the journal (vethbench was upgraded?); start a new run instead`);
  }
}

export function remainingTrials(plan: Plan, samples: readonly Sample[]): number {
  const done = new Set(samples.map((s) => s.trial));
  return plan.trials.filter((t) => !done.has(t.index)).length;
}
