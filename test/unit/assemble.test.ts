import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPlan } from '../../src/plan/expand.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import type { Sample } from '../../src/results/schema.ts';
import { sample, scenario, settings } from '../helpers/builders.ts';

// p1 = tcp gro=on tso=on, p2 = tcp gro=on tso=off.
const points = expandPlan(scenario({ matrix: { gro: ['on'], tso: ['on', 'off'] } }), settings()).points;
const both = (gro: 'on' | 'off', tso: 'on' | 'off'): Sample['effective'] => ({ vb1a2bcli0: { gro, tso }, vb1a2bsrv0: { gro, tso } });

describe('assemblePoints', () => {
  it('keeps every point, in plan order, with its identity and requested knobs', () => {
    const results = assemblePoints(points, []);
    assert.deepEqual(results.map((p) => [p.id, p.key, p.label, p.link, p.requested]), [
      ['p1', 'veth|gro=on,tso=on|tcp', 'tcp gro=on tso=on', 'veth', { gro: 'on', tso: 'on' }],
      ['p2', 'veth|gro=on,tso=off|tcp', 'tcp gro=on tso=off', 'veth', { gro: 'on', tso: 'off' }],
    ]);
    assert.deepEqual(results[0]!.workload, points[0]!.workload);
    assert.deepEqual(results.map((p) => [p.samples, p.summary, p.effective]), [[[], {}, {}], [[], {}, {}]]);
  });

  it('gives each point its own samples, sorted by trial', () => {
    const samples = [
      sample({ pointId: 'p2', trial: 3 }), sample({ pointId: 'p1', trial: 2, repetition: 1 }),
      sample({ pointId: 'p2', trial: 0 }), sample({ pointId: 'p1', trial: 1 }), sample({ pointId: 'p9', trial: 4 }),
    ];
    const [p1, p2] = assemblePoints(points, samples);
    assert.deepEqual(p1!.samples.map((s) => s.trial), [1, 2]);
    assert.deepEqual(p2!.samples.map((s) => s.trial), [0, 3]);
  });

  it('summarizes ok samples only, and keeps failed and skipped samples in samples[]', () => {
    const samples = [
      sample({ pointId: 'p1', trial: 0, metrics: { throughputBps: 30e9, retransmits: 0 } }),
      sample({ pointId: 'p1', trial: 2, metrics: { throughputBps: 34e9, retransmits: 4 } }),
      sample({ pointId: 'p1', trial: 4, status: 'failed', reason: 'iperf3: connection refused', metrics: { throughputBps: 1e9, retransmits: 100 } }),
      sample({ pointId: 'p1', trial: 6, status: 'skipped', reason: 'not supported', metrics: { throughputBps: 2e9 } }),
    ];
    const [p1] = assemblePoints(points, samples);
    assert.deepEqual(p1!.samples.map((s) => [s.trial, s.status]), [[0, 'ok'], [2, 'ok'], [4, 'failed'], [6, 'skipped']]);
    assert.deepEqual(p1!.summary, {
      // n = 2: no 95% interval exists; the CI is [min, max] with its true confidence, 50%.
      throughputBps: { n: 2, median: 32e9, mean: 32e9, stddev: Math.SQRT2 * 2e9, min: 30e9, max: 34e9, cv: (Math.SQRT2 * 2e9) / 32e9, ciLow: 30e9, ciHigh: 34e9, ciConfidence: 0.5, outliers: [] },
      retransmits: { n: 2, median: 2, mean: 2, stddev: Math.SQRT2 * 2, min: 0, max: 4, cv: Math.SQRT2, ciLow: 0, ciHigh: 4, ciConfidence: 0.5, outliers: [] },
    });
  });

  it('leaves a metric no sample reported absent, not 0', () => {
    const samples = [
      sample({ pointId: 'p1', trial: 0, metrics: { throughputBps: 30e9 } }),
      sample({ pointId: 'p1', trial: 1, metrics: { throughputBps: 32e9, cpuHostPercent: 50 } }),
      sample({ pointId: 'p1', trial: 2 }),
    ];
    const [p1] = assemblePoints(points, samples);
    assert.deepEqual(Object.keys(p1!.summary), ['throughputBps', 'cpuHostPercent']);
    assert.equal(p1!.summary.throughputBps!.n, 2);
    assert.equal(p1!.summary.cpuHostPercent!.n, 1);
    assert.equal('retransmits' in p1!.summary, false);
    assert.equal('lossPercent' in p1!.summary, false);
  });

  it('has an empty summary when every sample failed', () => {
    const [, p2] = assemblePoints(points, [sample({ pointId: 'p2', trial: 0, status: 'failed', reason: 'timeout' })]);
    assert.deepEqual(p2!.summary, {});
    assert.equal(p2!.samples.length, 1);
  });

  it('reports the effective value when every interface of every sample agrees', () => {
    const samples = [sample({ pointId: 'p2', trial: 0, effective: both('on', 'off') }), sample({ pointId: 'p2', trial: 1, effective: both('on', 'off') })];
    assert.deepEqual(assemblePoints(points, samples)[1]!.effective, { gro: 'on', tso: 'off' });
  });

  it('reports an effective value that differs from the requested one as it is', () => {
    const [p1] = assemblePoints(points, [sample({ pointId: 'p1', trial: 0, effective: both('on', 'off') })]);
    assert.deepEqual(p1!.requested, { gro: 'on', tso: 'on' });
    assert.deepEqual(p1!.effective, { gro: 'on', tso: 'off' });
  });

  it('says "mixed" when the interfaces of one sample disagree', () => {
    const effective = { vb1a2bcli0: { gro: 'on', tso: 'off' }, vb1a2bsrv0: { gro: 'on', tso: 'on' } } as const;
    assert.deepEqual(assemblePoints(points, [sample({ pointId: 'p1', trial: 0, effective })])[0]!.effective, { gro: 'on', tso: 'mixed' });
  });

  it('says "mixed" when samples disagree', () => {
    const samples = [sample({ pointId: 'p1', trial: 0, effective: both('on', 'on') }), sample({ pointId: 'p1', trial: 5, effective: both('off', 'on') })];
    assert.deepEqual(assemblePoints(points, samples)[0]!.effective, { gro: 'mixed', tso: 'on' });
  });

  it('leaves out a knob that was not read back, and knobs that were not requested', () => {
    const samples = [sample({ pointId: 'p1', trial: 0, effective: { vb1a2bcli0: { tso: 'on', gso: 'on' } } }), sample({ pointId: 'p1', trial: 1 })];
    assert.deepEqual(assemblePoints(points, samples)[0]!.effective, { tso: 'on' });
  });
});
