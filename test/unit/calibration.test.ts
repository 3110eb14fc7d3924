// vethbench calibrate's pure parts: the series it runs, the record built from a real calibration run (every sample
// kept, CVs from the clean ones), its schema round trip and refusals, and the lines plan, run and nightly print.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CALIBRATION_REPETITIONS } from '../../src/cli/main.ts';
import { metricValues } from '../../src/compare/metric-values.ts';
import { iperf3KnobArgs } from '../../src/knobs/iperf3-family.ts';
import { parseCpuTopology } from '../../src/metadata/cpu-topology-parse.ts';
import { buildCalibrationRecord, calibrationLines, replacesStored } from '../../src/nightly/calibration-record.ts';
import { calibratedNoise, cvWithInterval, decidableLine, noiseFloorLines, pinningAdvice, planNoiseNeeds, roundsFor } from '../../src/nightly/host-noise.ts';
import { sizeNight } from '../../src/nightly/night-sizing.ts';
import { detectableChange, logSpread, sizeRepetitions } from '../../src/nightly/power.ts';
import { CALIBRATION_DEFAULTS, calibrationPlan, configurationOf } from '../../src/plan/calibration-scenario.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import type { CalibrationRecord } from '../../src/results/calibration-schema.ts';
import { calibrationFile, parseCalibration } from '../../src/files/calibration-store.ts';
import { parseResults } from '../../src/files/read-results.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { calibrationSchedule } from '../../src/run/calibration-schedule.ts';
import { MAX_REMEASURES } from '../../src/run/decisions.ts';
import type { Sample } from '../../src/results/schema.ts';
import { seededNormal } from '../helpers/random.ts';

const FIXTURE = 'test/fixtures/calibration/results.json';
const results = () => parseResults(readFileSync(new URL(`../../${FIXTURE}`, import.meta.url), 'utf8'), FIXTURE);
const topology = parseCpuTopology(readFileSync(new URL('../fixtures/cpu-topology/vm-2vcpu.txt', import.meta.url), 'utf8'));

function record(): CalibrationRecord {
  const r = results();
  const plan = calibrationPlan({ ...CALIBRATION_DEFAULTS, repetitions: r.run.settings.repetitions, durationS: r.run.settings.durationS, omitS: r.run.settings.omitS, seed: r.run.settings.seed });
  return buildCalibrationRecord({ plan, results: r, runDir: 'reports/calibrate-x', host: r.host!, key: { machineId: r.host!.machineId!, kernel: r.host!.kernel }, cpuTopology: topology, quick: false, version: '0.0.0-test', calibratedAt: '2026-12-01T15:30:00.000Z' });
}

/** A record with the given CVs (tcp/udp × unpinned/pinned) and intervals ±30 % around them. */
function synthetic(cvs: { tcp: [number, number]; udp: [number, number] }): CalibrationRecord {
  const base = record();
  return {
    ...base,
    configurations: base.configurations.map((c) => {
      const cv = cvs[c.protocol][c.placement === 'unpinned' ? 0 : 1];
      return { ...c, cv, cvCiLow: cv * 0.7, cvCiHigh: cv * 1.3 };
    }),
  };
}

describe('the calibration series', () => {
  it('4 configurations (TCP and 64-B UDP, unpinned and same-core), interleaved, ~2 min by default; -A only on the pinned', () => {
    const plan = calibrationPlan({ ...CALIBRATION_DEFAULTS, seed: 7 });
    assert.equal(CALIBRATION_REPETITIONS, CALIBRATION_DEFAULTS.repetitions, 'main.ts\'s help default agrees with the series');
    assert.deepEqual(plan.points.map((p) => [p.label, configurationOf(p)]), [
      ['tcp affinity=unpinned', { protocol: 'tcp', placement: 'unpinned' }],
      ['tcp affinity=same-core', { protocol: 'tcp', placement: 'same-core' }],
      ['udp-64B affinity=unpinned', { protocol: 'udp', placement: 'unpinned' }],
      ['udp-64B affinity=same-core', { protocol: 'udp', placement: 'same-core' }],
    ]);
    assert.deepEqual(plan.points.map((p) => iperf3KnobArgs(p.knobs)), [[], ['-A', '0,0'], [], ['-A', '0,0']], 'the same knob path as matrix.affinity');
    assert.equal(plan.trials.length, 32);
    assert.ok(plan.estimatedSeconds >= 60 && plan.estimatedSeconds <= 120, `${plan.estimatedSeconds} s`);
    // Interleaved: every configuration's round r before any round r + 1.
    const rounds = plan.trials.map((t) => t.repetition);
    assert.deepEqual(rounds, [...rounds].sort((a, b) => a - b));
  });
});

