// Root, real namespaces: a sweep while a CPU-bound neighbour (started outside the run's process tree, stopped by
// pid) runs for part of it — exactly those samples are contaminated and the summary leaves them out; on an idle
// run fewer than 2 % are. Run under the traffic lock (flock /tmp/vethbench-traffic.lock).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { runSettings } from '../../src/cli/run-settings.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import { runScenarios } from '../../src/run/run-scenarios.ts';
import type { ProgressEvent } from '../../src/plan/progress-event.ts';
import { interferenceSnapshot } from '../../src/metadata/interference-snapshot.ts';
import { interferenceBetween } from '../../src/stats/interference.ts';
import { needsRoot, tempDir } from '../helpers/host-state.ts';

const SCENARIO = 'test/fixtures/scenarios/integration-interference.ts';

/** A busy loop reparented to init (the shell that forked it exits): a neighbour, not part of the run's tree. */
function startNeighbour(): number {
  const pid = Number(execFileSync('sh', ['-c', 'sh -c "while :; do :; done" >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).trim());
  assert.ok(pid > 1, `neighbour pid ${pid}`);
  return pid;
}

async function sweep(repetitions: number, onProgress?: (e: ProgressEvent) => void): Promise<RunResults> {
  const scenario = await loadScenario(SCENARIO);
  const plan = expandPlan(scenario, runSettings(scenario, { repetitions }, 7));
  const [outcome] = await runScenarios([{ plan }], { host: new ExecaHost(), out: tempDir('interference'), signal: new AbortController().signal, log: () => {}, ...(onProgress ? { onProgress } : {}) });
  assert.ok(outcome);
  return outcome.results;
}

/** Neighbours over 3 s before the test: on a shared machine the guard is right to flag everything, so skip there. */
async function busyBefore(): Promise<string | undefined> {
  const a = await interferenceSnapshot();
  await new Promise((r) => setTimeout(r, 3000));
  const b = await interferenceSnapshot();
  const cpu = a && b ? interferenceBetween(a, b) : undefined;
  if (!cpu) return 'cannot read /proc/stat';
  return cpu.neighbourCores > 0.05 ? `the host is not quiet (neighbours used ${cpu.neighbourCores.toFixed(2)} core(s) over 3 s before the test): every sample would rightly be contaminated` : undefined;
}

const samplesOf = (r: RunResults): Sample[] => r.points.flatMap((p) => p.samples).sort((a, b) => a.trial - b.trial);
const figure = (s: Sample) => `#${s.trial} ${s.interference ? s.interference.neighbourCores.toFixed(2) : '?'}${s.contaminated ? '*' : ''}`;

test('a CPU-bound neighbour during trials 4–9: exactly those samples are contaminated, kept, and left out of the summary', { skip: needsRoot, timeout: 180_000 }, async (t) => {
  const notQuiet = await busyBefore();
  if (notQuiet) { t.skip(notQuiet); return; }
  let neighbour: number | undefined;
  const results = await sweep(8, (e) => {
    if (e.type === 'trial-start' && e.trial.index === 4) neighbour = startNeighbour();
    if (e.type === 'trial-end' && e.trial.index === 9 && neighbour) { process.kill(neighbour, 'SIGKILL'); neighbour = undefined; }
  }).finally(() => { if (neighbour) process.kill(neighbour, 'SIGKILL'); });
  const samples = samplesOf(results);
  console.log(`neighbour cores per sample (* contaminated): ${samples.map(figure).join(' ')}`);
  assert.equal(samples.length, 16);
  for (const s of samples) assert.ok(s.interference, `sample ${s.trial} has its interference record`);
  const busy = samples.filter((s) => s.trial >= 4 && s.trial <= 9);
  for (const s of busy) {
    assert.equal(s.contaminated, true, `sample ${s.trial} ran beside the neighbour: ${figure(s)}`);
    assert.ok(s.interference!.neighbourCores > 0.5, `the neighbour's ~1 core is seen: ${figure(s)}`);
    assert.ok(s.metrics?.throughputBps, 'a contaminated sample keeps its figures');
  }
  const quiet = samples.filter((s) => s.trial < 4 || s.trial > 9);
  assert.ok(quiet.filter((s) => s.contaminated).length <= 1, `before and after the neighbour: ${quiet.map(figure).join(' ')}`);
  for (const p of results.points) {
    const clean = p.samples.filter((s) => s.status === 'ok' && !s.contaminated).length;
    assert.equal(p.summary.throughputBps?.n, clean, `${p.label}: the summary counts the ${clean} clean samples only`);
  }
});

test('an idle run: fewer than 2 % of 60 samples are contaminated', { skip: needsRoot, timeout: 240_000 }, async (t) => {
  const notQuiet = await busyBefore();
  if (notQuiet) { t.skip(notQuiet); return; }
  const samples = samplesOf(await sweep(30));
  const dirty = samples.filter((s) => s.contaminated);
  const mean = samples.reduce((a, s) => a + (s.interference?.neighbourCores ?? 0), 0) / samples.length;
  console.log(`idle: ${dirty.length} of ${samples.length} contaminated (${(100 * dirty.length / samples.length).toFixed(1)} %), mean neighbour ${mean.toFixed(3)} core(s); ${dirty.map(figure).join(' ')}`);
  assert.ok(dirty.length / samples.length < 0.02, `${dirty.length} of ${samples.length}: ${dirty.map(figure).join(' ')}`);
});
