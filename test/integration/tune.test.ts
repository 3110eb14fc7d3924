// `vethbench tune` end to end. Root: a race on real namespaces with a known truth (two low-rate tbf shapers must be
// dropped as worse, the unshaped candidate wins and is confirmed against the host defaults in fresh rounds), kept
// short (1-s samples, ~25 trials). Without root: bad input exits 2 naming the flag, and creates nothing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runResultsSchema } from '../../src/results/schema.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

const SCENARIO = 'test/fixtures/scenarios/integration-tune.ts';

test('tune: the tbf shapers are dropped at the first look, pfifo_fast wins and is confirmed against the defaults', { skip: needsRoot }, async () => {
  const before = rootNamespaceSnapshot();
  const out = tempDir('tune-out');
  const started = Date.now();
  const r = await startCli(['tune', SCENARIO, '--objective', 'throughputBps', '--max-repetitions', '12', '--confirm-rounds', '3', '--budget', '3m', '--seed', '7', '--out', out, '--json'], tempDir('tune-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  console.log(`tune integration: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const json = JSON.parse(r.stdout) as { schemaVersion: number; recommended: { label: string; knobs: Record<string, string> }; confirmation: { verdict: string; estimatePercent: number; nLevel: number; confidence: number } | null; applyLines: { knob: string; command: string }[] };
  assert.equal(json.schemaVersion, 1);
  assert.deepEqual(json.recommended.knobs, { qdisc: 'pfifo_fast' });
  assert.ok(json.confirmation, 'the winner is not the defaults: it is confirmed');
  assert.equal(json.confirmation.nLevel, 3);
  assert.equal(json.confirmation.confidence < 0.95, true, '3 vs 3 cannot reach 95 %: the real level is stored');
  assert.ok(json.confirmation.estimatePercent > -40, `pfifo_fast vs noqueue: ${json.confirmation.estimatePercent} %`);
  assert.equal(json.applyLines[0]!.command, 'tc -n <ns> qdisc replace dev <dev> root pfifo_fast');

  const runDir = onlyRunDir(out);
  const results = runResultsSchema.parse(JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')));
  const tune = results.tune!;
  const byKnob = (q: string) => tune.candidates.find((c) => c.knobs.qdisc === q)!;
  for (const shaped of ['tbf:1gbit', 'tbf:2gbit']) {
    assert.equal(byKnob(shaped).status, 'dropped', shaped);
    assert.equal(byKnob(shaped).dropped!.n, 5, `${shaped} dropped at the first look`);
    assert.match(byKnob(shaped).dropped!.why, /decided worse than the leader/);
  }
  assert.equal(byKnob('pfifo_fast').status, 'leader');
  assert.match(tune.raceStopped, /decided better than every other candidate/);
  assert.equal(tune.defaults.inRace, false);
  // The samples stay in the points: 5 race rounds each, then 3 confirmation rounds for the winner and the defaults.
  // A contaminated sample (a busy host) is measured again in its round, so rounds are counted, not samples.
  const rounds = Object.fromEntries(results.points.map((p) => [String(p.requested.qdisc), new Set(p.samples.map((s) => s.repetition)).size]));
  assert.deepEqual(rounds, { 'tbf:1gbit': 5, pfifo_fast: 8, 'tbf:2gbit': 5, noqueue: 3 });
  const all = results.points.flatMap((p) => p.samples);
  assert.ok(all.length - 21 <= all.filter((s) => s.contaminated).length, 'every extra sample re-measures a contaminated one');
  assert.equal(tune.confirmFromRound, 5);
  assert.ok(results.effects!.some((e) => e.id === tune.confirmationEffect));
  assert.ok(existsSync(join(runDir, 'index.html')));
  assert.match(readFileSync(join(runDir, 'index.html'), 'utf8'), /The race/);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
  assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is as it was');
});

test('tune: bad input names the flag, the value and the fix; exit 2; nothing created', async () => {
  const out = tempDir('tune-bad');
  const cases: [string[], RegExp][] = [
    [['--objective', 'throughputz'], /--objective throughputz: not a metric of the registry .*use one of throughputBps/],
    [['--objective', 'bytesSent'], /--objective bytesSent: bytes sent has no better direction/],
    [[], /--objective is required/],
    [['--objective', 'throughputBps', '--workload', 'udp'], /--workload udp: .* has no workload udp; use one of tcp/],
    [['--objective', 'throughputBps', '--budget', '20s'], /--budget 20s: screening 3 candidates × 5 rounds and 8 confirmation rounds take about 1:02 .* raise --budget/],
    [['--objective', 'throughputBps', '--filter', 'qdisc=pfifo_fast'], /nothing to tune; sweep at least one knob/],
  ];
  for (const [args, message] of cases) {
    const r = await startCli(['tune', SCENARIO, ...args, '--out', out], tempDir('tune-bad-state'));
    assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^Error: /m);
  }
  assert.equal(existsSync(out) && readFileSyncDir(out).length > 0, false, 'no run directory');
});

function readFileSyncDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