describe('contaminated samples are measured again', () => {
  const plan = calibrationPlan({ repetitions: 3, durationS: 1, omitS: 0, seed: 4 });
  const sample = (pointId: string, repetition: number, trial: number, contaminated = false): Sample => ({ pointId, trial, repetition, status: 'ok', startedAt: '', durationMs: 1, ...(contaminated ? { contaminated: true as const } : {}) });
  const clean = plan.trials.map((t) => sample(t.pointId, t.repetition, t.index));

  it('every round clean: stop; a contaminated one: its point again in its round, the lowest round first', () => {
    assert.ok(calibrationSchedule.next(plan, clean, () => {}).stop);
    const dirty = clean.map((s) => (s.repetition === 1 && s.pointId === 'p2') || (s.repetition === 2 && s.pointId === 'p3') ? { ...s, contaminated: true as const } : s);
    const next = calibrationSchedule.next(plan, dirty, () => {});
    assert.deepEqual(next.trials, [{ index: 12, pointId: 'p2', repetition: 1 }]);
    const redone = [...dirty, sample('p2', 1, 12)];
    assert.deepEqual(calibrationSchedule.next(plan, redone, () => {}).trials, [{ index: 13, pointId: 'p3', repetition: 2 }]);
  });

  it(`a point contaminated ${MAX_REMEASURES + 1} times in a round is given up on (the budget and the record say the rest)`, () => {
    const dirty = [...clean.map((s) => (s.repetition === 0 && s.pointId === 'p1' ? { ...s, contaminated: true as const } : s)), ...Array.from({ length: MAX_REMEASURES }, (_, i) => sample('p1', 0, 12 + i, true))];
    assert.ok(calibrationSchedule.next(plan, dirty, () => {}).stop);
  });
});

describe('the record from a real calibration run', () => {
  it('keeps every sample, computes each CV from the clean ones, and keys by machine id + kernel', () => {
    const r = results();
    const rec = record();
    assert.equal(rec.configurations.length, 4);
    for (const c of rec.configurations) {
      const point = r.points.find((p) => p.key === c.pointKey)!;
      assert.deepEqual(c.samples, point.samples, `${c.label}: every sample kept as results.json has it`);
      const clean = metricValues(point, c.metric).values;
      assert.equal(c.n, clean.length);
      assert.equal(c.cv, logSpread(clean) ?? null);
      if (c.cv !== null) assert.ok(c.cvCiLow! <= c.cv && c.cv <= c.cvCiHigh!, `${c.label}: ${c.cvCiLow} ≤ ${c.cv} ≤ ${c.cvCiHigh}`);
      assert.equal(c.metric, c.protocol === 'tcp' ? 'throughputBps' : 'pps');
    }
    assert.deepEqual(rec.key, { machineId: r.host!.machineId, kernel: r.host!.kernel });
    const lines = calibrationLines(rec);
    console.log(lines.join('\n'));
    assert.match(lines[1]!, /^ {2}tcp unpinned +median \d+(\.\d+)? Gbit\/s, CV \d+(\.\d+)?% \[90% bootstrap CI .*\], n \d+/);
  });

  it('a fresh record replaces the stored one unless it has fewer configurations with a CV', () => {
    const full = synthetic({ tcp: [0.1, 0.05], udp: [0.1, 0.05] });
    const partial = { ...full, configurations: full.configurations.map((c, i) => (i === 0 ? { ...c, cv: null } : c)) };
    assert.equal(replacesStored(undefined, partial), true);
    assert.equal(replacesStored(full, partial), false, 'a busy moment keeps the better calibration');
    assert.equal(replacesStored(partial, full), true);
    assert.equal(replacesStored(full, full), true, 'as good: the newer wins');
  });

  it('round-trips through its schema and file name', () => {
    const rec = record();
    const file = calibrationFile('/x', rec.key);
    assert.equal(file, `/x/${rec.key.machineId}-${rec.key.kernel}.json`);
    assert.deepEqual(parseCalibration(JSON.stringify(rec), file, rec.key), rec);
  });

  it('refuses a foreign, damaged, newer or non-JSON file, naming it and the fix', () => {
    const rec = record();
    const text = JSON.stringify(rec);
    const other = { machineId: 'ffff', kernel: '6.12.0-debian' };
    assert.throws(() => parseCalibration(text, 'cal/x.json', other), (e: Error) => e.message.startsWith('cal/x.json: a calibration of another host or kernel') && e.message.includes(`machine id ${rec.key.machineId}`) && e.message.includes('this is ffff, kernel 6.12.0-debian') && /vethbench calibrate again/.test(e.message));
    const damaged = JSON.parse(text) as Record<string, unknown>;
    (damaged.configurations as Record<string, unknown>[])[0]!.cv = 'high';
    assert.throws(() => parseCalibration(JSON.stringify(damaged), 'cal/x.json', rec.key), (e: Error) => /^cal\/x\.json: configurations\[0\]\.cv: expected number, got "high"/.test(e.message));
    assert.throws(() => parseCalibration(JSON.stringify({ ...rec, schemaVersion: 99 }), 'cal/x.json', rec.key), /cal\/x\.json: schemaVersion 99 is newer/);
    assert.throws(() => parseCalibration('{"sch', 'cal/x.json', rec.key), /cal\/x\.json: not JSON/);
  });
});

