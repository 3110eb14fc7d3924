import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Effect } from '../../src/stats/effects.ts';
import { effectLine, effectLines } from '../../src/report/terminal/effect-lines.ts';

const base: Effect = {
  id: 'x', metric: 'throughputBps', dimension: 'gro', level: 'on', reference: 'off', kind: 'simple',
  conditions: { link: 'veth', workload: 'tcp', knobs: { tso: 'off' } },
  estimatePercent: 25, ciLowPercent: 8, ciHighPercent: 41, confidence: 0.95, p: 0.001, pAdjusted: 0.004,
  nReference: 12, nLevel: 12, smallestDetectablePercent: 16.5, verdict: 'better',
};

describe('one line per effect, hyperfine-style', () => {
  it('better, with the interval and its real confidence', () => {
    assert.equal(effectLine(base, 5, false), 'gro on vs off (tcp, tso=off): +25.0% [+8.0%, +41.0%] (95% CI) — better');
  });
  it('equivalent names the threshold; undecided says how many more samples and why', () => {
    assert.equal(effectLine({ ...base, estimatePercent: -1, ciLowPercent: -4, ciHighPercent: 3, verdict: 'equivalent', conditions: { ...base.conditions, knobs: { tso: 'on' } } }, 5, false),
      'gro on vs off (tcp, tso=on): −1.0% [−4.0%, +3.0%] (95% CI) — equivalent within ±5 %');
    assert.equal(effectLine({ ...base, confidence: 0.9, verdict: 'undecided', moreSamplesPerArm: 14, reason: '3 vs 3 samples reach 90% at most, not the 98.8% asked for' }, 5, false),
      'gro on vs off (tcp, tso=off): +25.0% [+8.0%, +41.0%] (90% CI) — undecided, needs about 14 more per arm (3 vs 3 samples reach 90% at most, not the 98.8% asked for)');
  });
  it('an undecided effect that would need over a thousand more samples per arm says it is far from decidable, not a number', () => {
    assert.equal(effectLine({ ...base, estimatePercent: -4.1, ciLowPercent: -54.6, ciHighPercent: 95.2, verdict: 'undecided', moreSamplesPerArm: 67678 }, 5, false),
      'gro on vs off (tcp, tso=off): −4.1% [−54.6%, +95.2%] (95% CI) — undecided, far from decidable at this noise (over 1000 more per arm)');
  });
  it('invalid has no numbers, only the reason; the link kind and the metric show when they matter', () => {
    assert.equal(effectLine({ ...base, estimatePercent: null, ciLowPercent: null, ciHighPercent: null, verdict: 'invalid', reason: 'no valid samples on the level side (3 given, none finite)' }, 5, false),
      'gro on vs off (tcp, tso=off): — invalid: no valid samples on the level side (3 given, none finite)');
    assert.equal(effectLine({ ...base, dimension: 'link', level: 'macvlan:bridge', reference: 'veth', conditions: { workload: 'tcp', knobs: {} } }, 5, true),
      'link macvlan:bridge vs veth (tcp) throughput: +25.0% [+8.0%, +41.0%] (95% CI) — better');
  });
  it('simple effects first, then interactions, then pooled', () => {
    const lines = effectLines([
      { ...base, kind: 'pooled', conditions: { link: 'veth', workload: 'tcp', knobs: {} } },
      { ...base, kind: 'interaction', versus: { link: 'veth', workload: 'tcp', knobs: { tso: 'on' } } },
      base,
    ], 5);
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['gro on vs off (tcp, tso=off)', 'gro on vs off (tcp, tso=off) vs (tcp, tso=on)', 'gro on vs off (pooled']);
  });
});
