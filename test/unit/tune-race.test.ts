// The racing rule's parts on hand-made samples: when a candidate is dropped (and why), when the race stops, the
// tie-break, knobs that made no difference, the candidate space, and the schedule's budget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from '../../src/plan/expand.ts';
import type { Sample } from '../../src/results/schema.ts';
import { MAX_REMEASURES } from '../../src/run/decisions.ts';
import { TuneSchedule, screeningTrials } from '../../src/run/tune-schedule.ts';
import { planSequential } from '../../src/stats/sequential.ts';
import { nonDefaultKnobs, tuneSpace } from '../../src/tune/candidates.ts';
import { raceState, type CandidateSamples } from '../../src/tune/race.ts';
import { noDifferenceKnobs, recommend } from '../../src/tune/recommend.ts';

/** Deterministic spread of ±4 % around `centre`: rounds differ, no two candidates tie exactly. */
const wobble = [1, 1.03, 0.97, 1.02, 0.98, 1.04, 0.96, 1.01, 0.99, 1.035, 0.965, 1.015];
function candidate(id: string, centre: number, rounds: number, failed: readonly number[] = []): CandidateSamples {
  const values = new Map<number, number>();
  for (let r = 0; r < rounds; r++) if (!failed.includes(r)) values.set(r, centre * wobble[r % wobble.length]! * (1 + 0.001 * id.length));
  return { id, values, attempted: new Set(Array.from({ length: rounds }, (_, r) => r)) };
}
const plan3 = planSequential({ familySize: 2, thresholdPercent: 5, maxRepetitions: 12 });

