// expandPlan's exclude/include rules and --filter on numeric knobs, every planWarnings rule (docs/kernel-facts.md,
// "Knobs"), and planFromFlags refusing a sweep longer than --max-duration.
import { threadedQueueWarning } from '../../src/plan/knob-warnings.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planFromFlags, runSettings } from '../../src/cli/run-settings.ts';
import { InputError } from '../../src/errors.ts';
import { expandPlan, type Plan } from '../../src/plan/expand.ts';
import { planWarnings } from '../../src/plan/warnings.ts';
import type { ScenarioDefinition } from '../../src/scenario/types.ts';
import { groScenario, scenario, settings } from '../helpers/builders.ts';

const TCP = { tool: 'iperf3', protocol: 'tcp' } as const;
const UDP = { tool: 'iperf3', protocol: 'udp' } as const;
const plan = (over: Partial<ScenarioDefinition>, filter: Record<string, string[]> = {}): Plan => expandPlan(scenario(over), settings({ filter }));
const labels = (p: Plan): string[] => p.points.map((x) => x.label);
const warningsOf = (over: Partial<ScenarioDefinition>, filter: Record<string, string[]> = {}): string[] => planWarnings(plan(over, filter));

describe('expandPlan: exclude', () => {
  const matrix = { gro: ['off', 'on'], tso: ['on', 'off'] } as const;
  const base = { matrix: { gro: [...matrix.gro], tso: [...matrix.tso] }, workloads: [TCP, UDP] } satisfies Partial<ScenarioDefinition>;

  it('drops the points matching a complete rule, for every workload, and numbers the rest p1…', () => {
    const p = plan({ ...base, exclude: [{ gro: 'on', tso: 'on' }] });
    assert.deepEqual(p.points.map((x) => [x.id, x.label]), [
      ['p1', 'tcp gro=off tso=on'], ['p2', 'tcp gro=off tso=off'], ['p3', 'tcp gro=on tso=off'],
      ['p4', 'udp-1400B gro=off tso=on'], ['p5', 'udp-1400B gro=off tso=off'], ['p6', 'udp-1400B gro=on tso=off'],
    ]);
    assert.equal(p.trials.length, 12);
  });

  it('a partial rule matches every point that has its values', () => {
    assert.deepEqual(labels(plan({ ...base, exclude: [{ tso: 'off' }] })), ['tcp gro=off tso=on', 'tcp gro=on tso=on', 'udp-1400B gro=off tso=on', 'udp-1400B gro=on tso=on']);
  });

  it('a rule with a workload only matches that workload; a workload alone drops all its points', () => {
    assert.deepEqual(labels(plan({ ...base, exclude: [{ gro: 'on', workload: 'udp-1400B' }] })), [
      'tcp gro=off tso=on', 'tcp gro=off tso=off', 'tcp gro=on tso=on', 'tcp gro=on tso=off', 'udp-1400B gro=off tso=on', 'udp-1400B gro=off tso=off',
    ]);
    assert.deepEqual(labels(plan({ ...base, exclude: [{ workload: 'tcp' }] })), ['udp-1400B gro=off tso=on', 'udp-1400B gro=off tso=off', 'udp-1400B gro=on tso=on', 'udp-1400B gro=on tso=off']);
  });

  it('several rules: a point matching any of them is dropped', () => {
    assert.deepEqual(labels(plan({ ...base, exclude: [{ gro: 'off', workload: 'tcp' }, { tso: 'on', workload: 'udp-1400B' }] })), [
      'tcp gro=on tso=on', 'tcp gro=on tso=off', 'udp-1400B gro=off tso=off', 'udp-1400B gro=on tso=off',
    ]);
  });

  it('matches numeric knobs by value', () => {
    assert.deepEqual(labels(plan({ matrix: { mtu: [1500, 9000], txqueuelen: [100, 1000] }, exclude: [{ mtu: 9000, txqueuelen: 100 }] })), [
      'tcp mtu=1500 txqueuelen=100', 'tcp mtu=1500 txqueuelen=1000', 'tcp mtu=9000 txqueuelen=1000',
    ]);
  });
});

