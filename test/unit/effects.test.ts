import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeEffects, enumerateEffects, pairedSamples, type EffectPoint, type Level } from '../../src/stats/effects.ts';

const ROUNDS = 12;
/** Deterministic ±1 % wobble around `median`, one value per round (a different phase per point). */
function rounds(median: number, phase: number, metric = 'throughputBps', skip: number[] = []): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>();
  for (let r = 1; r <= ROUNDS; r++) if (!skip.includes(r)) out.set(r, { [metric]: median * Math.exp(0.01 * ((((r + phase) * 7) % 11) - 5) / 5) });
  return out;
}
function point(key: string, knobs: Record<string, Level>, fields: Record<string, Level> = {}, protocol = 'tcp', median = 10e9, link = 'veth', skip: number[] = []): EffectPoint {
  return { key, link, knobs, workload: { tool: 'iperf3', protocol, fields }, rounds: rounds(median, key.length + Object.keys(knobs).length + median / 1e9, 'throughputBps', skip) };
}
const kernel = (d: string): Level | undefined => ({ gro: 'off', tso: 'on' } as Record<string, Level>)[d];
const metric = { name: 'throughputBps', direction: 'higher' as const };

describe('effects: which pairs of points make an effect', () => {
  it('gro × tso: each level against the kernel default (tso=on even when listed second), at each combination of the other knob', () => {
    const points = [
      point('a', { gro: 'off', tso: 'off' }), point('b', { gro: 'on', tso: 'off' }),
      point('c', { gro: 'off', tso: 'on' }), point('d', { gro: 'on', tso: 'on' }),
    ];
    const specs = enumerateEffects(points, kernel);
    assert.deepEqual(specs.map((s) => `${s.dimension} ${s.level} vs ${s.reference} (${JSON.stringify(s.conditions.knobs)}): ${s.levelPoint} vs ${s.referencePoint}`), [
      'gro on vs off ({"tso":"off"}): b vs a',
      'gro on vs off ({"tso":"on"}): d vs c',
      'tso off vs on ({"gro":"off"}): a vs c',
      'tso off vs on ({"gro":"on"}): b vs d',
    ]);
    assert.deepEqual(specs[0]!.conditions, { link: 'veth', workload: 'iperf3 tcp', knobs: { tso: 'off' } });
  });

  it('without a known default the first listed level is the reference; the link kind is a dimension too', () => {
    const points = [point('v', { mtu: 9000 }, {}, 'tcp', 10e9, 'veth'), point('m', { mtu: 9000 }, {}, 'tcp', 10e9, 'macvlan'), point('v2', { mtu: 1500 }, {}, 'tcp', 10e9, 'veth')];
    const specs = enumerateEffects(points, (d) => (d === 'mtu' ? 1500 : undefined));
    assert.deepEqual(specs.map((s) => `${s.dimension} ${s.level} vs ${s.reference}: ${s.levelPoint} vs ${s.referencePoint}`), [
      'link macvlan vs veth: m vs v',
      'mtu 9000 vs 1500: v vs v2',
    ]);
    assert.equal(specs[0]!.conditions.link, undefined);
  });

  it('workload effects only between workloads of the same tool and protocol that differ in that one field', () => {
    const points = [
      point('t1', {}, { streams: 1 }), point('t4', {}, { streams: 4 }),
      point('u64', {}, { lengthBytes: 64, bitrate: '0' }, 'udp'), point('u1400', {}, { lengthBytes: 1400, bitrate: '0' }, 'udp'),
      point('u1400slow', {}, { lengthBytes: 1400, bitrate: '1G' }, 'udp'), point('u64fast', {}, { lengthBytes: 9000, bitrate: '2G' }, 'udp'),
      point('tudp', {}, { streams: 4 }, 'udp'),
    ];
    const specs = enumerateEffects(points, () => undefined);
    assert.deepEqual(specs.map((s) => `${s.dimension} ${s.level} vs ${s.reference} (${s.conditions.workload}): ${s.levelPoint} vs ${s.referencePoint}`), [
      'workload.streams 4 vs 1 (iperf3 tcp): t4 vs t1',
      'workload.lengthBytes 1400 vs 64 (iperf3 udp bitrate=0): u1400 vs u64',
      'workload.bitrate 1G vs 0 (iperf3 udp lengthBytes=1400): u1400slow vs u1400',
    ]);
  });

  it('with include/exclude an effect exists only where both points exist', () => {
    const points = [point('a', { gro: 'off', tso: 'off' }), point('b', { gro: 'on', tso: 'off' }), point('c', { gro: 'off', tso: 'on' })];
    assert.deepEqual(enumerateEffects(points, kernel).map((s) => s.id), ['gro=on vs off @ a', 'tso=off vs on @ c']);
  });

  it('only rounds in which both points were measured count', () => {
    const a = point('a', { gro: 'off' }, {}, 'tcp', 10e9, 'veth', [2, 5]);
    const b = point('b', { gro: 'on' }, {}, 'tcp', 10e9, 'veth', [5, 7]);
    const paired = pairedSamples(a, b, 'throughputBps');
    assert.deepEqual(paired.rounds, [1, 3, 4, 6, 8, 9, 10, 11, 12]);
    assert.equal(paired.reference[0], a.rounds.get(1)!.throughputBps);
    assert.equal(paired.level[1], b.rounds.get(3)!.throughputBps);
  });
});