describe('tune race: drop, stop, tie-break', () => {
  it('a candidate 40 % worse is dropped at the first look that decides it, with the leader, n and the shift in the reason', () => {
    const state = raceState([candidate('a', 100, 5), candidate('b', 60, 5), candidate('c', 99, 5)], plan3, 'higher');
    assert.deepEqual(state.dropped.map((d) => d.candidate), ['b']);
    const drop = state.dropped[0]!;
    assert.equal(drop.leader, 'a');
    assert.equal(drop.n, 5);
    assert.equal(drop.shift!.verdict, 'worse');
    assert.match(drop.why, /decided worse than the leader a at the look at n = 5: -4\d\.\d %/);
    assert.equal(state.finished, undefined, 'c is undecided against a: the race goes on');
    assert.deepEqual(state.remaining, ['a', 'c']);
  });

  it('nothing is decided before the first look; the next look waits for every remaining candidate', () => {
    const early = raceState([candidate('a', 100, 4), candidate('b', 50, 4)], plan3, 'higher');
    assert.equal(early.looks.length, 0);
    assert.equal(early.dropped.length, 0);
    const partial = raceState([candidate('a', 100, 8), candidate('c', 99, 7)], planSequential({ familySize: 1, thresholdPercent: 5, maxRepetitions: 12 }), 'higher');
    assert.deepEqual(partial.looks.map((l) => l.n), [5], 'c has 7 of the 8 rounds: no look at 8 yet');
  });

  it('stops when the leader is decided against every other candidate', () => {
    const state = raceState([candidate('a', 100, 12), candidate('b', 60, 12), candidate('c', 55, 12)], plan3, 'higher');
    assert.deepEqual(state.remaining, ['a']);
    assert.match(state.finished!, /decided better than every other candidate \(look at n = 5\)/);
  });

  it('direction lower: the smaller latency leads, the larger is dropped', () => {
    const state = raceState([candidate('slow', 20, 5), candidate('fast', 10, 5)], planSequential({ familySize: 1, thresholdPercent: 5, maxRepetitions: 12 }), 'lower');
    assert.equal(state.leader, 'fast');
    assert.deepEqual(state.dropped.map((d) => d.candidate), ['slow']);
  });

  it('stops at the maximum with the undecided ones still listed', () => {
    const state = raceState([candidate('a', 100, 12), candidate('c', 97, 12)], planSequential({ familySize: 1, thresholdPercent: 5, maxRepetitions: 12 }), 'higher');
    assert.match(state.finished!, /maximum of 12 rounds is reached with 1 candidate\(s\) undecided/);
    assert.deepEqual(state.remaining.sort(), ['a', 'c']);
  });

  it('a candidate whose every sample failed is dropped with that reason', () => {
    const state = raceState([candidate('a', 100, 5), candidate('dead', 100, 5, [0, 1, 2, 3, 4])], plan3, 'higher');
    assert.equal(state.dropped[0]!.candidate, 'dead');
    assert.match(state.dropped[0]!.why, /no valid sample in 5 rounds/);
  });

  it('tie-break: among candidates not decided worse, the one with the fewest non-default knobs is recommended; the tie is listed', () => {
    const state = raceState([candidate('tuned', 101, 5), candidate('plain', 100, 5), candidate('bad', 50, 5)], plan3, 'higher');
    assert.equal(state.leader, 'tuned');
    const rec = recommend(state, [{ id: 'tuned', knobs: { gro: 'on', tso: 'off' }, nonDefault: 2 }, { id: 'plain', knobs: { gro: 'off', tso: 'on' }, nonDefault: 0 }, { id: 'bad', knobs: { gro: 'off', tso: 'off' }, nonDefault: 1 }]);
    assert.deepEqual(rec.contenders, ['tuned', 'plain']);
    assert.equal(rec.recommended, 'plain');
    assert.match(rec.why, /2 candidates were not decided worse than the leader \(tuned\): this one has the fewest non-default knobs \(0 vs the leader's 2\)/);
  });

  it('names the knobs that made no difference: gro never decided who stayed, tso did', () => {
    const c = (id: string, gro: string, tso: string) => ({ id, knobs: { gro, tso }, nonDefault: 0 });
    const candidates = [c('p1', 'off', 'on'), c('p2', 'on', 'on'), c('p3', 'off', 'off'), c('p4', 'on', 'off')];
    assert.deepEqual(noDifferenceKnobs(candidates, new Set(['p1', 'p2'])), ['gro']);
    assert.deepEqual(noDifferenceKnobs(candidates, new Set(['p1', 'p2', 'p3', 'p4'])), ['gro', 'tso']);
    assert.deepEqual(noDifferenceKnobs(candidates, new Set(['p1'])), []);
  });
});

const workload = { label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false } as unknown as Point['workload'];
const point = (id: string, knobs: Point['knobs']): Point => ({ id, key: `veth|${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(',')}|tcp`, link: 'veth', knobs, workload, label: `tcp ${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ')}` });

describe('tune space and schedule', () => {
  const points = [point('p1', { gro: 'off', tso: 'on' }), point('p2', { gro: 'on', tso: 'on' }), point('p3', { gro: 'off', tso: 'off' }), point('p4', { gro: 'on', tso: 'off' })];

  it('the defaults are the kernel default of each swept knob, found among the candidates', () => {
    const space = tuneSpace(points, 'veth', 'tcp', { maxCandidates: 16, seed: 1 });
    assert.equal(space.defaults.id, 'p1');
    assert.deepEqual(nonDefaultKnobs({ gro: 'on', tso: 'on', window: 65536 }), ['gro', 'window']);
  });

  it('a space beyond --max-candidates is sampled (seeded, the defaults kept) and says so', () => {
    const space = tuneSpace(points, 'veth', 'tcp', { maxCandidates: 2, seed: 5 });
    assert.equal(space.candidates.length, 2);
    assert.ok(space.candidates.includes(space.defaults));
    assert.match(space.sampledNote!, /the space has 4 points, more than the 2 that are screened \(--max-candidates\): 2 were sampled with seed 5, the host defaults among them/);
    assert.deepEqual(tuneSpace(points, 'veth', 'tcp', { maxCandidates: 2, seed: 5 }).candidates.map((p) => p.id), space.candidates.map((p) => p.id));
  });

  it('without a defaults candidate an extra point is made for the confirmation', () => {
    const space = tuneSpace(points.slice(1), 'veth', 'tcp', { maxCandidates: 16, seed: 1 });
    assert.equal(space.defaults.id, 'p5', 'a fresh id after the plan\'s own');
    assert.deepEqual(space.defaults.knobs, { gro: 'off', tso: 'on' });
    assert.match(space.defaults.label, /^defaults /);
  });

  it('the budget: the race stops before a round that would eat the confirmation\'s reserve, then confirms', () => {
    // The defaults are not a candidate here (measured only in the confirmation), so the reserve is always kept.
    const space = tuneSpace(points.slice(1), 'veth', 'tcp', { maxCandidates: 16, seed: 1 });
    let now = 0;
    const sequential = planSequential({ familySize: 3, thresholdPercent: 5, maxRepetitions: 12 });
    // 3 candidates × 5 screening rounds = 15 trials, then rounds of 3; 10 s per trial; the budget: 15 + 3 + 8 trials.
    const schedule = new TuneSchedule({ metric: 'throughputBps', direction: 'higher', space, sequential, confirmRounds: 4, trialSeconds: 10, deadline: 260_000, now: () => now });
    const trials = screeningTrials(space, 5, 1);
    assert.equal(trials.length, 15);
    const centre: Record<string, number> = { p4: 100, p2: 101, p3: 99 };
    const samples: Sample[] = [];
    const measure = (ts: typeof trials) => { for (const t of ts) { samples.push({ pointId: t.pointId, trial: t.index, repetition: t.repetition, status: 'ok', startedAt: '', durationMs: 1, metrics: { throughputBps: centre[t.pointId]! * wobble[(t.repetition + t.pointId.length) % 12]! } }); now += 10_000; } };
    measure(trials);
    const plan = { points: [...space.candidates, space.defaults], trials, settings: { seed: 1 } } as unknown as Parameters<TuneSchedule['next']>[0];
    const round = schedule.next(plan, samples);
    assert.equal(round.trials?.length, 3, 'one race round fits with 8 trials kept for the confirmation');
    measure(round.trials!);
    const stop = schedule.next(plan, samples);
    assert.equal(schedule.phase, 'confirm');
    assert.match(schedule.raceStopped, /the budget ends \(keeping 8 trial\(s\) for the confirmation\)/);
    assert.equal(schedule.confirmFrom, 6);
    assert.deepEqual(new Set(stop.trials!.map((t) => t.pointId)), new Set([schedule.recommendation!.recommended, space.defaults.id]));
    assert.ok(stop.trials!.every((t) => t.repetition === 6));
  });

  it('a contaminated sample is measured again in its round, race and confirmation alike, at most MAX_REMEASURES times', () => {
    const space = tuneSpace(points.slice(1), 'veth', 'tcp', { maxCandidates: 16, seed: 1 });
    const sequential = planSequential({ familySize: 3, thresholdPercent: 5, maxRepetitions: 12 });
    const schedule = new TuneSchedule({ metric: 'throughputBps', direction: 'higher', space, sequential, confirmRounds: 2, trialSeconds: 10 });
    const trials = screeningTrials(space, 5, 1);
    const centre: Record<string, number> = { p4: 200, p2: 100, p3: 99, p5: 100 };
    const samples: Sample[] = [];
    let index = 0;
    const measure = (ts: readonly { pointId: string; repetition: number }[], dirty: (t: { pointId: string; repetition: number }) => boolean = () => false) => {
      for (const t of ts) samples.push({ pointId: t.pointId, trial: index++, repetition: t.repetition, status: 'ok', startedAt: '', durationMs: 1, metrics: { throughputBps: centre[t.pointId]! * wobble[(t.repetition + t.pointId.length) % 12]! }, ...(dirty(t) ? { contaminated: true as const } : {}) });
    };
    measure(trials, (t) => t.pointId === 'p2' && t.repetition === 2);
    const plan = { points: [...space.candidates, space.defaults], trials, settings: { seed: 1 } } as unknown as Parameters<TuneSchedule['next']>[0];
    const again = schedule.next(plan, samples);
    assert.deepEqual(again.trials!.map((t) => [t.pointId, t.repetition]), [['p2', 2]], 'round 2 of p2 first: the first look needs it');
    assert.equal(schedule.race!.nextLook, 0, 'no look with a round unsettled');
    measure(again.trials!);
    let next = schedule.next(plan, samples);
    while (schedule.phase === 'race' && next.trials) { measure(next.trials); next = schedule.next(plan, samples); }
    assert.equal(schedule.phase, 'confirm');
    assert.equal(schedule.recommendation!.recommended, 'p4');
    // The defaults' first confirmation sample stays contaminated: measured again alone, MAX_REMEASURES times, then settled.
    const first = schedule.confirmFrom;
    measure(next.trials!, (t) => t.pointId === 'p5');
    for (let i = 0; i < MAX_REMEASURES; i++) {
      next = schedule.next(plan, samples);
      assert.deepEqual(next.trials!.map((t) => [t.pointId, t.repetition]), [['p5', first]], `re-measure ${i + 1}`);
      measure(next.trials!, () => true);
    }
    next = schedule.next(plan, samples);
    assert.deepEqual(new Set(next.trials!.map((t) => t.pointId)), new Set(['p4', 'p5']), 'then the next round, both');
    assert.ok(next.trials!.every((t) => t.repetition === first + 1));
    measure(next.trials!);
    assert.match(schedule.next(plan, samples).stop!, /2 confirmation round\(s\) against the host defaults$/);
  });
});