describe('expandPlan: include', () => {
  it('adds exactly the rule\'s point after the product, for every workload', () => {
    const p = plan({ matrix: { mtu: [1500], gro: ['off'] }, include: [{ mtu: 9000, gro: 'on' }], workloads: [TCP, UDP] });
    assert.deepEqual(p.points.map((x) => [x.id, x.key, x.knobs]), [
      ['p1', 'veth|mtu=1500,gro=off|tcp', { mtu: 1500, gro: 'off' }],
      ['p2', 'veth|mtu=9000,gro=on|tcp', { mtu: 9000, gro: 'on' }],
      ['p3', 'veth|mtu=1500,gro=off|udp-1400B', { mtu: 1500, gro: 'off' }],
      ['p4', 'veth|mtu=9000,gro=on|udp-1400B', { mtu: 9000, gro: 'on' }],
    ]);
  });

  it('a rule naming a workload adds the point for that workload only, without the workload as a knob', () => {
    const p = plan({ matrix: { gro: ['off'] }, include: [{ gro: 'on', workload: 'udp-1400B' }], workloads: [TCP, UDP] });
    assert.deepEqual(p.points.map((x) => [x.label, x.knobs]), [['tcp gro=off', { gro: 'off' }], ['udp-1400B gro=off', { gro: 'off' }], ['udp-1400B gro=on', { gro: 'on' }]]);
  });

  it('duplicates collapse: a rule equal to a product point, or given twice, adds nothing more', () => {
    const p = plan({ matrix: { gro: ['off', 'on'], mtu: [1500] }, include: [{ mtu: 1500, gro: 'on' }, { gro: 'off', mtu: 9000 }, { mtu: 9000, gro: 'off' }] });
    assert.deepEqual(p.points.map((x) => [x.id, x.label]), [['p1', 'tcp mtu=1500 gro=off'], ['p2', 'tcp mtu=1500 gro=on'], ['p3', 'tcp mtu=9000 gro=off']]);
  });

  it('an include rule brings back a point an exclude rule dropped', () => {
    assert.deepEqual(labels(plan({ matrix: { gro: ['off', 'on'] }, exclude: [{ gro: 'on' }], include: [{ gro: 'on' }] })), ['tcp gro=off', 'tcp gro=on']);
  });

  it('--filter applies to included points, and accepts the values include rules add', () => {
    const over = { matrix: { mtu: [1500, 9000], gro: ['on', 'off'] }, include: [{ mtu: 4000, gro: 'on' }] } satisfies Partial<ScenarioDefinition>;
    assert.deepEqual(labels(plan(over, { mtu: ['4000'] })), ['tcp mtu=4000 gro=on']);
    assert.deepEqual(labels(plan(over, { gro: ['on'] })), ['tcp mtu=1500 gro=on', 'tcp mtu=9000 gro=on', 'tcp mtu=4000 gro=on']);
    assert.throws(() => plan(over, { mtu: ['4001'] }), { name: 'InputError', message: '--filter mtu=4001: 4001 not in the sweep; values are 1500, 9000, 4000' });
  });
});

describe('expandPlan: --filter with numeric knob values', () => {
  const over = { matrix: { mtu: [1500, 9000], txqueuelen: [100, 1000], rxChannels: [1, 2] } } satisfies Partial<ScenarioDefinition>;

  it('matches a number by its decimal text', () => {
    const p = plan(over, { mtu: ['9000'], rxChannels: ['2'] });
    assert.deepEqual(p.points.map((x) => x.knobs), [{ mtu: 9000, txqueuelen: 100, rxChannels: 2 }, { mtu: 9000, txqueuelen: 1000, rxChannels: 2 }]);
    assert.deepEqual(labels(plan(over, { txqueuelen: ['100', '1000'], mtu: ['1500'], rxChannels: ['1'] })), [
      'tcp mtu=1500 txqueuelen=100 rxChannels=1', 'tcp mtu=1500 txqueuelen=1000 rxChannels=1',
    ]);
  });

  it('refuses another spelling of a number, listing the values', () => {
    assert.throws(() => plan(over, { mtu: ['9000.0', '1500'] }), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.message, '--filter mtu=9000.0,1500: 9000.0 not in the sweep; values are 1500, 9000');
      return true;
    });
  });

  it('filters string knobs with values that look like numbers (tcpRmem, affinity)', () => {
    const p = plan({ matrix: { tcpRmem: ['4096 131072 6291456', '4096 87380 4194304'], affinity: ['0,1', 'same-core'] } }, { tcpRmem: ['4096 87380 4194304'], affinity: ['0,1'] });
    assert.deepEqual(labels(p), ['tcp tcpRmem=4096 87380 4194304 affinity=0,1']);
  });
});