describe('effects: simple, pooled, interaction', () => {
  // GRO helps by +25 % with TSO off and does nothing with TSO on; TSO off costs −40 % at either GRO level… except
  // that GRO recovers some of it — so tso's effect differs too.
  const points = [
    point('a', { gro: 'off', tso: 'off' }, {}, 'tcp', 8e9), point('b', { gro: 'on', tso: 'off' }, {}, 'tcp', 10e9),
    point('c', { gro: 'off', tso: 'on' }, {}, 'tcp', 20e9), point('d', { gro: 'on', tso: 'on' }, {}, 'tcp', 20e9),
  ];
  const effects = computeEffects(points, enumerateEffects(points, kernel), { metrics: [metric], thresholdPercent: 5, confidence: 0.95 });
  const line = (e: (typeof effects)[number]) => `${e.kind} ${e.dimension} ${e.level} vs ${e.reference} ${JSON.stringify(e.conditions.knobs)}${e.versus ? ` − ${JSON.stringify(e.versus.knobs)}` : ''}: ${e.verdict}`;

  it('simple effects are decided per condition: GRO better with TSO off, equivalent with TSO on', () => {
    const simple = effects.filter((e) => e.kind === 'simple').map(line);
    assert.deepEqual(simple, [
      'simple gro on vs off {"tso":"off"}: better',
      'simple gro on vs off {"tso":"on"}: equivalent',
      'simple tso off vs on {"gro":"off"}: worse',
      'simple tso off vs on {"gro":"on"}: worse',
    ]);
    const groTsoOff = effects.find((e) => e.kind === 'simple' && e.dimension === 'gro' && e.conditions.knobs.tso === 'off')!;
    assert.ok(Math.abs(groTsoOff.estimatePercent! - 25) < 1.5, `${groTsoOff.estimatePercent}`);
    assert.equal(groTsoOff.nReference, 12);
  });

  it('where the conditions disagree an interaction is flagged (difference of the log-shifts, its own interval) and nothing is pooled', () => {
    const gro = effects.filter((e) => e.dimension === 'gro' && e.kind !== 'simple');
    assert.deepEqual(gro.map(line), ['interaction gro on vs off {"tso":"off"} − {"tso":"on"}: better']);
    assert.ok(Math.abs(gro[0]!.estimatePercent! - 25) < 2, `${gro[0]!.estimatePercent}`);
    assert.ok(gro[0]!.ciLowPercent! > 15 && gro[0]!.ciHighPercent! < 35, JSON.stringify(gro[0]));
  });

  it('where they agree within the noise the effect is pooled over the conditions', () => {
    const same = [
      point('a', { gro: 'off', tso: 'off' }, {}, 'tcp', 12e9), point('b', { gro: 'on', tso: 'off' }, {}, 'tcp', 15e9),
      point('c', { gro: 'off', tso: 'on' }, {}, 'tcp', 20e9), point('d', { gro: 'on', tso: 'on' }, {}, 'tcp', 25e9),
    ];
    const all = computeEffects(same, enumerateEffects(same, kernel), { metrics: [metric], thresholdPercent: 5, confidence: 0.95 });
    const pooledGro = all.filter((e) => e.dimension === 'gro' && e.kind !== 'simple');
    assert.deepEqual(pooledGro.map(line), ['pooled gro on vs off {}: better']);
    assert.equal(pooledGro[0]!.nReference, 24);
    assert.ok(Math.abs(pooledGro[0]!.estimatePercent! - 25) < 1.5);
  });

  it('pooled and interaction effects stay within one workload: a TCP and a UDP throughput are never pooled or compared', () => {
    // GRO: +25 % for TCP, −20 % for UDP (two workloads, one knob): each workload is pooled over tso on its own.
    const mixed = [
      point('a', { gro: 'off', tso: 'off' }, {}, 'tcp', 8e9), point('b', { gro: 'on', tso: 'off' }, {}, 'tcp', 10e9),
      point('c', { gro: 'off', tso: 'on' }, {}, 'tcp', 8e9), point('d', { gro: 'on', tso: 'on' }, {}, 'tcp', 10e9),
      point('e', { gro: 'off', tso: 'off' }, {}, 'udp', 1e9), point('f', { gro: 'on', tso: 'off' }, {}, 'udp', 0.8e9),
      point('g', { gro: 'off', tso: 'on' }, {}, 'udp', 1e9), point('h', { gro: 'on', tso: 'on' }, {}, 'udp', 0.8e9),
    ];
    const all = computeEffects(mixed, enumerateEffects(mixed, kernel), { metrics: [metric], thresholdPercent: 5, confidence: 0.95 });
    const gro = all.filter((e) => e.dimension === 'gro' && e.kind !== 'simple');
    assert.deepEqual(gro.map((e) => `${e.kind} ${e.conditions.workload}${e.versus ? ` − ${e.versus.workload}` : ''}: ${e.verdict}`), [
      'pooled iperf3 tcp: better',
      'pooled iperf3 udp: worse',
    ]);
  });

  it('a metric the workload never writes makes no effect; a missing side makes an invalid one', () => {
    const none = computeEffects(points, enumerateEffects(points, kernel), { metrics: [{ name: 'pps', direction: 'higher' }], thresholdPercent: 5, confidence: 0.95 });
    assert.deepEqual(none, []);
    const broken = [{ ...points[0]!, rounds: new Map([[1, { throughputBps: 1 }]]) }, { ...points[1]!, rounds: new Map([[2, { throughputBps: 1 }]]) }];
    const invalid = computeEffects(broken, enumerateEffects(broken, kernel), { metrics: [metric], thresholdPercent: 5, confidence: 0.95 });
    assert.equal(invalid[0]!.verdict, 'invalid');
  });
});
