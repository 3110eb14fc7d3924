// Nightly with power (issue 14.5): sizing from the history's noise, the frozen baseline's cap, pinning advice,
// foreign baselines, the between-night spread of medians and --confirm — each rule on captured real runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePair } from '../../src/compare/compare-pair.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { betweenNightSpread, gateWithHistory, MIN_PASSED_NIGHTS } from '../../src/nightly/between-nights.ts';
import { applyConfirmation } from '../../src/nightly/confirm.ts';
import { checkBaseline } from '../../src/nightly/foreign.ts';
import { hostWasBusy, nightPoints } from '../../src/nightly/history.ts';
import { baselineSamples, familyOf, sizeNight } from '../../src/nightly/night-sizing.ts';
import { CONSERVATIVE_CV, detectableChange, runsNoise, sizeRepetitions } from '../../src/nightly/power.ts';
import type { NightRecord } from '../../src/results/nightly-schema.ts';
import { decide } from '../../src/stats/decide.ts';
import { loadFixture } from '../helpers/results-fixtures.ts';
import { seededNormal } from '../helpers/random.ts';

const GATES = new Set(['throughputBps', 'pps']);

describe('the change a night can detect', () => {
  it('3 vs 3 decides nothing at 97.5 %; the width shrinks with n; a frozen baseline caps it', () => {
    assert.equal(detectableChange(0.17, 3, 3, 0.975), Infinity);
    const widths = [5, 8, 12, 18, 27, 40, 60].map((n) => detectableChange(0.17, n, n, 0.975));
    widths.slice(1).forEach((w, i) => assert.ok(w < widths[i]!, `${widths.join(', ')} decreases`));
    const frozen = detectableChange(0.17, 7, 10_000, 0.975);
    assert.ok(frozen > 12 && frozen < 20, `7 baseline samples cap the interval at ±${frozen.toFixed(1)} % (issue 14: about ±12 % or more)`);
  });

  it('agrees with decide() on simulated log-normal samples (the ideal-sample width is the typical width)', () => {
    const normal = seededNormal(14);
    for (const [sigma, n] of [[0.17, 12], [0.05, 8], [0.1, 27]] as const) {
      const widths = Array.from({ length: 300 }, () => {
        const a = Array.from({ length: n }, () => Math.exp(sigma * normal()));
        const b = Array.from({ length: n }, () => Math.exp(sigma * normal()));
        return decide(a, b, { direction: 'higher', thresholdPercent: 5, confidence: 0.975, computeP: false }).smallestDetectablePercent!;
      }).sort((x, y) => x - y);
      const simulated = widths[150]!;
      const ideal = detectableChange(sigma, n, n, 0.975);
      console.log(`σ ${sigma}, n ${n}: ideal ±${ideal.toFixed(2)} %, median of 300 simulated ±${simulated.toFixed(2)} %`);
      assert.ok(Math.abs(ideal / simulated - 1) < 0.15, `ideal ${ideal} vs simulated ${simulated}`);
    }
  });
});

