// Every knob's values are validated through validateScenario: the field path of each bad value and the message a
// person reads. Also exclude/include/sides, and that the public KnobMatrix type lists exactly the registered knobs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScenarioError, type ScenarioProblem } from '../../src/errors.ts';
import { KNOB_FAMILIES, KNOB_NAMES, familyOf } from '../../src/knobs/registry.ts';
import type { KnobMatrix, ScenarioDefinition } from '../../src/scenario/types.ts';
import { SIDED_KNOBS } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { SCENARIO_FILE, SHA, definition } from '../helpers/builders.ts';

function problemsOf(over: Record<string, unknown>): ScenarioProblem[] {
  try {
    validateScenario(definition(over as Partial<ScenarioDefinition>), SCENARIO_FILE, SHA);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected validateScenario to throw');
}

/** The matrix a valid scenario ends up with. */
const matrixOf = (matrix: KnobMatrix): Record<string, unknown[]> => validateScenario(definition({ matrix }), SCENARIO_FILE, SHA).matrix;

const QDISC_HINT = 'expected one of noqueue, pfifo_fast, pfifo, bfifo, fq, fq_codel, a shaper with its rate such as "tbf:5gbit" or "htb:5gbit", or a netem fault such as "netem:20ms" or "netem:20ms:1%" (delay, random loss)';
const TRIPLE_HINT = 'expected "min default max" in bytes with min ≤ default ≤ max, e.g. "4096 131072 6291456"';
const AFFINITY_HINT = 'expected "unpinned", "same-core", "cross-core" or CPU numbers "client,server" such as "0,1"';

describe('knob values: mtu', () => {
  it('accepts 68 and 65535, the veth limits', () => {
    assert.deepEqual(matrixOf({ mtu: [68, 1500, 9000, 65535] }), { mtu: [68, 1500, 9000, 65535] });
  });

  it('refuses 67 and 65536 with the veth range, and a fraction', () => {
    assert.deepEqual(problemsOf({ matrix: { mtu: [67, 1500, 65536, 1500.5] } }), [
      { path: 'matrix.mtu[0]', message: 'veth takes an MTU from 68 to 65535; got 67' },
      { path: 'matrix.mtu[2]', message: 'veth takes an MTU from 68 to 65535; got 65536' },
      { path: 'matrix.mtu[3]', message: 'expected a whole number, got 1500.5' },
    ]);
  });

  it('refuses an empty list of values', () => {
    assert.deepEqual(problemsOf({ matrix: { mtu: [] } }), [{ path: 'matrix.mtu', message: 'must list at least 1 value(s)' }]);
  });
});

describe('knob values: txqueuelen and qdisc', () => {
  it('refuses txqueuelen 0 with the reason, and above 1,000,000', () => {
    assert.deepEqual(problemsOf({ matrix: { txqueuelen: [0, 1, 1_000_000, 1_000_001] } }), [
      { path: 'matrix.txqueuelen[0]', message: 'txqueuelen must be at least 1 (0 stops traffic once a qdisc queues); got 0' },
      { path: 'matrix.txqueuelen[3]', message: '1000001 is above the maximum of 1000000' },
    ]);
  });

  it('says the reason in the error message a person reads', () => {
    try {
      validateScenario(definition({ matrix: { txqueuelen: [0] } }), SCENARIO_FILE, SHA);
      assert.fail('expected a ScenarioError');
    } catch (error) {
      assert.equal((error as Error).message, `${SCENARIO_FILE}: matrix.txqueuelen[0]: txqueuelen must be at least 1 (0 stops traffic once a qdisc queues); got 0`);
    }
  });

  it('accepts every plain qdisc and shapers with a rate', () => {
    const qdisc = ['noqueue', 'pfifo_fast', 'pfifo', 'bfifo', 'fq', 'fq_codel', 'tbf:5gbit', 'htb:2.5mbit', 'tbf:800kbit', 'htb:100bit'] as const;
    assert.deepEqual(matrixOf({ qdisc: [...qdisc] }), { qdisc: [...qdisc] });
  });

  it('refuses "fq_codelx", a shaper without a rate or unit, and a number, naming the choices', () => {
    assert.deepEqual(problemsOf({ matrix: { qdisc: ['fq_codelx', 'tbf:5gbit', 'tbf', 'htb:5', 'tbf:5gbps', 7] } }), [
      { path: 'matrix.qdisc[0]', message: `${QDISC_HINT}; got "fq_codelx"` },
      { path: 'matrix.qdisc[2]', message: `${QDISC_HINT}; got "tbf"` },
      { path: 'matrix.qdisc[3]', message: `${QDISC_HINT}; got "htb:5"` },
      { path: 'matrix.qdisc[4]', message: `${QDISC_HINT}; got "tbf:5gbps"` },
      { path: 'matrix.qdisc[5]', message: 'expected string, got 7' },
    ]);
  });
});

describe('knob values: offloads and threaded', () => {
  it('accepts on and off for every offload knob and threaded', () => {
    const matrix = Object.fromEntries(['gro', 'gso', 'tso', 'tx', 'sg', 'rx-udp-gro-forwarding', 'rx-gro-list', 'tx-udp-segmentation', 'threaded'].map((k) => [k, ['on', 'off']]));
    assert.deepEqual(matrixOf(matrix as KnobMatrix), matrix);
  });

  it('refuses anything but "on" and "off"', () => {
    assert.deepEqual(problemsOf({ matrix: { gro: ['yes'], tx: [true], 'rx-gro-list': ['on'], threaded: ['enabled'] } }), [
      { path: 'matrix.gro[0]', message: 'got "yes"; expected one of "on", "off"' },
      { path: 'matrix.tx[0]', message: 'got true; expected one of "on", "off"' },
      { path: 'matrix.threaded[0]', message: 'got "enabled"; expected one of "on", "off"' },
    ]);
  });
});

describe('knob values: channels', () => {
  it('refuses 0 channels and more than 4096, rx and tx alike', () => {
    assert.deepEqual(problemsOf({ matrix: { rxChannels: [0, 1, 4096, 4097], txChannels: [0, 2] } }), [
      { path: 'matrix.rxChannels[0]', message: '0 is below the minimum of 1' },
      { path: 'matrix.rxChannels[3]', message: '4097 is above the maximum of 4096' },
      { path: 'matrix.txChannels[0]', message: '0 is below the minimum of 1' },
    ]);
  });
});

describe('knob values: tcpRmem / tcpWmem', () => {
  it('accepts "min default max" with any whitespace between the numbers', () => {
    assert.deepEqual(matrixOf({ tcpRmem: ['4096 131072 6291456', '4096\t87380\t6291456'], tcpWmem: ['1 1 1'] }), {
      tcpRmem: ['4096 131072 6291456', '4096\t87380\t6291456'],
      tcpWmem: ['1 1 1'],
    });
  });

  it('refuses two values, min > default, default > max, zero, four values and words', () => {
    assert.deepEqual(problemsOf({ matrix: { tcpRmem: ['1 2', '8192 4096 6291456', '4096 131072 65536', '0 1 2', '1 2 3 4', 'a b c'], tcpWmem: ['1 2'] } }), [
      { path: 'matrix.tcpRmem[0]', message: `${TRIPLE_HINT}; got "1 2"` },
      { path: 'matrix.tcpRmem[1]', message: `${TRIPLE_HINT}; got "8192 4096 6291456"` },
      { path: 'matrix.tcpRmem[2]', message: `${TRIPLE_HINT}; got "4096 131072 65536"` },
      { path: 'matrix.tcpRmem[3]', message: `${TRIPLE_HINT}; got "0 1 2"` },
      { path: 'matrix.tcpRmem[4]', message: `${TRIPLE_HINT}; got "1 2 3 4"` },
      { path: 'matrix.tcpRmem[5]', message: `${TRIPLE_HINT}; got "a b c"` },
      { path: 'matrix.tcpWmem[0]', message: `${TRIPLE_HINT}; got "1 2"` },
    ]);
  });
});

describe('knob values: global socket-buffer sysctls', () => {
  it('accepts 4096 to 2^31 - 1 bytes', () => {
    assert.deepEqual(matrixOf({ rmemMax: [4096, 2 ** 31 - 1], wmemMax: [212992], rmemDefault: [4096], wmemDefault: [8388608] }), {
      rmemMax: [4096, 2147483647], wmemMax: [212992], rmemDefault: [4096], wmemDefault: [8388608],
    });
  });

  it('refuses values below 4096 (rmemMax, wmemMax, rmemDefault), above 2^31 - 1 and fractions', () => {
    assert.deepEqual(problemsOf({ matrix: { rmemMax: [4095, 2 ** 31], wmemMax: [1], rmemDefault: [4095], wmemDefault: [4096.5] } }), [
      { path: 'matrix.rmemMax[0]', message: '4095 is below the minimum of 4096' },
      { path: 'matrix.rmemMax[1]', message: '2147483648 is above the maximum of 2147483647' },
      { path: 'matrix.wmemMax[0]', message: '1 is below the minimum of 4096' },
      { path: 'matrix.rmemDefault[0]', message: '4095 is below the minimum of 4096' },
      { path: 'matrix.wmemDefault[0]', message: 'expected a whole number, got 4096.5' },
    ]);
  });
});

describe('knob values: iperf3 window and affinity', () => {
  it('refuses a window below 1024 bytes or above 1 GiB', () => {
    assert.deepEqual(problemsOf({ matrix: { window: [1023, 1024, 2 ** 30, 2 ** 30 + 1] } }), [
      { path: 'matrix.window[0]', message: '1023 is below the minimum of 1024' },
      { path: 'matrix.window[3]', message: '1073741825 is above the maximum of 1073741824' },
    ]);
  });

  it('accepts same-core, cross-core, one CPU and "client,server"', () => {
    assert.deepEqual(matrixOf({ affinity: ['same-core', 'cross-core', '3', '0,1'] }), { affinity: ['same-core', 'cross-core', '3', '0,1'] });
  });

  it('refuses "x", three CPUs and a five-digit CPU, naming the forms', () => {
    assert.deepEqual(problemsOf({ matrix: { affinity: ['x', '0,1,2', '10000', 'same-core'] } }), [
      { path: 'matrix.affinity[0]', message: `${AFFINITY_HINT}; got "x"` },
      { path: 'matrix.affinity[1]', message: `${AFFINITY_HINT}; got "0,1,2"` },
      { path: 'matrix.affinity[2]', message: `${AFFINITY_HINT}; got "10000"` },
    ]);
  });
});

describe('exclude, include and sides', () => {
  const TWO_WORKLOADS = [{ tool: 'iperf3', protocol: 'tcp' }, { tool: 'iperf3', protocol: 'udp' }] as const;

  it('keeps rules and sides as given', () => {
    const s = validateScenario(definition({
      matrix: { mtu: [1500, 9000], gro: ['on', 'off'] },
      exclude: [{ gro: 'on', workload: 'tcp' }, { mtu: 9000 }],
      include: [{ mtu: 4000, gro: 'on' }],
      sides: { gro: 'receiver', tso: 'sender' },
      workloads: [...TWO_WORKLOADS],
    }), SCENARIO_FILE, SHA);
    assert.deepEqual(s.exclude, [{ gro: 'on', workload: 'tcp' }, { mtu: 9000 }]);
    assert.deepEqual(s.include, [{ mtu: 4000, gro: 'on' }]);
    assert.deepEqual(s.sides, { gro: 'receiver', tso: 'sender' });
  });

  it('validates rule values with the knob\'s own schema, at the rule\'s path', () => {
    assert.deepEqual(problemsOf({ matrix: { mtu: [1500], txqueuelen: [100] }, exclude: [{ mtu: 67 }], include: [{ mtu: 1500, txqueuelen: 0 }] }), [
      { path: 'exclude[0].mtu', message: 'veth takes an MTU from 68 to 65535; got 67' },
      { path: 'include[0].txqueuelen', message: 'txqueuelen must be at least 1 (0 stops traffic once a qdisc queues); got 0' },
    ]);
  });

  it('refuses an unknown key in a rule, listing the knobs and workload', () => {
    assert.deepEqual(problemsOf({ matrix: { gro: ['on'] }, exclude: [{ gor: 'on' }] }), [
      { path: 'exclude[0].gor', message: `unknown field "gor" — did you mean "gro"? (known fields: ${KNOB_NAMES.join(', ')}, workload)` },
    ]);
  });

  it('refuses rules naming a knob that is not swept or a workload that does not exist', () => {
    assert.deepEqual(problemsOf({ matrix: { gro: ['on', 'off'] }, exclude: [{ tso: 'off' }, { workload: 'udp' }], workloads: [...TWO_WORKLOADS] }), [
      { path: 'exclude[0].tso', message: '"tso" is not swept in matrix; rules may name gro, workload' },
      { path: 'exclude[1].workload', message: 'no workload is labelled "udp"; labels are tcp, udp-1400B' },
    ]);
  });

  it('refuses an include rule that leaves a swept knob unset', () => {
    assert.deepEqual(problemsOf({ matrix: { mtu: [1500, 9000], gro: ['on', 'off'] }, include: [{ gro: 'on' }, { gro: 'off', mtu: 9000, workload: 'x' }] }), [
      { path: 'include[0]', message: 'gives no value for mtu; an include rule sets every swept knob' },
      { path: 'include[1].workload', message: 'no workload is labelled "x"; labels are tcp' },
    ]);
  });

  it('refuses a side other than both, sender and receiver, an unknown knob, and a knob that has no sides', () => {
    assert.deepEqual(problemsOf({ sides: { gro: 'client', grx: 'sender', mtu: 'sender' } }), [
      { path: 'sides.gro', message: 'got "client"; expected one of "both", "sender", "receiver"' },
      { path: 'sides.grx', message: `unknown knob "grx" — did you mean "gro"? (known knobs: ${SIDED_KNOBS.join(', ')})` },
      { path: 'sides.mtu', message: `"mtu" has no sides: it applies where it must (both ends of a link, every namespace, or the host); remove it here (knobs with sides: ${SIDED_KNOBS.join(', ')})` },
    ]);
  });

  it('gives sides only to link knobs that can apply to one end', () => {
    assert.deepEqual(SIDED_KNOBS, [
      'xdp', 'txqueuelen', 'qdisc', 'gro', 'gso', 'tso', 'tx', 'sg', 'rx-udp-gro-forwarding', 'rx-gro-list', 'tx-udp-segmentation',
      'gsoMaxSize', 'groMaxSize', 'gsoIpv4MaxSize', 'groIpv4MaxSize', 'threaded', 'groFlushTimeout', 'napiDeferHardIrqs', 'rxChannels', 'txChannels',
      'rpsCpus', 'xpsCpus',
    ]);
  });
});

describe('the public KnobMatrix type and the registry', () => {
  // A knob missing here, or one KnobMatrix does not have, fails type-checking (npx tsc --noEmit).
  const PUBLIC_KNOBS: Record<keyof KnobMatrix, true> = {
    xdp: true, mtu: true, txqueuelen: true, qdisc: true,
    gro: true, gso: true, tso: true, tx: true, sg: true, 'rx-udp-gro-forwarding': true, 'rx-gro-list': true, 'tx-udp-segmentation': true,
    gsoMaxSize: true, groMaxSize: true, gsoIpv4MaxSize: true, groIpv4MaxSize: true,
    threaded: true, groFlushTimeout: true, napiDeferHardIrqs: true, rxChannels: true, txChannels: true, rpsCpus: true, xpsCpus: true, tcpRmem: true, tcpWmem: true, congestionControl: true,
    rmemMax: true, wmemMax: true, rmemDefault: true, wmemDefault: true, busyPoll: true, busyRead: true, netdevMaxBacklog: true, window: true, affinity: true,
  };

  it('lists exactly the registered knobs, in application order', () => {
    assert.deepEqual(Object.keys(PUBLIC_KNOBS), [...KNOB_NAMES]);
  });

  it('gives every registered knob one family with a value schema', () => {
    for (const knob of KNOB_NAMES) {
      const families = KNOB_FAMILIES.filter((f) => f.knobs.includes(knob));
      assert.equal(families.length, 1, knob);
      assert.ok(families[0]!.valueSchemas[knob], `${knob} has a value schema`);
      assert.equal(familyOf(knob), families[0]);
    }
    assert.equal(familyOf('grx'), undefined);
    assert.equal(new Set(KNOB_NAMES).size, KNOB_NAMES.length);
  });
});
