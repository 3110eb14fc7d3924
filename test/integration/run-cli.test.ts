// Root: `vethbench run` end to end through the real CLI — results on disk, a table or JSON, nothing left behind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { journalLines, onlyRunDir, startCli } from '../helpers/cli.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

test('run --json: results.json, journal and raw output for every sample; the host is left as found', { skip: needsRoot }, async () => {
  const before = rootNamespaceSnapshot();
  const out = tempDir('run-out');
  const state = tempDir('run-state');
  const r = await startCli(['run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', out, '--json'], state);
  assert.equal(r.exitCode, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { runs: { status: string; resultsFile: string; points: { label: string; samples: { ok: number } }[] }[] };
  assert.equal(summary.runs[0]?.status, 'complete');
  assert.deepEqual(summary.runs[0]?.points.map((p) => [p.label, p.samples.ok]), [['tcp gro=off', 1], ['tcp gro=on', 1]]);

  const runDir = onlyRunDir(out);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
  assert.equal(results.schemaVersion, 1);
  assert.equal(results.scenario.name, 'integration-tiny');
  assert.match(results.scenario.sourceSha256, /^[0-9a-f]{64}$/);
  assert.ok(results.host && results.host.cpu.cores >= 1, 'host facts recorded');
  assert.match(results.host!.toolVersions.iperf3 ?? '', /^3\./);
  assert.equal(results.capabilities.find((c) => c.kind === 'veth')?.supported, true);
  for (const point of results.points) {
    assert.equal(point.effective.gro, point.requested.gro, `${point.label}: gro took effect`);
    assert.ok(point.summary.throughputBps!.median > 1e9, `${point.label}: ${point.summary.throughputBps?.median} bit/s`);
    for (const sample of point.samples) assert.ok(existsSync(join(runDir, sample.rawOutput!)), 'raw iperf3 JSON kept');
  }
  assert.deepEqual(journalLines(runDir).map((l) => l.type), ['run', 'sample', 'sample']);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
  assert.deepEqual(iperf3ProcessesOnPort(results.run.port), []);
  assert.deepEqual(readdirSync(state), [], 'the live-state file is removed after a clean run');
  assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is byte-identical');
});

test('run prints one line per finished trial and the table', { skip: needsRoot }, async () => {
  const out = tempDir('run-table');
  const r = await startCli(['run', 'test/fixtures/scenarios/integration-tiny.ts', '--out', out], tempDir('run-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /\[1\/2\] tcp gro=(on|off) \(rep 1\): \d+(?:\.\d+)? Gbit\/s  \(ETA \d:\d\d\)/);
  assert.match(r.stderr, /\[2\/2\] tcp gro=(on|off) \(rep 1\): \d+(?:\.\d+)? Gbit\/s/);
  // The table fits 120 columns into a pipe: a long header wraps between its words.
  assert.match(r.stdout, /│ Gbit\/s( median)?\s+│ min–max/);
  assert.match(r.stdout, /│ tcp\s+│ gro=off\s+│ 1\s+│ \d+(?:\.\d+)?/);
  assert.match(r.stdout, new RegExp(`results: ${out}/integration-tiny-\\d{8}T\\d{6}Z/results.json`));
});
