// Reading a results.json for the report: the real file passes; a missing, non-JSON, newer-schema or damaged
// file is refused with a message naming the file and the fix (InputError, exit code 2).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { hrefFrom, readIntervals } from '../../src/files/report-files.ts';
import { validateResults, readResults } from '../../src/files/read-results.ts';
import { parseResults } from '../../src/files/read-results.ts';
import { SCHEMA_VERSION } from '../../src/results/schema.ts';
import { tempDir } from '../helpers/host-state.ts';
import { GRO_RESULTS, GRO_RUN_DIR, groResults } from '../helpers/report-fixtures.ts';

function refused(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, message);
    return true;
  });
}

test('the real results file reads back as it was written; summaries written before they carried their CI are recomputed', () => {
  const read = readResults(GRO_RESULTS);
  const raw = groResults();
  const withoutSummaries = (r: typeof raw) => ({ ...r, points: r.points.map(({ summary: _, ...p }) => p) });
  assert.deepEqual(withoutSummaries(read), withoutSummaries(raw));
  for (const [i, point] of read.points.entries()) {
    assert.deepEqual(Object.keys(point.summary), Object.keys(raw.points[i]!.summary));
    for (const [metric, s] of Object.entries(point.summary)) {
      assert.equal(s.median, (raw.points[i]!.summary as Record<string, { median: number }>)[metric]!.median);
      assert.ok(s.ciConfidence > 0 && s.ciLow <= s.median && s.median <= s.ciHigh, `${point.label} ${metric}: a CI with its level`);
    }
  }
});

test('a missing file, a file that is not JSON and a JSON file that is not results are refused with the fix', () => {
  const dir = tempDir('read-results');
  refused(() => readResults(join(dir, 'nope.json')), /nope\.json: cannot read the results file \(ENOENT\); check the path/);
  writeFileSync(join(dir, 'text.json'), 'iperf3: error');
  refused(() => readResults(join(dir, 'text.json')), /text\.json: not JSON \(.*\); pass the results\.json a vethbench run wrote/);
  writeFileSync(join(dir, 'array.json'), '[1, 2]');
  refused(() => readResults(join(dir, 'array.json')), /array\.json: expected a JSON object, got an array/);
});

test('a file from a newer vethbench is refused, saying which schema it has and what to do', () => {
  const newer = { ...groResults(), schemaVersion: SCHEMA_VERSION + 1 };
  refused(() => parseResults(JSON.stringify(newer), 'reports/x/results.json'), new RegExp(`reports/x/results\\.json: schemaVersion ${SCHEMA_VERSION + 1} is newer than this vethbench .* reads \\(up to ${SCHEMA_VERSION}\\); upgrade vethbench`));
});

test('a damaged file names the fields that are wrong', () => {
  const damaged = groResults() as unknown as { points: { samples: { status: string }[]; summary: unknown }[]; run: { status: string } };
  damaged.points[2]!.samples[1]!.status = 'great';
  damaged.points[4]!.summary = 'n/a';
  refused(() => validateResults(damaged, 'r.json'), /r\.json: points\[2\]\.samples\[1\]\.status: got "great"; expected one of "ok", "failed", "skipped"\n\s+r\.json: points\[4\]\.summary: expected record, got "n\/a"\n\s+the file is not a complete vethbench results\.json/);
});

test('raw intervals: read for the drawn samples; a missing file or one outside the run directory is listed, not read', () => {
  const results = groResults();
  const { intervals, missingRaw } = readIntervals(GRO_RUN_DIR, results);
  assert.equal(missingRaw.length, 0);
  assert.ok(intervals.every((s) => s.intervals.length === 3), 'three 1 s intervals per 3 s sample');

  const dir = tempDir('raw');
  mkdirSync(join(dir, 'raw'));
  writeFileSync(join(dir, 'raw', 'odd.json'), '{"start": {}, "end": {}}');
  const samples = results.points[0]!.samples;
  samples[0]!.rawOutput = 'raw/missing.json';
  samples[1]!.rawOutput = '../../../../etc/passwd';
  samples[2]!.rawOutput = 'raw/odd.json';
  const read = readIntervals(dir, { ...results, points: [results.points[0]!] });
  assert.deepEqual(read, { intervals: [], missingRaw: ['raw/missing.json', '../../../../etc/passwd', 'raw/odd.json'] });
});

test('the link to results.json is relative to the page and URL-encoded', () => {
  assert.equal(hrefFrom('/r/run 1/index.html', '/r/run 1/results.json'), 'results.json');
  assert.equal(hrefFrom('/tmp/out/page.html', '/r/run#1/results.json'), '../../r/run%231/results.json');
});

test('numeric knob values (mtu, buffer sizes) are valid results, requested and read back', () => {
  const results = groResults();
  const point = results.points[0]!;
  point.requested = { ...point.requested, mtu: 9000 };
  point.effective = { ...point.effective, mtu: 9000 };
  point.samples[0]!.effective = { host: { rmemMax: 4194304 } };
  assert.equal(validateResults(results, 'r.json').points[0]!.requested.mtu, 9000);
});
