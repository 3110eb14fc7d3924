// Root: a count with zeros on one side is judged, not "invalid". Known truth: UDP at 100 Mbit/s over a plain veth
// pair loses nothing; the same through a tbf shaper at 20 Mbit/s with a short queue (30 kB, smaller than the
// socket's send buffer, so the qdisc drops instead of blocking the sender) loses about 80 %. `vethbench compare`
// must call lossPercent and lostPackets regressed on the absolute scale (Shift.absolute), in their units.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type { ComparisonReport } from '../../src/compare/types.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { runInProcess } from '../helpers/in-process-run.ts';
import { shapingHost } from '../helpers/shaping-host.ts';

const SCENARIO = 'test/fixtures/scenarios/udp-loss-small.ts';
const NO_GUARD = 1024; // as in the CLI tests: the truth here is the shaper, not the neighbours
const prefixes: string[] = [];
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

after(() => {
  const left = prefixes.flatMap(namespacesWithPrefix);
  if (left.length) execFileSync('ip', ['-force', '-batch', '-'], { input: left.map((n) => `netns del ${n}\n`).join('') });
});

test('UDP loss 0 (plain veth) vs > 0 (tbf well below the offered rate): lossPercent and lostPackets regressed, absolute', { skip: needsRoot }, async (t) => {
  const base = await runInProcess(SCENARIO, new ExecaHost(), tempDir('counts-base'), NO_GUARD);
  const shaped = await runInProcess(SCENARIO, shapingHost(new ExecaHost(), 20e6, ['burst', '16kb', 'limit', '30000']), tempDir('counts-shaped'), NO_GUARD);
  for (const file of [base, shaped]) {
    const results = readJson<RunResults>(file);
    prefixes.push(results.run.prefix);
    assert.deepEqual(namespacesWithPrefix(results.run.prefix), [], 'the run cleaned up');
    assert.ok(results.points[0]!.samples.every((s) => s.status === 'ok'), JSON.stringify(results.points[0]!.samples.map((s) => s.reason)));
  }
  const r = await startCli(['compare', base, shaped, '--json'], tempDir('counts-state'));
  assert.ok(r.exitCode === 0 || r.exitCode === 1, r.stderr);
  const point = (JSON.parse(r.stdout) as ComparisonReport).comparisons[0]!.points[0]!;
  for (const [metric, unit] of [['lossPercent', '%'], ['lostPackets', 'packets']] as const) {
    const m = point.metrics.find((x) => x.metric === metric)!;
    t.diagnostic(`${metric}: base ${JSON.stringify(m.base.values)} → shaped ${JSON.stringify(m.new.values)}: ${m.verdict} — ${m.reason}`);
    assert.equal(m.verdict, 'regressed', m.reason);
    if (m.base.values.includes(0)) {
      assert.ok(m.shift.absolute, `${metric}: a 0 on the base side is decided on the absolute scale`);
      assert.equal(m.shift.estimatePercent, null);
      assert.equal(m.shift.absolute.unit, unit, 'the registry\'s unit');
      assert.ok(m.shift.absolute.ciLow > m.shift.absolute.tolerance, `${metric}: ${JSON.stringify(m.shift.absolute)}`);
    } else {
      t.diagnostic(`${metric}: the base lost packets in every sample, so the shift is a ratio (no absolute scale needed)`);
    }
  }
});
