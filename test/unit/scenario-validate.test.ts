import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError, ScenarioError, type ScenarioProblem } from '../../src/errors.ts';
import { formatPath } from '../../src/scenario/problems.ts';
import { KNOB_NAMES } from '../../src/knobs/registry.ts';
import { ROLE_NAME } from '../../src/scenario/schema.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { SCENARIO_FILE, SHA, definition } from '../helpers/builders.ts';

const FILE = SCENARIO_FILE;
const TCP = { tool: 'iperf3', protocol: 'tcp' } as const;
/** Every registered knob, in application order, as the unknown-knob message lists them. */
const KNOWN_KNOBS =
  'xdp, mtu, txqueuelen, qdisc, gro, gso, tso, tx, sg, rx-udp-gro-forwarding, rx-gro-list, tx-udp-segmentation, gsoMaxSize, groMaxSize, gsoIpv4MaxSize, groIpv4MaxSize, threaded, groFlushTimeout, napiDeferHardIrqs, rxChannels, txChannels, rpsCpus, xpsCpus, tcpRmem, tcpWmem, congestionControl, rmemMax, wmemMax, rmemDefault, wmemDefault, busyPoll, busyRead, netdevMaxBacklog, window, affinity';
const KNOWN_FIELDS = 'name, description, topology, links, matrix, exclude, include, sides, workloads, repetitions, warmupRepetitions, durationS, omitS, gate';

