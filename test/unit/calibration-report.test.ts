// The run report's noise-floor section: read from the run's host's calibration (the record in VETHBENCH_CALIBRATION_DIR),
// "not calibrated" only on that host itself, a damaged record named in the page rather than failing it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { runNoiseFloor } from '../../src/files/report-files.ts';
import { currentHostKey } from '../../src/metadata/host-key.ts';
import { buildCalibrationRecord } from '../../src/nightly/calibration-record.ts';
import { calibrationPlan } from '../../src/plan/calibration-scenario.ts';
import { renderRunReport } from '../../src/report/html/run/run-report.ts';
import { calibrationFile, writeCalibration } from '../../src/files/calibration-store.ts';
import { parseResults } from '../../src/files/read-results.ts';
import { STUB_RUNTIME } from '../helpers/report-fixtures.ts';
import { tempDir } from '../helpers/host-state.ts';

const FIXTURE = 'test/fixtures/calibration/results.json';
const results = () => parseResults(readFileSync(FIXTURE, 'utf8'), FIXTURE);
const saved = process.env.VETHBENCH_CALIBRATION_DIR;
after(() => { if (saved === undefined) delete process.env.VETHBENCH_CALIBRATION_DIR; else process.env.VETHBENCH_CALIBRATION_DIR = saved; });

/** The fixture's run as if made on this host (its host facts carry this machine's key). */
function hereResults() {
  const r = results();
  const key = currentHostKey();
  r.host = { ...r.host!, machineId: key.machineId, kernel: key.kernel };
  return r;
}

describe('the run report\'s noise floor', () => {
  it('a calibrated host: the decidable line for the run\'s repetitions, in its own section', () => {
    process.env.VETHBENCH_CALIBRATION_DIR = tempDir('cal');
    const r = hereResults();
    const s = r.run.settings;
    writeCalibration(buildCalibrationRecord({ plan: calibrationPlan({ repetitions: s.repetitions, durationS: s.durationS, omitS: s.omitS, seed: s.seed }), results: r, runDir: 'x', host: r.host!, key: currentHostKey(), quick: false, version: 't', calibratedAt: '2026-12-01T15:30:00Z' }));
    const lines = runNoiseFloor(r)!;
    assert.match(lines[0]!, /^with 8 repetitions this host can decide effects ≥ \d+\.\d % \(calibrated 2026-12-01, CV/);
    const page = renderRunReport({ results: r, intervals: [], missingRaw: [], resultsHref: 'results.json', noiseFloor: lines }, STUB_RUNTIME);
    assert.match(page, /<section class="card" id="noise-floor"><h2>This host's noise floor<\/h2><ul><li>with 8 repetitions/);
    assert.doesNotMatch(renderRunReport({ results: r, intervals: [], missingRaw: [], resultsHref: 'results.json' }, STUB_RUNTIME), /id="noise-floor"/);
  });

  it('not calibrated: said on the run\'s own host, silent elsewhere; a damaged record is named', () => {
    process.env.VETHBENCH_CALIBRATION_DIR = tempDir('cal');
    assert.deepEqual(runNoiseFloor(hereResults()), ['noise floor: not calibrated: vethbench calibrate (then plan says which effects 8 repetitions can decide)']);
    const elsewhere = hereResults();
    elsewhere.host!.machineId = 'another-machine';
    assert.equal(runNoiseFloor(elsewhere), undefined);
    const file = calibrationFile(process.env.VETHBENCH_CALIBRATION_DIR, currentHostKey());
    writeFileSync(file, '{"schemaVersion": 1}');
    assert.match(runNoiseFloor(hereResults())![0]!, new RegExp(`^noise floor: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });
});
