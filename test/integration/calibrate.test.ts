// `vethbench calibrate` end to end. Root: the --quick series on real namespaces (12 samples of 1 s), the stored record
// (every sample kept, CVs recomputable from them, keyed by this host's machine id + kernel), then `vethbench plan`
// printing the calibrated line. Without root: bad flags exit 2 naming the flag, and a foreign record is refused by name.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { metricValues } from '../../src/compare/metric-values.ts';
import { currentHostKey } from '../../src/metadata/host-key.ts';
import { buildCalibrationRecord } from '../../src/nightly/calibration-record.ts';
import { logSpread } from '../../src/nightly/power.ts';
import { calibrationPlan } from '../../src/plan/calibration-scenario.ts';
import { calibrationRecordSchema } from '../../src/results/calibration-schema.ts';
import { calibrationFile } from '../../src/files/calibration-store.ts';
import { parseResults } from '../../src/files/read-results.ts';
import { startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

test('calibrate --quick: 4 configurations measured and stored for this host; plan then prints the calibrated line', { skip: needsRoot }, async () => {
  const before = rootNamespaceSnapshot();
  const out = tempDir('calibrate-out');
  const dir = tempDir('calibrate-dir');
  const env = { VETHBENCH_CALIBRATION_DIR: dir };
  const started = Date.now();
  const r = await startCli(['calibrate', '--quick', '--seed', '5', '--out', out], tempDir('calibrate-state'), env);
  console.log(`calibrate --quick: ${((Date.now() - started) / 1000).toFixed(0)} s\n${r.stdout}`);
  assert.equal(r.exitCode, 0, r.stderr);
  const file = calibrationFile(dir, currentHostKey());
  assert.ok(existsSync(file), `the record is keyed by this host: ${readdirSync(dir).join(', ')}`);
  const record = calibrationRecordSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  assert.deepEqual(record.key, currentHostKey());
  assert.equal(record.host.kernel, record.key.kernel);
  assert.deepEqual(record.configurations.map((c) => c.label), ['tcp unpinned', 'tcp same-core', 'udp-64B unpinned', 'udp-64B same-core']);
  const results = parseResults(readFileSync(join(record.runDir, 'results.json'), 'utf8'), record.runDir);
  for (const c of record.configurations) {
    // Rounds, not samples: a contaminated sample is measured again in its round (and kept).
    assert.equal(new Set(c.samples.map((s) => s.repetition)).size, 3, `${c.label}: 3 rounds`);
    assert.ok(c.samples.length - 3 <= c.samples.filter((s) => s.contaminated).length, `${c.label}: every extra sample re-measures a contaminated one`);
    const point = results.points.find((p) => p.key === c.pointKey)!;
    assert.deepEqual(c.samples, point.samples);
    const values = metricValues(point, c.metric).values;
    assert.equal(c.cv, logSpread(values) ?? null, `${c.label}: the CV is the samples' log spread`);
    assert.ok(c.cv !== null && c.cv > 0, `${c.label}: 3 clean samples give a CV`);
  }
  // The pinned points are the affinity knob's (iperf3 -A 0,0 comes from it: test/unit/calibration.test.ts checks the argv).
  assert.deepEqual(record.configurations.map((c) => results.points.find((p) => p.key === c.pointKey)!.requested.affinity), ['unpinned', 'same-core', 'unpinned', 'same-core']);
  assert.match(r.stdout, /^ {2}tcp unpinned +median .* CV .*n 3$/m);
  assert.match(r.stdout, /affinity same-core = iperf3 -A 0,0 = CPU 0: one logical CPU/);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
  assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is as it was');

  const plan = await startCli(['plan', 'scenarios/gro.ts'], tempDir('calibrate-plan-state'), env);
  assert.equal(plan.exitCode, 0, plan.stderr);
  const date = record.calibratedAt.slice(0, 10);
  assert.match(plan.stdout, new RegExp(`with 3 repetitions this host can decide (none|effects ≥ [\\d.]+ %).* \\(calibrated ${date}, CV [\\d.]+% (tcp|udp-64B) unpinned; one comparison at 95 %\\); --until-decided needs (about \\d+|more than the maximum of 60) rounds for 5 %`));
});

test('calibrate: bad flags exit 2 naming the flag; nothing created', async () => {
  const out = tempDir('calibrate-bad');
  const dir = tempDir('calibrate-bad-dir');
  for (const [args, message] of [[['--repetitions', '2'], /--repetitions/], [['--duration', '0'], /--duration/], [['--max-neighbour-cpu', 'x'], /--max-neighbour-cpu/], [['--budget', 'soon'], /--budget/]] as const) {
    const r = await startCli(['calibrate', ...args, '--out', out], tempDir('calibrate-bad-state'), { VETHBENCH_CALIBRATION_DIR: dir });
    assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^Error: /m);
  }
  assert.deepEqual(existsSync(out) ? readdirSync(out) : [], [], 'no run directory');
  assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], [], 'no record');
});

test('plan refuses a calibration of another host found under this host\'s name, naming the file (exit 2)', async () => {
  const dir = tempDir('calibrate-foreign');
  mkdirSync(dir, { recursive: true });
  const fixture = 'test/fixtures/calibration/results.json';
  const results = parseResults(readFileSync(fixture, 'utf8'), fixture);
  const s = results.run.settings;
  const record = buildCalibrationRecord({
    plan: calibrationPlan({ repetitions: s.repetitions, durationS: s.durationS, omitS: s.omitS, seed: s.seed }), results, runDir: 'x', host: results.host!,
    key: { machineId: 'another-machine', kernel: '6.12.0-debian' }, quick: false, version: 't', calibratedAt: '2026-12-01T00:00:00Z',
  });
  const file = calibrationFile(dir, currentHostKey());
  writeFileSync(file, JSON.stringify(record));
  const r = await startCli(['plan', 'scenarios/gro.ts'], tempDir('calibrate-foreign-state'), { VETHBENCH_CALIBRATION_DIR: dir });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.ok(r.stderr.includes(`Error: ${file}: a calibration of another host or kernel (machine id another-machine, kernel 6.12.0-debian;`), r.stderr);
  assert.equal(r.stdout, '');
});