describe('planWarnings: one rule at a time', () => {
  const TXQ = (n: number): string => `txqueuelen is swept in ${n} point(s) with veth's default noqueue qdisc, which ignores it; sweep it together with qdisc (pfifo_fast, pfifo, bfifo, fq, fq_codel)`;
  const CHANNELS = (knob: string, n: number): string => `${knob} is swept in ${n} point(s) without NAPI (gro is not on): veth only uses its channels on the NAPI path`;
  const THREADED = (n: number): string => `threaded=on in ${n} point(s) without gro=on: veth has no NAPI there, the kernel refuses and those points are skipped`;
  const TSO_UDP = 'tso is swept but every workload is UDP: TSO only segments TCP';
  const WINDOW_UDP = 'window is swept but every workload is UDP: iperf3 -w sizes UDP socket buffers only, not a TCP window';
  const GRO_TSO = "gro is swept for TCP while the sender keeps TSO on: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)";

  it('txqueuelen swept with the default noqueue qdisc', () => {
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100, 1000] } }), [TXQ(2)]);
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100, 1000] }, workloads: [TCP, UDP] }), [TXQ(4)]);
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100, 1000], qdisc: ['noqueue', 'pfifo'] } }), [TXQ(2)], 'only the noqueue points');
  });

  it('no txqueuelen warning with a qdisc that reads it, or with a single value', () => {
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100, 1000], qdisc: ['pfifo', 'tbf:5gbit'] } }), []);
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100] } }), []);
    assert.deepEqual(warningsOf({ matrix: { txqueuelen: [100, 1000], qdisc: ['noqueue', 'pfifo'] }, exclude: [{ qdisc: 'noqueue', txqueuelen: 1000 }] }), []);
  });

  it('channels swept without gro on, rx and tx each', () => {
    assert.deepEqual(warningsOf({ matrix: { rxChannels: [1, 2] } }), [CHANNELS('rxChannels', 2)]);
    assert.deepEqual(warningsOf({ matrix: { gro: ['off'], rxChannels: [1, 2], txChannels: [1, 2] } }), [CHANNELS('rxChannels', 4), CHANNELS('txChannels', 4)]);
    assert.deepEqual(warningsOf({ matrix: { gro: ['on', 'off'], txChannels: [1, 2] }, workloads: [UDP] }), [CHANNELS('txChannels', 2)], 'counts the gro=off points only');
  });

  it('no channels warning when every point has gro on, or when channels have one value', () => {
    assert.deepEqual(warningsOf({ matrix: { gro: ['on'], rxChannels: [1, 2], txChannels: [1, 2] } }), []);
    assert.deepEqual(warningsOf({ matrix: { rxChannels: [2] } }), []);
  });

  it('threaded=on without gro=on, even when threaded is not swept', () => {
    assert.deepEqual(warningsOf({ matrix: { threaded: ['on', 'off'] } }), [THREADED(1)]);
    assert.deepEqual(warningsOf({ matrix: { threaded: ['on'], gro: ['on', 'off'] }, workloads: [UDP] }), [THREADED(1)]);
    assert.deepEqual(warningsOf({ matrix: { threaded: ['on'] }, workloads: [TCP, UDP] }), [THREADED(2)]);
  });

  it('no threaded warning with gro on, or threaded off only', () => {
    assert.deepEqual(warningsOf({ matrix: { threaded: ['on', 'off'], gro: ['on'] } }), []);
    assert.deepEqual(warningsOf({ matrix: { threaded: ['off'] } }), []);
  });

  it('tso or window swept while every workload is UDP', () => {
    assert.deepEqual(warningsOf({ matrix: { tso: ['on', 'off'] }, workloads: [UDP] }), [TSO_UDP]);
    assert.deepEqual(warningsOf({ matrix: { window: [65536, 262144] }, workloads: [UDP, { ...UDP, lengthBytes: 64 }] }), [WINDOW_UDP]);
    assert.deepEqual(warningsOf({ matrix: { tso: ['on', 'off'], window: [65536, 262144] }, workloads: [TCP, UDP] }, { workload: ['udp-1400B'] }), [TSO_UDP, WINDOW_UDP], 'the filtered plan is UDP only');
  });

  it('no UDP-only warning with a TCP workload or a single value', () => {
    assert.deepEqual(warningsOf({ matrix: { tso: ['on', 'off'], window: [65536, 262144] }, workloads: [TCP, UDP] }), []);
    assert.deepEqual(warningsOf({ matrix: { tso: ['off'], window: [65536] }, workloads: [UDP] }), []);
  });

  it('gro swept for TCP with TSO on (the default), also for a reverse workload', () => {
    assert.deepEqual(warningsOf({ matrix: { gro: ['off', 'on'] }, workloads: [{ ...TCP, reverse: true }] }), [GRO_TSO]);
    assert.deepEqual(warningsOf({ matrix: { gro: ['off', 'on'], tso: ['off'] }, workloads: [TCP, UDP] }), []);
  });

  it('every rule at once, in a fixed order', () => {
    assert.deepEqual(warningsOf({
      matrix: { txqueuelen: [100, 1000], gro: ['off', 'on'], threaded: ['on'], rxChannels: [1, 2], txChannels: [1, 2] },
    }), [GRO_TSO, TXQ(16), CHANNELS('rxChannels', 8), CHANNELS('txChannels', 8), THREADED(8), threadedQueueWarning(undefined)]);
  });

  it('an exclude rule that removes every point is refused, naming the scenario file', () => {
    assert.throws(() => warningsOf({ matrix: { tso: ['on', 'off'] }, workloads: [UDP], exclude: [{ workload: 'udp-1400B' }] }),
      (e: unknown) => e instanceof InputError && /: no point is left to run: exclude rules remove every combination; loosen them$/.test(e.message));
  });
});