describe('what the host can decide', () => {
  it('the bootstrap interval: seeded, covers the estimate, none below 3 values', () => {
    const values = [10, 11, 9.5, 10.2, 12, 8.9, 10.5, 11.1];
    const a = cvWithInterval(values, 3);
    assert.deepEqual(a, cvWithInterval(values, 3));
    assert.ok(a.ciLow! < a.cv! && a.cv! < a.ciHigh!);
    assert.deepEqual(cvWithInterval([1, 2]), { n: 2, cv: null, ciLow: null, ciHigh: null, confidence: 0.9 });
  });

  it('K rounds: the first look whose interval reaches ±5 % (m = 1); none within 60 at CV 17 %', () => {
    assert.equal(roundsFor(0.04), 12);
    assert.equal(roundsFor(0.02), 8);
    assert.equal(roundsFor(0.17), undefined);
    assert.ok(detectableChange(0.04, 12, 12, 0.95) <= 5);
  });

  it('with 3 repetitions: none; with 12 at CV 4 %: a percentage; uncalibrated: the hint', () => {
    const rec = synthetic({ tcp: [0.17, 0.04], udp: [0.12, 0.05] });
    assert.equal(decidableLine(rec, 3, { protocols: ['tcp'], placement: 'unpinned' }), 'with 3 repetitions this host can decide none (3 vs 3 samples never reach 95 %) (calibrated 2026-12-01, CV 17% tcp unpinned; one comparison at 95 %); --until-decided needs more than the maximum of 60 rounds for 5 %');
    assert.match(decidableLine(rec, 12, { protocols: ['tcp'], placement: 'same-core' }), /^with 12 repetitions this host can decide effects ≥ 3\.\d % \(calibrated 2026-12-01, CV 4\.0% tcp same-core; .*\); --until-decided needs about 12 rounds for 5 %$/);
    assert.match(decidableLine(rec, 12, { protocols: ['tcp', 'udp'], placement: 'same-core' }), /CV 5\.0% udp-64B same-core/, 'the noisiest configuration the plan resembles');
    assert.equal(decidableLine(undefined, 3, { protocols: [], placement: 'unpinned' }), 'noise floor: not calibrated: vethbench calibrate (then plan says which effects 3 repetitions can decide)');
  });

  it('pinning is recommended only when the intervals do not overlap, and says what pinned is here', () => {
    const clear = pinningAdvice(synthetic({ tcp: [0.17, 0.04], udp: [0.06, 0.05] }));
    assert.equal(clear[0]!.recommend, true);
    assert.match(clear[0]!.line, /^tcp: recommendation: pin client and server \(matrix\.affinity: \['same-core'\], iperf3 -A 0,0 \(CPU 0: one logical CPU: client and server take turns on it\)\): CV 17% unpinned .* vs 4\.0% pinned same-core .*; ±5 % needs about 12 rounds pinned, more than 60 unpinned/);
    assert.equal(clear[1]!.recommend, false);
    assert.match(clear[1]!.line, /^udp: pinning does not clearly cut the noise here .*the 90% intervals overlap\)$/);
  });

  it('plan needs: protocols and placement from the points; the lines add the advice to unpinned plans only', () => {
    const rec = synthetic({ tcp: [0.17, 0.04], udp: [0.06, 0.05] });
    const gro = expandPlan(validateScenario({ name: 'g', topology: { kind: 'pair' }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }] }, 'g.ts', ''), { repetitions: 3, durationS: 1, omitS: 0, seed: 1, filter: {} });
    assert.deepEqual(planNoiseNeeds(gro), { protocols: ['tcp'], placement: 'unpinned' });
    assert.equal(noiseFloorLines(rec, gro).length, 2);
    const pinned = expandPlan(validateScenario({ name: 'g', topology: { kind: 'pair' }, matrix: { affinity: ['same-core'] }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }] }, 'g.ts', ''), { repetitions: 3, durationS: 1, omitS: 0, seed: 1, filter: {} });
    assert.deepEqual(planNoiseNeeds(pinned), { protocols: ['tcp'], placement: 'same-core' });
    assert.equal(noiseFloorLines(rec, pinned).length, 1);
    const latency = expandPlan(validateScenario({ name: 'l', topology: { kind: 'pair' }, workloads: [{ tool: 'sockperf', protocol: 'udp' }] }, 'l.ts', ''), { repetitions: 3, durationS: 1, omitS: 0, seed: 1, filter: {} });
    assert.deepEqual(noiseFloorLines(rec, latency), ['noise floor: vethbench calibrate measures iperf3 throughput and packet rate; the noise of sockperf workload(s) is not calibrated']);
    const mixed = expandPlan(validateScenario({ name: 'm', topology: { kind: 'pair' }, workloads: [{ tool: 'sockperf', protocol: 'udp' }, { tool: 'iperf3', protocol: 'udp' }] }, 'm.ts', ''), { repetitions: 3, durationS: 1, omitS: 0, seed: 1, filter: {} });
    assert.match(noiseFloorLines(rec, mixed)[0]!, /CV 6\.0% udp-64B unpinned; .* \(iperf3 points; sockperf workload\(s\) not calibrated\)$/);
  });

  it('the night sizing takes the calibration as its source without history, and its pinned CV for the advice', () => {
    const noise = calibratedNoise(synthetic({ tcp: [0.17, 0.03], udp: [0.12, 0.05] }));
    assert.deepEqual(noise, { unpinned: 0.17, pinned: 0.05, source: 'this host\'s calibration of 2026-12-01' });
    const night = sizeNight({ gates: ['throughputBps'], recentNights: [], plannedFamilySize: 2, thresholdPercent: 5, roundSeconds: 20, fixedSeconds: 5, maxRepetitions: 60, asBaseline: true, calibration: noise });
    assert.match(night.lines[0]!, /noise CV 17\.0 % from no history yet: this host's calibration of 2026-12-01, unpinned/);
    assert.ok(night.lines.some((l) => l.includes('CV 5.0 % pinned in this host\'s calibration of 2026-12-01')), night.lines.join('\n'));
    const fallback = sizeRepetitions({ sigma: 0.17, noiseSource: 't', thresholdPercent: 5, familySize: 1, maxRepetitions: 60 });
    assert.ok(fallback.lines.some((l) => l.includes('CV about 4 % pinned on the 2-vCPU VM; measure this host\'s with vethbench calibrate')), fallback.lines.join('\n'));
  });
});