/** The ScenarioError validateScenario throws for `input`; fails the test when it does not throw one. */
function errorOf(input: unknown): ScenarioError {
  try {
    validateScenario(input, FILE, SHA);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected validateScenario to throw');
}

const problemsOf = (input: unknown): ScenarioProblem[] => errorOf(input).problems;

describe('validateScenario: defaults', () => {
  it('fills every default into a minimal scenario', () => {
    assert.deepEqual(validateScenario({ name: 'min', topology: { kind: 'pair' }, workloads: [TCP] }, FILE, SHA), {
      file: FILE,
      sourceSha256: SHA,
      name: 'min',
      description: '',
      topology: { kind: 'pair' },
      matrix: {},
      exclude: [],
      include: [],
      sides: {},
      links: [{ kind: 'veth' }],
      warmupRepetitions: 0,
      workloads: [{ label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false }],
      repetitions: 3,
      durationS: 10,
      omitS: 1,
    });
  });

  it('keeps values that were given', () => {
    const s = validateScenario(
      definition({ description: 'd', matrix: { tso: ['off'], gro: ['on', 'off'] }, repetitions: 7, durationS: 30, omitS: 0 }),
      FILE, SHA,
    );
    assert.equal(s.description, 'd');
    assert.deepEqual(s.matrix, { gro: ['on', 'off'], tso: ['off'] });
    assert.deepEqual([s.repetitions, s.durationS, s.omitS], [7, 30, 0]);
  });

  it('derives workload labels from their parameters', () => {
    const s = validateScenario(definition({
      workloads: [
        { tool: 'iperf3', protocol: 'tcp' },
        { tool: 'iperf3', protocol: 'tcp', streams: 4, reverse: true },
        { tool: 'iperf3', protocol: 'tcp', streams: 2 },
        { tool: 'iperf3', protocol: 'tcp', reverse: true },
        { tool: 'iperf3', protocol: 'udp' },
        { tool: 'iperf3', protocol: 'udp', lengthBytes: 64, streams: 4, bitrate: '1G' },
        { tool: 'iperf3', protocol: 'udp', bitrate: '500M' },
        { tool: 'iperf3', protocol: 'udp', name: 'flood' },
      ],
    }), FILE, SHA);
    assert.deepEqual(s.workloads.map((w) => w.label), ['tcp', 'tcp-P4-R', 'tcp-P2', 'tcp-R', 'udp-1400B', 'udp-64B-P4-1G', 'udp-1400B-500M', 'flood']);
  });

  it('fills UDP defaults: one stream, unlimited bitrate "0", 1400-byte datagrams', () => {
    const s = validateScenario(definition({ workloads: [{ tool: 'iperf3', protocol: 'udp' }] }), FILE, SHA);
    assert.deepEqual(s.workloads, [{ label: 'udp-1400B', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 1400 }]);
  });

  it('accepts router topologies with custom names and pools', () => {
    const topology = { kind: 'router', addressPool: '10.99.0.0/23', names: { client: 'c', router: 'r', server: 's' } } as const;
    assert.deepEqual(validateScenario(definition({ topology }), FILE, SHA).topology, topology);
  });
});

describe('validateScenario: every problem at once, with field paths', () => {
  it('reports schema problems of several fields together', () => {
    const error = errorOf({
      name: 'x',
      topology: { kind: 'star' },
      matrix: { grx: ['on'], gro: ['maybe'] },
      workloads: [TCP, { tool: 'iperf3', protocol: 'tcp', streams: 1.5 }],
      extra: 1,
    });
    assert.deepEqual(error.problems, [
      { path: 'topology.kind', message: 'got "star"; expected one of "pair", "router", "bridge", "hostContainer", "chain"' },
      { path: 'matrix.gro[0]', message: 'got "maybe"; expected one of "on", "off"' },
      { path: 'matrix.grx', message: `unknown knob "grx" — did you mean "gro"? (known knobs: ${KNOWN_KNOBS})` },
      { path: 'workloads[1].streams', message: 'expected a whole number, got 1.5' },
      { path: 'extra', message: `unknown field "extra" (known fields: ${KNOWN_FIELDS})` },
    ]);
    assert.equal(error.exitCode, 2);
    assert.ok(error instanceof InputError);
    assert.equal(error.file, FILE);
    assert.equal(error.message, [
      `5 problems in ${FILE}:`,
      `  ${FILE}: topology.kind: got "star"; expected one of "pair", "router", "bridge", "hostContainer", "chain"`,
      `  ${FILE}: matrix.gro[0]: got "maybe"; expected one of "on", "off"`,
      `  ${FILE}: matrix.grx: unknown knob "grx" — did you mean "gro"? (known knobs: ${KNOWN_KNOBS})`,
      `  ${FILE}: workloads[1].streams: expected a whole number, got 1.5`,
      `  ${FILE}: extra: unknown field "extra" (known fields: ${KNOWN_FIELDS})`,
    ].join('\n'));
  });

  it('names the file in every line of a multi-problem message, each with its path', () => {
    const error = errorOf({ name: 'x', topology: { kind: 'star' }, workloads: [], extra: 1 });
    const [head, ...lines] = error.message.split('\n');
    assert.equal(head, `3 problems in ${FILE}:`);
    assert.deepEqual(lines.map((l) => l.trimStart().split(': ').slice(0, 2)), [[FILE, 'topology.kind'], [FILE, 'workloads'], [FILE, 'extra']]);
  });

  it('starts a single-problem message with the file name and the path', () => {
    const error = errorOf(definition({ workloads: [{ tool: 'iperf3', protocol: 'tcp', streams: 0 }] }));
    assert.equal(error.message, `${FILE}: workloads[0].streams: 0 is below the minimum of 1`);
  });

  it('reports required fields that are missing', () => {
    assert.deepEqual(problemsOf({ topology: { kind: 'pair' } }), [
      { path: 'name', message: 'is required (expected string)' },
      { path: 'workloads', message: 'is required (expected array)' },
    ]);
  });

  it('reports ranges, whole numbers, empty lists and formats', () => {
    assert.deepEqual(problemsOf({ name: 'X y', topology: { kind: 'pair' }, workloads: [], repetitions: 0, durationS: 1.5, omitS: 61 }), [
      { path: 'name', message: 'scenario names are 1 to 40 characters of [a-z0-9-] (they name the report directory); got "X y"' },
      { path: 'workloads', message: 'must list at least 1 value(s)' },
      { path: 'repetitions', message: '0 is below the minimum of 1' },
      { path: 'durationS', message: 'expected a whole number, got 1.5' },
      { path: 'omitS', message: '61 is above the maximum of 60' },
    ]);
  });

  it('reports workload problems by index', () => {
    assert.deepEqual(problemsOf(definition({
      workloads: [
        { tool: 'iperf3', protocol: 'udp', bitrate: 'fast', lengthBytes: 8 },
        { tool: 'iperf3', protocol: 'sctp' },
        { tool: 'nc', protocol: 'tcp' },
      ] as never,
    })), [
      { path: 'workloads[0].bitrate', message: 'expected an iperf3 rate such as "0" (unlimited), "500M" or "1G"; got "fast"' },
      { path: 'workloads[0].lengthBytes', message: '8 is below the minimum of 16' },
      { path: 'workloads[1].protocol', message: 'got "sctp"; expected one of "tcp", "udp"' },
      { path: 'workloads[2].tool', message: 'got "nc"; expected one of "iperf3", "sockperf", "density", "setup-cost", "rr", "crr", "flows", "pps"' },
    ]);
  });

  it('suggests the closest known field for a typo', () => {
    assert.deepEqual(problemsOf({ ...definition(), Repetitions: 3 }), [
      { path: 'Repetitions', message: `unknown field "Repetitions" — did you mean "repetitions"? (known fields: ${KNOWN_FIELDS})` },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', names: { clinet: 'c' } } as never })), [
      { path: 'topology.names.clinet', message: 'unknown field "clinet" — did you mean "client"? (known fields: client, server)' },
    ]);
  });

  it('says where a field of another variant belongs instead of suggesting the field itself', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', names: { router: 'r' } } as never })), [
      { path: 'topology.names.router', message: 'unknown field "router" — "router" is only allowed when topology.kind is "router" or "chain" (known fields: client, server)' },
    ]);
    const [problem] = problemsOf(definition({ workloads: [{ tool: 'iperf3', protocol: 'tcp', bitrate: '1G' }] as never }));
    assert.deepEqual(problem, {
      path: 'workloads[0].bitrate',
      message: 'unknown field "bitrate" — "bitrate" is only allowed when protocol is "udp", or tool is "density" (known fields: tool, protocol, name, streams, reverse, bidir, blockBytes, zerocopy, congestion)',
    });
  });

  // The lists come from the schema at that path: a bridge's names are host and container (a hand-kept table said client, router, server).
  it('lists the fields of the variant at hand, read from the schema', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'bridge', names: { hots: 'h' } } as never })), [
      { path: 'topology.names.hots', message: 'unknown field "hots" — did you mean "host"? (known fields: host, container)' },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'hostContainer', names: { client: 'c' } } as never })), [
      { path: 'topology.names.client', message: 'unknown field "client" — "client" is only allowed when topology.kind is "pair", "router" or "chain" (known fields: container, host, remote)' },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'chain', hosp: 3 } as never })), [
      { path: 'topology.hosp', message: 'unknown field "hosp" — did you mean "hops"? (known fields: kind, hops, addressPool, names)' },
    ]);
    assert.deepEqual(problemsOf(definition({ workloads: [{ tool: 'setup-cost', mode: ['batched'] }] as never })), [
      { path: 'workloads[0].mode', message: 'unknown field "mode" — did you mean "modes"? (known fields: tool, name, modes, pairs, minIterations)' },
    ]);
  });

  it('gives no suggestion when nothing is close', () => {
    assert.deepEqual(problemsOf(definition({ matrix: { ringSize: [512] } as never })), [
      { path: 'matrix.ringSize', message: `unknown knob "ringSize" (known knobs: ${KNOWN_KNOBS})` },
    ]);
  });

  it('suggests rxChannels for "channels" (veth has no combined channels)', () => {
    assert.deepEqual(problemsOf(definition({ matrix: { channels: [2] } as never })), [
      { path: 'matrix.channels', message: `unknown knob "channels" — did you mean "rxChannels"? (known knobs: ${KNOWN_KNOBS})` },
    ]);
  });

  it('reports a role name that is too long, naming the 15-character kernel limit', () => {
    const problems = problemsOf(definition({ topology: { kind: 'pair', names: { client: 'abcdefghi' } } }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, 'topology.names.client');
    assert.match(problems[0]!.message, /^role names are 1 to 8 characters of \[a-z0-9\], starting with a letter/);
    assert.match(problems[0]!.message, /kernel limits to 15 characters/);
    assert.match(problems[0]!.message, /got "abcdefghi"$/);
  });

  it('rejects role names that start with a digit or hold other characters', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'router', names: { client: '1a', router: 'R', server: 'a-b' } } })).map((p) => p.path), [
      'topology.names.client', 'topology.names.router', 'topology.names.server',
    ]);
  });

  it('reports role names that collide', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'router', names: { client: 'a', router: 'a' } } })), [
      { path: 'topology.names', message: 'role names must differ; got a, a, srv' },
    ]);
  });

  it('reports an address pool too small for a router topology', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'router', addressPool: '198.18.0.0/25' } })), [
      { path: 'topology.addressPool', message: '"198.18.0.0/25" is too small: the router topology needs 2 /24 subnet(s); use a /23 or larger, e.g. "198.18.0.0/15"' },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'router', addressPool: '198.18.0.0/24' } })), [
      { path: 'topology.addressPool', message: '"198.18.0.0/24" is too small: the router topology needs 2 /24 subnet(s); use a /23 or larger, e.g. "198.18.0.0/15"' },
    ]);
  });

  it('accepts a /24 pool for a pair but not a /25', () => {
    assert.equal(validateScenario(definition({ topology: { kind: 'pair', addressPool: '10.0.0.0/24' } }), FILE, SHA).topology.addressPool, '10.0.0.0/24');
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', addressPool: '10.0.0.0/25' } })), [
      { path: 'topology.addressPool', message: '"10.0.0.0/25" is too small: the pair topology needs 1 /24 subnet(s); use a /24 or larger, e.g. "198.18.0.0/15"' },
    ]);
  });

  it('reports a pool with host bits set, and a pool that is not a CIDR', () => {
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', addressPool: '198.18.0.1/15' } })), [
      { path: 'topology.addressPool', message: '"198.18.0.1/15" has host bits set; the network is 198.18.0.0/15' },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', addressPool: '198.18.0.0' } })), [
      { path: 'topology.addressPool', message: 'expected an IPv4 CIDR such as "198.18.0.0/15"; got "198.18.0.0"' },
    ]);
    assert.deepEqual(problemsOf(definition({ topology: { kind: 'pair', addressPool: '300.18.0.0/15' } })), [
      { path: 'topology.addressPool', message: '"300.18.0.0/15" is not an IPv4 CIDR such as "198.18.0.0/15"' },
    ]);
  });

  it('reports duplicate workload labels, derived or named', () => {
    assert.deepEqual(problemsOf(definition({
      workloads: [TCP, { tool: 'iperf3', protocol: 'udp', name: 'x' }, { tool: 'iperf3', protocol: 'tcp', streams: 1 }, { tool: 'iperf3', protocol: 'tcp', name: 'x' }],
    })), [
      { path: 'workloads[2]', message: 'has the same label "tcp" as workloads[0]; give one of them a distinct name' },
      { path: 'workloads[3]', message: 'has the same label "x" as workloads[1]; give one of them a distinct name' },
    ]);
  });

  it('reports topology and label problems together with schema problems', () => {
    assert.deepEqual(problemsOf({
      name: 'x',
      topology: { kind: 'router', addressPool: '198.18.0.0/25' },
      matrix: { grx: ['on'] },
      workloads: [TCP, { tool: 'iperf3', protocol: 'tcp', streams: 'many' }, TCP],
    }), [
      { path: 'matrix.grx', message: `unknown knob "grx" — did you mean "gro"? (known knobs: ${KNOWN_KNOBS})` },
      { path: 'workloads[1].streams', message: 'expected number, got "many"' },
      { path: 'topology.addressPool', message: '"198.18.0.0/25" is too small: the router topology needs 2 /24 subnet(s); use a /23 or larger, e.g. "198.18.0.0/15"' },
      { path: 'workloads[2]', message: 'has the same label "tcp" as workloads[0]; give one of them a distinct name' },
    ]);
  });

  it('collects host-bit and duplicate-label problems in one error', () => {
    const error = errorOf(definition({ topology: { kind: 'pair', addressPool: '198.18.0.1/15' }, workloads: [TCP, TCP] }));
    assert.equal(error.message, [
      `2 problems in ${FILE}:`,
      `  ${FILE}: topology.addressPool: "198.18.0.1/15" has host bits set; the network is 198.18.0.0/15`,
      `  ${FILE}: workloads[1]: has the same label "tcp" as workloads[0]; give one of them a distinct name`,
    ].join('\n'));
  });
});