describe('sizing the repetitions', () => {
  it('a quiet history reaches the threshold with few repetitions; no advice', () => {
    const s = sizeRepetitions({ sigma: 0.03, noiseSource: 'test', thresholdPercent: 5, familySize: 4, baselineN: 12, maxRepetitions: 60 });
    assert.ok(s.reachesThreshold && s.repetitions <= 8, JSON.stringify(s));
    assert.equal(s.lines.length, 1);
    assert.match(s.lines[0]!, /^repetitions: \d+ per point against the baseline's 12 .* the gate can detect changes of ±\d\.\d % \(threshold ±5 %\)$/);
  });

  it('a noisy host with a 7-sample baseline: capped, --rebaseline and pinning recommended', () => {
    const s = sizeRepetitions({ sigma: CONSERVATIVE_CV, noiseSource: 'test', thresholdPercent: 5, familySize: 4, baselineN: 7, maxRepetitions: 60 });
    assert.equal(s.reachesThreshold, false);
    assert.ok(s.lines.some((l) => /the baseline's 7 samples alone cap the gate at ±1\d\.\d %: measure a larger one with vethbench nightly --rebaseline/.test(l)), s.lines.join('\n'));
    assert.ok(s.lines.some((l) => l.startsWith('recommendation: pin client and server to one logical CPU')), s.lines.join('\n'));
    assert.ok(s.repetitions < 60, 'no rounds are spent past the point where the baseline caps the gain');
  });

  it('as a baseline both arms grow; the budget caps the repetitions', () => {
    const run = loadFixture('nightlySmoke').results;
    const roomy = sizeNight({ gates: [...GATES], recentNights: [run], plannedFamilySize: 6, thresholdPercent: 5, roundSeconds: 4 * 11.5, fixedSeconds: 60, maxRepetitions: 60, asBaseline: true });
    const tight = sizeNight({ gates: [...GATES], recentNights: [run], plannedFamilySize: 6, thresholdPercent: 5, roundSeconds: 4 * 11.5, fixedSeconds: 60, budgetS: 60 + 10 * 4 * 11.5 + 1, maxRepetitions: 60, asBaseline: true });
    assert.ok(tight.repetitions <= 10, `ten rounds fit the budget, ${tight.repetitions} chosen`);
    assert.ok(tight.lines.some((l) => l.includes('±5 % needs more than the 10 repetitions allowed (--budget, --max-repetitions)')), tight.lines.join('\n'));
    assert.ok(roomy.repetitions > tight.repetitions && roomy.detectablePercent < tight.detectablePercent, `${roomy.repetitions} ${tight.repetitions}`);
    assert.match(roomy.lines[0]!, /per point, baseline and new alike \(noise CV \d+\.\d % from 1 earlier run\(s\)/);
  });

  it('noise, family and baseline samples come from the captured runs', () => {
    const base = loadFixture('base').results;
    assert.equal(baselineSamples(base, GATES), 6);
    assert.equal(familyOf(base, GATES), 2);
    const sigma = runsNoise([base], GATES)!;
    assert.ok(sigma > 0.1 && sigma < 0.3, `the noisier point of base: CV ${base.points.map((p) => p.summary.throughputBps?.cv).join(', ')}, log sd ${sigma}`);
    const none = sizeNight({ gates: [...GATES], recentNights: [], plannedFamilySize: 2, thresholdPercent: 5, roundSeconds: 20, fixedSeconds: 5, maxRepetitions: 60, asBaseline: true });
    assert.match(none.lines[0]!, /noise CV 17\.0 % from no history yet and no calibration \(vethbench calibrate\): the conservative unpinned figure/);
    // --rebaseline's baseline is also that night's run: counted once.
    const once = sizeNight({ gates: [...GATES], baseline: base, recentNights: [base], plannedFamilySize: 2, thresholdPercent: 5, roundSeconds: 20, fixedSeconds: 5, maxRepetitions: 60, asBaseline: false });
    assert.match(once.lines[0]!, /from 1 earlier run\(s\) \(the baseline included\)/);
  });
});

describe('a baseline from another host or tool version', () => {
  it('the same host: not foreign, no kernel change', () => {
    assert.deepEqual(checkBaseline(loadFixture('base').results, loadFixture('again').results), { foreign: [] });
  });

  it('machine id, CPU model, CPU count, iperf3 major: foreign; a minor version and a kernel: not', () => {
    const base = loadFixture('base').results;
    const night = loadFixture('again').results;
    base.host!.machineId = 'aaaa';
    night.host!.machineId = 'bbbb';
    night.host!.cpu.cores = 64;
    night.host!.cpu.brand = 'AMD EPYC 9654';
    night.host!.toolVersions.iperf3 = '4.0';
    night.host!.kernel = '6.12.0-debian';
    const check = checkBaseline(base, night);
    assert.deepEqual(check.foreign, ['machine id aaaa → bbbb (/etc/machine-id)', `CPU model ${base.host!.cpu.brand} → AMD EPYC 9654`, 'CPU count 2 → 64', 'iperf3 major version 3.12 → 4.0']);
    assert.deepEqual(check.kernelChange, { base: base.host!.kernel, new: '6.12.0-debian' });
    const minor = loadFixture('again').results;
    minor.host!.toolVersions.iperf3 = '3.16';
    minor.host!.kernel = '6.12.0-debian';
    assert.deepEqual(checkBaseline(loadFixture('base').results, minor).foreign, []);
  });

  it('a baseline without host facts cannot be told to be this host\'s', () => {
    const base = loadFixture('base').results;
    delete base.host;
    assert.match(checkBaseline(base, loadFixture('again').results).foreign[0]!, /host facts not recorded in the baseline/);
  });
});

/** Passed nights of the captured base run's points, their throughput medians scaled by `factors`. */
function passedNights(factors: readonly number[]): NightRecord[] {
  const base = loadFixture('base').results;
  return factors.map((f, i) => {
    const date = new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10);
    const points = nightPoints(base, undefined).map((p) => ({ ...p, metrics: Object.fromEntries(Object.entries(p.metrics).map(([k, m]) => [k, { ...m, median: m.median * f, ciLow: m.ciLow * f, ciHigh: m.ciHigh * f }])) }));
    return { schemaVersion: 1 as const, date, startedAt: `${date}T02:30:00Z`, dir: date, resultsFile: `${date}/r/results.json`, outcome: 'pass' as const, points };
  });
}

describe('runs differ by more than their samples do: the between-night spread', () => {
  const pair = () => comparePair(loadFixture('base'), loadFixture('shaped'), DEFAULT_SETTINGS);

  it(`before ${MIN_PASSED_NIGHTS} passed nights the verdict says "within-run only" and is unchanged`, () => {
    const gate = gateWithHistory(pair(), passedNights([1, 1.02, 0.98, 1.01]), DEFAULT_SETTINGS);
    assert.equal(gate.interval, 'within-run only');
    assert.match(gate.note, /within-run only — 4 passed night\(s\) so far, the between-night spread of medians joins from 5 on/);
    assert.equal(gate.pair.counts.regressed, pair().counts.regressed);
    assert.ok(gate.pair.points.every((p) => p.metrics.filter((m) => m.gates).every((m) => m.reason.endsWith('(within-run only)'))));
  });

  it('steady nights: the interval widens a little and the 40 % slowdown stays regressed', () => {
    const gate = gateWithHistory(pair(), passedNights([1, 1.01, 0.99, 1.005, 0.995, 1.0]), DEFAULT_SETTINGS);
    assert.equal(gate.interval, 'with between-night spread');
    assert.equal(gate.pair.counts.regressed, 2);
    const m = gate.pair.points[0]!.metrics.find((x) => x.gates)!;
    const before = pair().points.find((p) => p.key === gate.pair.points[0]!.key)!.metrics.find((x) => x.gates)!;
    assert.ok(m.shift.ciLowPercent! <= before.shift.ciLowPercent! && m.shift.ciHighPercent! >= before.shift.ciHighPercent!, 'only wider');
    assert.match(m.reason, /adds the between-night spread of medians \(±\d+\.\d % at 95 %, over 6 passed nights\)/);
  });

  it('nights that swing ±35 %: the same slowdown can no longer be told from night-to-night variation', () => {
    const factors = [1, 1.35, 0.7, 1.3, 0.65, 1.0];
    const spread = [...betweenNightSpread(passedNights(factors)).values()][0]!;
    assert.ok(spread.tau > 0.2, `τ ${spread.tau}`);
    const gate = gateWithHistory(pair(), passedNights(factors), DEFAULT_SETTINGS);
    assert.equal(gate.pair.counts.regressed, 0);
    assert.equal(gate.pair.counts.undecided, 2);
  });
});

describe('--confirm and a busy host', () => {
  it('a regression measured again: confirmed when it repeats, undecided (not a pass) when it does not', () => {
    const first = comparePair(loadFixture('base'), loadFixture('shaped'), DEFAULT_SETTINGS);
    const repeated = applyConfirmation(first, comparePair(loadFixture('base'), loadFixture('shaped'), DEFAULT_SETTINGS));
    assert.equal(repeated.confirmed, true);
    assert.equal(repeated.pair.counts.regressed, 2);
    const gone = applyConfirmation(first, comparePair(loadFixture('base'), loadFixture('again'), DEFAULT_SETTINGS));
    assert.equal(gone.confirmed, false);
    assert.equal(gone.pair.counts.regressed, 0);
    assert.equal(gone.pair.counts.undecided, 2);
    assert.match(gone.pair.points[0]!.reason, /not confirmed: the second measurement \(--confirm\) did not regress here/);
  });

  it('an invalid point whose reason is "host busy" marks the night busy; other invalid reasons do not', () => {
    const pair = comparePair(loadFixture('base'), loadFixture('again'), DEFAULT_SETTINGS);
    assert.equal(hostWasBusy(pair), false);
    const p = pair.points[0]!;
    const m = p.metrics.find((x) => x.gates)!;
    Object.assign(m, { verdict: 'invalid', reason: 'host busy (neighbours used 1.6 of 2 cores during 7 of 12 samples)' });
    Object.assign(p, { verdict: 'invalid', reason: `${m.label}: ${m.reason}` });
    assert.equal(hostWasBusy(pair), true);
    Object.assign(m, { reason: '2 failed sample(s)' });
    Object.assign(p, { reason: 'throughput: 2 failed sample(s)' });
    assert.equal(hostWasBusy(pair), false);
  });

  it('every sample of the night contaminated: the points stay "host busy" through the gate\'s interval, and the night is busy', () => {
    const night = loadFixture('again');
    for (const p of night.results.points) p.samples = p.samples.map((s) => ({ ...s, contaminated: true, interference: { neighbourCores: 1, stealCores: 0, otherRuns: [] } }));
    const gate = gateWithHistory(comparePair(loadFixture('base'), night, DEFAULT_SETTINGS), passedNights([1, 1.01, 0.99, 1.005, 0.995, 1.0]), DEFAULT_SETTINGS);
    assert.ok(gate.pair.points.every((p) => p.verdict === 'invalid' && /host busy \(neighbours used 1\.0 of \d+ core\(s\) during 6 of 6 samples\)/.test(p.reason)), gate.pair.points.map((p) => p.reason).join('; '));
    assert.equal(hostWasBusy(gate.pair), true);
  });
});