describe('the pinning rule by simulation (8 log-normal samples per configuration, as the default series)', () => {
  /** How often the rule recommends pinning when unpinned noise is σu and pinned σp. */
  function recommendRate(sigmaFree: number, sigmaPinned: number, trials: number, seed: number): number {
    const normal = seededNormal(seed);
    const base = record();
    let recommended = 0;
    for (let t = 0; t < trials; t++) {
      const est = (sigma: number, s: number) => cvWithInterval(Array.from({ length: 8 }, () => Math.exp(sigma * normal())), s);
      const free = est(sigmaFree, 2 * t + 1);
      const pinned = est(sigmaPinned, 2 * t + 2);
      const rec: CalibrationRecord = { ...base, configurations: base.configurations.filter((c) => c.protocol === 'tcp').map((c) => {
        const e = c.placement === 'unpinned' ? free : pinned;
        return { ...c, cv: e.cv, cvCiLow: e.ciLow, cvCiHigh: e.ciHigh, median: 1 };
      }) };
      if (pinningAdvice(rec)[0]!.recommend) recommended++;
    }
    return recommended / trials;
  }

  it('equal noise: pinning is rarely recommended (≤ 5 %); CV 17 % → 4 %: mostly (≥ 80 %)', () => {
    const falseRate = recommendRate(0.1, 0.1, 400, 21);
    const power = recommendRate(0.17, 0.04, 400, 22);
    const halved = recommendRate(0.12, 0.06, 400, 23);
    console.log(`pinning rule, 400 simulated calibrations each: equal CV 10 %: recommended ${(100 * falseRate).toFixed(1)} %; 17 % vs 4 %: ${(100 * power).toFixed(1)} %; 12 % vs 6 %: ${(100 * halved).toFixed(1)} %`);
    // The percentile bootstrap is narrow at n = 8, so non-overlap is less strict than two 90 % intervals suggest.
    assert.ok(falseRate <= 0.05, `false recommendations ${falseRate}`);
    assert.ok(power >= 0.8, `power ${power}`);
  });
});