describe('planFromFlags: --max-duration', () => {
  // groScenario: 8 points × 3 repetitions × (10 s + 1 s omitted + 0.5 s overhead) + 1 s topology = 277 s.
  it('refuses a longer sweep with an InputError naming --max-duration, the estimate and the ways out', () => {
    assert.throws(() => planFromFlags(groScenario(), { maxDuration: 276 }, 42), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.exitCode, 2);
      assert.equal(error.message, '--max-duration 276: scenarios/test.ts is estimated at 4:37 (24 trials); narrow it with --filter, fewer --repetitions or a shorter --duration, or raise --max-duration');
      return true;
    });
  });

  it('accepts a sweep of exactly the limit and returns the same plan as expandPlan', () => {
    const s = groScenario();
    const p = planFromFlags(s, { maxDuration: 277 }, 42);
    assert.equal(p.estimatedSeconds, 277);
    assert.deepEqual(p, expandPlan(s, runSettings(s, {}, 42)));
  });

  it('judges the sweep after --quick and --filter narrow it', () => {
    assert.equal(planFromFlags(groScenario(), { quick: true, maxDuration: 13 }, 42).estimatedSeconds, 8 * 1.5 + 1);
    assert.throws(() => planFromFlags(groScenario(), { quick: true, maxDuration: 12 }, 42), {
      message: '--max-duration 12: scenarios/test.ts is estimated at 0:13 (8 trials); narrow it with --filter, fewer --repetitions or a shorter --duration, or raise --max-duration',
    });
    assert.equal(planFromFlags(groScenario(), { filter: { gro: ['on'] }, maxDuration: 139 }, 42).trials.length, 12);
  });

  it('without --max-duration, any length is accepted', () => {
    assert.equal(planFromFlags(groScenario(), { repetitions: 1000 }, 42).trials.length, 8000);
  });
});
