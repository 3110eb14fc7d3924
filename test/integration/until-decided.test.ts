// Root: `run --until-decided` on real namespaces with a known truth — a 1 Gbit/s tbf shaper on one level.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { journalLines, onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';

const SCENARIO = 'test/fixtures/scenarios/integration-until-decided.ts';

test('run --until-decided: the shaped level is worse at the first look (n = 5), sampling stops there, the look is journaled', { skip: needsRoot }, async () => {
  const out = tempDir('until-out');
  const r = await startCli(['run', SCENARIO, '--until-decided', '--max-repetitions', '12', '--out', out], tempDir('until-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /sampling stopped: every effect is decided/);
  // One line per effect before the table, hyperfine-style, with the look's real confidence.
  assert.match(r.stdout, /^qdisc tbf:1gbit vs noqueue \(tcp\): −[89]\d\.\d% \[−\d+\.\d%, −\d+\.\d%\] \(9\d(\.\d)?% CI\) — worse$/m);
  assert.ok(r.stdout.indexOf('— worse') < r.stdout.indexOf('┌'), 'the decision comes before the table');

  const runDir = onlyRunDir(out);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  // Rounds, not samples: a sample contaminated by neighbours is measured again in its round.
  assert.deepEqual(results.points.map((p) => new Set(p.samples.map((s) => s.repetition)).size), [5, 5], 'five rounds: the first look decided it');
  const all = results.points.flatMap((p) => p.samples);
  assert.ok(all.length - 10 <= all.filter((s) => s.contaminated).length, 'every extra sample re-measures a contaminated one');
  assert.deepEqual(results.points.map((p) => p.warmup), [undefined, undefined], 'no discarded round per point: the topology was warmed up once');
  assert.deepEqual(results.run.settings.untilDecided, { thresholdPercent: 5, maxRepetitions: 12 });
  const looks = journalLines(runDir).filter((l) => l.type === 'look') as unknown as { effect: string; look: number; n: number; verdict: string }[];
  assert.deepEqual(looks.map((l) => [l.look, l.n, l.verdict]), [[0, 5, 'worse']]);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);

  // Nothing left to decide: --resume says so and creates nothing.
  const again = await startCli(['run', '--resume', runDir], tempDir('until-state2'));
  assert.equal(again.exitCode, 2, again.stderr);
  assert.match(again.stderr, /every effect is decided; nothing to resume/);
});

test('run --until-decided refuses --repetitions and --max-repetitions without it (exit 2, nothing created)', async () => {
  const out = tempDir('until-bad');
  const a = await startCli(['run', SCENARIO, '--until-decided', '--repetitions', '5', '--out', out], tempDir('until-bad-state'));
  assert.equal(a.exitCode, 2);
  assert.match(a.stderr, /--until-decided chooses the repetitions itself; drop --repetitions/);
  const b = await startCli(['run', SCENARIO, '--max-repetitions', '20', '--out', out], tempDir('until-bad-state'));
  assert.equal(b.exitCode, 2);
  assert.match(b.stderr, /--max-repetitions caps --until-decided/);
  const c = await startCli(['run', SCENARIO, '--until-decided', '--budget', '10x', '--out', out], tempDir('until-bad-state'));
  assert.equal(c.exitCode, 2);
  assert.match(c.stderr, /--budget.*expected a duration such as 90s, 10m or 1h/);
});