describe('validateScenario: a default export that is not an object', () => {
  for (const [what, value] of [['null', null], ['an array', []], ['a string', 'gro'], ['a number', 3], ['undefined', undefined]] as const) {
    it(`rejects ${what}, pointing at defineScenario`, () => {
      const error = errorOf(value);
      assert.deepEqual(error.problems, [{ path: '', message: 'the default export must be a scenario object: export default defineScenario({ ... })' }]);
      assert.equal(error.message, `${FILE}: the default export must be a scenario object: export default defineScenario({ ... })`);
    });
  }

  it('reports non-object topology and workloads by their type', () => {
    assert.deepEqual(problemsOf({ name: 'x', topology: 'pair', workloads: 'tcp' }), [
      { path: 'topology', message: 'expected object, got "pair"' },
      { path: 'workloads', message: 'expected array, got "tcp"' },
    ]);
  });
});

describe('formatPath and the schema constants', () => {
  it('formats zod paths as a person writes them', () => {
    assert.equal(formatPath(['workloads', 0, 'streams']), 'workloads[0].streams');
    assert.equal(formatPath(['matrix', 'gro', 1]), 'matrix.gro[1]');
    assert.equal(formatPath([]), '');
    assert.equal(formatPath([2]), '[2]');
  });

  it('knows every knob, in application order (families: xdp, mtu, qdisc, offloads, BIG TCP, napi, NAPI timing, channels, RPS/XPS, netns sysctls, congestion, global sysctls, busy polling, iperf3)', () => {
    assert.deepEqual(KNOB_NAMES, [
      'xdp', 'mtu', 'txqueuelen', 'qdisc', 'gro', 'gso', 'tso', 'tx', 'sg', 'rx-udp-gro-forwarding', 'rx-gro-list', 'tx-udp-segmentation',
      'gsoMaxSize', 'groMaxSize', 'gsoIpv4MaxSize', 'groIpv4MaxSize', 'threaded', 'groFlushTimeout', 'napiDeferHardIrqs',
      'rxChannels', 'txChannels', 'rpsCpus', 'xpsCpus', 'tcpRmem', 'tcpWmem', 'congestionControl',
      'rmemMax', 'wmemMax', 'rmemDefault', 'wmemDefault', 'busyPoll', 'busyRead', 'netdevMaxBacklog', 'window', 'affinity',
    ]);
    assert.equal(KNOB_NAMES.join(', '), KNOWN_KNOBS);
  });

  it('allows role names of 1 to 8 characters only', () => {
    assert.deepEqual(['a', 'abcdefgh', 'abcdefghi', '1a', 'a_b', ''].map((n) => ROLE_NAME.test(n)), [true, true, false, false, false, false]);
  });
});
