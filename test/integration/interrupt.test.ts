// Root: a run stopped by SIGINT or SIGTERM tears down, keeps every finished sample and says it was interrupted;
// a SIGKILLed run is finished off by `vethbench cleanup`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import type { LiveState } from '../../src/run/live-state.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { journalLines, startCli, waitFor } from '../helpers/cli.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

const LONG = 'test/fixtures/scenarios/integration-long.ts';

function runDirIn(out: string): string | undefined {
  const dirs = existsSync(out) ? readdirSync(out) : [];
  return dirs[0] ? join(out, dirs[0]) : undefined;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} mid-run: exit ${code}, finished samples kept, nothing left behind`, { skip: needsRoot }, async () => {
    const before = rootNamespaceSnapshot();
    const out = tempDir('int-out');
    const child = startCli(['run', LONG, '--out', out], tempDir('int-state'));
    await waitFor('the first journaled sample', () => {
      const dir = runDirIn(out);
      return dir !== undefined && existsSync(join(dir, 'journal.jsonl')) && journalLines(dir).some((l) => l.type === 'sample');
    });
    child.kill(signal);
    const r = await child;
    assert.equal(r.exitCode, code, r.stderr);
    const runDir = runDirIn(out)!;
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
    assert.equal(results.run.status, 'interrupted');
    assert.match(results.run.reason ?? '', new RegExp(signal));
    const kept = results.points.flatMap((p) => p.samples);
    const journaled = journalLines(runDir).filter((l) => l.type === 'sample').length;
    assert.ok(kept.length >= 1 && kept.length < 30, `${kept.length} samples kept`);
    assert.equal(kept.length, journaled, 'results.json holds every journaled sample');
    assert.ok(kept.every((s) => s.status === 'ok'), 'the interrupted trial is not recorded as a failure');
    assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
    assert.deepEqual(iperf3ProcessesOnPort(results.run.port), []);
    assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is byte-identical');
  });
}

test('SIGKILL mid-trial leaves a journal that `vethbench cleanup` acts on; nothing of another run is touched', { skip: needsRoot }, async (t) => {
  const before = rootNamespaceSnapshot();
  const state = tempDir('kill-state');
  const child = startCli(['run', LONG, '--out', tempDir('kill-out')], state);
  let live: LiveState | undefined;
  await waitFor('a live run with its namespaces and server up', () => {
    const file = readdirSync(state).find((f) => f.endsWith('.json'));
    live = file ? (JSON.parse(readFileSync(join(state, file), 'utf8')) as LiveState) : undefined;
    return live !== undefined && namespacesWithPrefix(live.prefix).length === 2 && iperf3ProcessesOnPort(portForPrefix(live.prefix)).length > 0;
  });
  child.kill('SIGKILL');
  await child;
  const prefix = live!.prefix;
  assert.equal(namespacesWithPrefix(prefix).length, 2, 'SIGKILL leaves the namespaces (no handler can run)');

  // Another run, still alive (this test process owns it): cleanup must leave its namespace alone.
  const other = 'vbe0ff';
  execFileSync('ip', ['netns', 'add', `${other}-cli`]);
  t.after(() => execFileSync('ip', ['-force', '-batch', '-'], { input: `netns del ${other}-cli\n` }));
  writeFileSync(join(state, `${other}.json`), JSON.stringify({ prefix: other, pid: process.pid, startedAt: new Date().toISOString(), namespaces: [`${other}-cli`], outDir: '/nonexistent' }));

  const dry = await startCli(['cleanup', '--dry-run'], state);
  assert.match(dry.stdout, new RegExp(`would remove namespace ${prefix}-cli`));
  assert.equal(namespacesWithPrefix(prefix).length, 2, '--dry-run removes nothing');

  const r = await startCli(['cleanup'], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`removed namespace ${prefix}-srv`));
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.deepEqual(iperf3ProcessesOnPort(portForPrefix(prefix)), []);
  assert.match(r.stdout, new RegExp(`left alone: run ${other} is still running \\(pid ${process.pid}\\)`));
  assert.deepEqual(namespacesWithPrefix(other), [`${other}-cli`]);
  assert.deepEqual(readdirSync(state).filter((f) => f.endsWith('.json')), [`${other}.json`]);
  assert.equal(rootNamespaceSnapshot(), before, 'after cleanup the root namespace is byte-identical');
});

test('--resume continues an interrupted run after its last sample, same order, one results.json', { skip: needsRoot }, async () => {
  const out = tempDir('resume-out');
  const state = tempDir('resume-state');
  const child = startCli(['run', LONG, '--repetitions', '5', '--seed', '7', '--out', out], state);
  await waitFor('two journaled samples', () => {
    const dir = runDirIn(out);
    return dir !== undefined && existsSync(join(dir, 'journal.jsonl')) && journalLines(dir).filter((l) => l.type === 'sample').length >= 2;
  });
  child.kill('SIGINT');
  const first = await child;
  assert.equal(first.exitCode, 130, first.stderr);
  const runDir = runDirIn(out)!;
  assert.match(first.stderr + readFileSync(join(runDir, 'results.json'), 'utf8'), new RegExp(`vethbench run --resume ${runDir}`));

  const refused = await startCli(['run', '--resume', runDir, '--repetitions', '2'], state);
  assert.equal(refused.exitCode, 2);
  assert.match(refused.stderr, /--resume takes every setting from the run's journal; drop --repetitions/);

  const r = await startCli(['run', '--resume', runDir], state);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`resuming ${runDir}: \\d of 5 trials`));
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.equal(results.run.status, 'complete');
  assert.equal(results.run.settings.seed, 7);
  assert.equal(results.run.settings.maxNeighbourCpu, 1024, 'the guard\'s limit in force (startCli\'s VETHBENCH_MAX_NEIGHBOUR_CPU) is recorded');
  assert.equal(results.run.resumed?.length, 1);
  const trials = results.points.flatMap((p) => p.samples).map((s) => s.trial).sort((a, b) => a - b);
  assert.deepEqual(trials, [0, 1, 2, 3, 4], 'every trial exactly once');
  assert.deepEqual(journalLines(runDir).map((l) => l.type).filter((t) => t !== 'sample'), ['run', 'resume']);
  assert.deepEqual(namespacesWithPrefix(results.run.resumed![0]!.prefix), []);
});

test('--resume refuses when the scenario file changed since the run started', { skip: needsRoot }, async () => {
  const dir = tempDir('resume-changed');
  const scenario = join(dir, 'changing.ts');
  writeFileSync(scenario, readFileSync(join(repoRoot, LONG), 'utf8'));
  const out = join(dir, 'out');
  const state = tempDir('resume-changed-state');
  const child = startCli(['run', scenario, '--repetitions', '4', '--out', out], state);
  await waitFor('a journaled sample', () => {
    const d = runDirIn(out);
    return d !== undefined && existsSync(join(d, 'journal.jsonl')) && journalLines(d).some((l) => l.type === 'sample');
  });
  child.kill('SIGTERM');
  await child;
  writeFileSync(scenario, `${readFileSync(scenario, 'utf8')}\n// edited\n`);
  const r = await startCli(['run', '--resume', runDirIn(out)!], state);
  assert.equal(r.exitCode, 2, r.stderr);
  assert.match(r.stderr, /changing\.ts changed since the run started \(sha256 [0-9a-f]{12} then, [0-9a-f]{12} now\); start a new run instead/);
});
