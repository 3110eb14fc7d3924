// The pure side of every knob family: the commands `plan` prints (pair and router, per side, forward and
// reverse), the argv builders, and the parsers — fed with real captures from test/fixtures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knobCommands } from '../../src/knobs/apply.ts';
import { channelLimitProblem, channelsFamily, parseEthtoolChannels } from '../../src/knobs/channels-family.ts';
import { globalSysctlFamily } from '../../src/knobs/global-sysctl-family.ts';
import { affinityArgument, effectiveWindow, iperf3Family, iperf3KnobArgs } from '../../src/knobs/iperf3-family.ts';
import { mtuFamily, parseIpLinkJson } from '../../src/knobs/mtu-family.ts';
import { napiFamily } from '../../src/knobs/napi-family.ts';
import { netnsSysctlFamily, normalizeTriple } from '../../src/knobs/netns-sysctl-family.ts';
import { offloadFamily } from '../../src/knobs/offload-family.ts';
import { parseRootQdisc, qdiscCommands, qdiscFamily, qdiscValueProblem } from '../../src/knobs/qdisc-family.ts';
import { endsFor, type KnobContext, type KnobFamily, type KnobSettings, type Side } from '../../src/knobs/types.ts';
import { describeCommand, type HostCommand } from '../../src/net/command.ts';
import { parseIperf3Json } from '../../src/tools/iperf3-parse.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { fixtureText } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const pair = resolveTopology({ kind: 'pair' }, 'vb1a2b');
const router = resolveTopology({ kind: 'router' }, 'vb1a2b');
type Ctx = Omit<KnobContext, 'host'>;
const ctx = (topology = pair, sides: Partial<Record<string, Side>> = {}, reverse = false): Ctx => ({ shell: knobShell(), topology, sides, reverse });

/** A family's commands as the lines `plan` prints. */
const lines = (family: KnobFamily, c: Ctx, settings: KnobSettings): string[] => family.commands(c, settings).map(describeCommand);
const ifaces = (c: Ctx, side: Side): string[] => endsFor(c, side).map((e) => `${e.netns}/${e.iface}`);

describe('endsFor', () => {
  it('both: every veth end of every link, link by link', () => {
    assert.deepEqual(ifaces(ctx(), 'both'), ['vb1a2b-cli/vb1a2bcli0', 'vb1a2b-srv/vb1a2bsrv0']);
    assert.deepEqual(ifaces(ctx(router), 'both'), ['vb1a2b-cli/vb1a2bcli0', 'vb1a2b-rtr/vb1a2brtr0', 'vb1a2b-rtr/vb1a2brtr1', 'vb1a2b-srv/vb1a2bsrv0']);
    assert.deepEqual(ifaces(ctx(router, {}, true), 'both'), ifaces(ctx(router), 'both'), 'reverse does not change "both"');
  });

  it('sender is the client and receiver the server, swapped for a reverse workload', () => {
    for (const topology of [pair, router]) {
      assert.deepEqual(ifaces(ctx(topology), 'sender'), ['vb1a2b-cli/vb1a2bcli0']);
      assert.deepEqual(ifaces(ctx(topology), 'receiver'), ['vb1a2b-srv/vb1a2bsrv0']);
      assert.deepEqual(ifaces(ctx(topology, {}, true), 'sender'), ['vb1a2b-srv/vb1a2bsrv0']);
      assert.deepEqual(ifaces(ctx(topology, {}, true), 'receiver'), ['vb1a2b-cli/vb1a2bcli0']);
    }
  });
});

describe('mtu family', () => {
  const PAIR_9000 = [
    'ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 9000',
    'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
    'ip -n vb1a2b-srv link set dev vb1a2bsrv0 mtu 9000',
    'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
  ];

  it('sets and reads back the MTU on both ends of the pair', () => {
    assert.deepEqual(lines(mtuFamily, ctx(), { mtu: 9000 }), PAIR_9000);
  });

  it('sets every end of both router links', () => {
    assert.deepEqual(lines(mtuFamily, ctx(router), { mtu: 1400 }), [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 1400', 'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'ip -n vb1a2b-rtr link set dev vb1a2brtr0 mtu 1400', 'ip -n vb1a2b-rtr -d -j link show dev vb1a2brtr0',
      'ip -n vb1a2b-rtr link set dev vb1a2brtr1 mtu 1400', 'ip -n vb1a2b-rtr -d -j link show dev vb1a2brtr1',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 mtu 1400', 'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
    ]);
  });

  it('always sets both ends, whatever sides says (a link with two MTUs drops frames)', () => {
    assert.deepEqual(lines(mtuFamily, ctx(pair, { mtu: 'sender' }, true), { mtu: 9000 }), PAIR_9000);
  });
});

describe('qdisc family', () => {
  const cli = pair.client;

  it('qdiscCommands: a plain qdisc is one tc qdisc replace at the root', () => {
    assert.deepEqual(qdiscCommands(cli, 'fq_codel'), [{ argv: ['tc', '-n', 'vb1a2b-cli', 'qdisc', 'replace', 'dev', 'vb1a2bcli0', 'root', 'fq_codel'] }]);
  });

  it('qdiscCommands: tbf gets its rate, a 256 kB burst and 10 ms latency', () => {
    assert.deepEqual(qdiscCommands(cli, 'tbf:5gbit'), [
      { argv: ['tc', '-n', 'vb1a2b-cli', 'qdisc', 'replace', 'dev', 'vb1a2bcli0', 'root', 'tbf', 'rate', '5gbit', 'burst', '256kb', 'latency', '10ms'] },
    ]);
  });

  it('qdiscCommands: htb is a root qdisc with default class 1:10 that carries the rate', () => {
    assert.deepEqual(qdiscCommands(cli, 'htb:2.5mbit'), [
      { argv: ['tc', '-n', 'vb1a2b-cli', 'qdisc', 'replace', 'dev', 'vb1a2bcli0', 'root', 'handle', '1:', 'htb', 'default', '10'] },
      { argv: ['tc', '-n', 'vb1a2b-cli', 'class', 'replace', 'dev', 'vb1a2bcli0', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '2.5mbit'] },
    ]);
  });

  it('qdiscValueProblem accepts the known qdiscs and shapers with a rate only', () => {
    assert.equal(qdiscValueProblem('pfifo_fast'), undefined);
    assert.equal(qdiscValueProblem('htb:100kbit'), undefined);
    assert.equal(qdiscValueProblem('tbf:5gbit'), undefined);
    assert.equal(qdiscValueProblem('fq_codelx'), 'expected one of noqueue, pfifo_fast, pfifo, bfifo, fq, fq_codel, a shaper with its rate such as "tbf:5gbit" or "htb:5gbit", or a netem fault such as "netem:20ms" or "netem:20ms:1%" (delay, random loss)');
    assert.notEqual(qdiscValueProblem('tbf:5gbit '), undefined);
    assert.notEqual(qdiscValueProblem('cake'), undefined);
  });

  it('sets txqueuelen before replacing the qdisc (pfifo reads it when created), then reads both back, per end', () => {
    assert.deepEqual(lines(qdiscFamily, ctx(), { qdisc: 'pfifo', txqueuelen: 500 }), [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 txqueuelen 500',
      'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root pfifo',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'tc -n vb1a2b-cli -j qdisc show dev vb1a2bcli0 root',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 txqueuelen 500',
      'tc -n vb1a2b-srv qdisc replace dev vb1a2bsrv0 root pfifo',
      'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
      'tc -n vb1a2b-srv -j qdisc show dev vb1a2bsrv0 root',
    ]);
  });

  it('shapes the sender only with sides.qdisc = sender; the server sends in a reverse workload', () => {
    const tbf = (netns: string, iface: string): string[] => [
      `tc -n ${netns} qdisc replace dev ${iface} root tbf rate 5gbit burst 256kb latency 10ms`,
      `ip -n ${netns} -d -j link show dev ${iface}`,
      `tc -n ${netns} -j qdisc show dev ${iface} root`,
    ];
    assert.deepEqual(lines(qdiscFamily, ctx(pair, { qdisc: 'sender' }), { qdisc: 'tbf:5gbit' }), tbf('vb1a2b-cli', 'vb1a2bcli0'));
    assert.deepEqual(lines(qdiscFamily, ctx(pair, { qdisc: 'sender' }, true), { qdisc: 'tbf:5gbit' }), tbf('vb1a2b-srv', 'vb1a2bsrv0'));
    assert.deepEqual(lines(qdiscFamily, ctx(router, { qdisc: 'receiver' }), { qdisc: 'tbf:5gbit' }), tbf('vb1a2b-srv', 'vb1a2bsrv0'));
  });

  it('takes txqueuelen\'s side when qdisc has none, and covers all four router ends by default', () => {
    assert.deepEqual(lines(qdiscFamily, ctx(router, { txqueuelen: 'receiver' }, true), { txqueuelen: 64 }), [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 txqueuelen 64',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'tc -n vb1a2b-cli -j qdisc show dev vb1a2bcli0 root',
    ]);
    assert.deepEqual(lines(qdiscFamily, ctx(router), { qdisc: 'noqueue' }).filter((l) => l.includes('replace')), [
      'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root noqueue',
      'tc -n vb1a2b-rtr qdisc replace dev vb1a2brtr0 root noqueue',
      'tc -n vb1a2b-rtr qdisc replace dev vb1a2brtr1 root noqueue',
      'tc -n vb1a2b-srv qdisc replace dev vb1a2bsrv0 root noqueue',
    ]);
  });
});

describe('offload family', () => {
  it('one ethtool -K per end for all its knobs, then ethtool -k, inside the end\'s namespace', () => {
    assert.deepEqual(lines(offloadFamily, ctx(), { tso: 'off', gro: 'on' }), [
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro on tso off',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro on tso off',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
    ]);
  });

  it('sides: { gro: "receiver" } puts gro on the server only; tso still goes to both ends', () => {
    assert.deepEqual(lines(offloadFamily, ctx(pair, { gro: 'receiver' }), { gro: 'on', tso: 'off' }), [
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro on tso off',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 tso off',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
    ]);
  });

  it('a reverse workload: the client receives, so gro goes to the client', () => {
    assert.deepEqual(lines(offloadFamily, ctx(pair, { gro: 'receiver' }, true), { gro: 'on', tso: 'off' }), [
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro on tso off',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 tso off',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
    ]);
  });

  it('router: receiver-side gro on the server, sender-side tso on the client, nothing on the router', () => {
    assert.deepEqual(lines(offloadFamily, ctx(router, { gro: 'receiver', tso: 'sender' }), { gro: 'on', tso: 'off' }), [
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro on',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 tso off',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
    ]);
    assert.deepEqual(lines(offloadFamily, ctx(router, { gro: 'receiver', tso: 'sender' }, true), { gro: 'on', tso: 'off' }), [
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro on',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 tso off',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
    ]);
  });

  it('router, both sides: every end, in link order', () => {
    assert.deepEqual(lines(offloadFamily, ctx(router), { 'rx-udp-gro-forwarding': 'on' }).filter((l) => l.includes(' -K ')), [
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 rx-udp-gro-forwarding on',
      'ip netns exec vb1a2b-rtr ethtool -K vb1a2brtr0 rx-udp-gro-forwarding on',
      'ip netns exec vb1a2b-rtr ethtool -K vb1a2brtr1 rx-udp-gro-forwarding on',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 rx-udp-gro-forwarding on',
    ]);
  });
});

describe('napi family (threaded)', () => {
  it('writes 1 or 0 to the sysfs file from inside the namespace and reads it back', () => {
    assert.deepEqual(napiFamily.commands(ctx(), { threaded: 'on' }), [
      { argv: ['tee', '/sys/class/net/vb1a2bcli0/threaded'], stdin: '1\n', netns: 'vb1a2b-cli' },
      { argv: ['cat', '/sys/class/net/vb1a2bcli0/threaded'], netns: 'vb1a2b-cli' },
      { argv: ['tee', '/sys/class/net/vb1a2bsrv0/threaded'], stdin: '1\n', netns: 'vb1a2b-srv' },
      { argv: ['cat', '/sys/class/net/vb1a2bsrv0/threaded'], netns: 'vb1a2b-srv' },
    ] satisfies HostCommand[]);
    assert.deepEqual(lines(napiFamily, ctx(router, { threaded: 'receiver' }, true), { threaded: 'off' }), [
      "ip netns exec vb1a2b-cli tee /sys/class/net/vb1a2bcli0/threaded <<'EOF'\n0\nEOF",
      'ip netns exec vb1a2b-cli cat /sys/class/net/vb1a2bcli0/threaded',
    ]);
  });
});

describe('channels family', () => {
  it('reads the limits, sets rx and/or tx (never combined), reads the counts back', () => {
    assert.deepEqual(lines(channelsFamily, ctx(), { rxChannels: 2, txChannels: 1 }), [
      'ip netns exec vb1a2b-cli ethtool -l vb1a2bcli0',
      'ip netns exec vb1a2b-cli ethtool -L vb1a2bcli0 rx 2 tx 1',
      'ip netns exec vb1a2b-cli ethtool -l vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
      'ip netns exec vb1a2b-srv ethtool -L vb1a2bsrv0 rx 2 tx 1',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
    ]);
  });

  it('only the receiver (the client in a reverse workload), router included', () => {
    assert.deepEqual(lines(channelsFamily, ctx(router, { rxChannels: 'receiver' }), { rxChannels: 2 }).filter((l) => l.includes(' -L ')), [
      'ip netns exec vb1a2b-srv ethtool -L vb1a2bsrv0 rx 2',
    ]);
    assert.deepEqual(lines(channelsFamily, ctx(pair, { txChannels: 'receiver' }, true), { txChannels: 2 }).filter((l) => l.includes(' -L ')), [
      'ip netns exec vb1a2b-cli ethtool -L vb1a2bcli0 tx 2',
    ]);
  });

  it('parseEthtoolChannels reads maximums and current counts (real capture, rx 2 tx 2)', () => {
    assert.deepEqual(parseEthtoolChannels(fixtureText('ethtool/veth-l-rx2-tx2.txt')), { max: { rx: 2, tx: 2 }, current: { rx: 2, tx: 2 } });
  });

  it('parseEthtoolChannels on a fresh veth: maximum 2, current 1 (real capture)', () => {
    assert.deepEqual(parseEthtoolChannels(fixtureText('ethtool/veth-l-rx1-tx1.txt')), { max: { rx: 2, tx: 2 }, current: { rx: 1, tx: 1 } });
  });

  it('parseEthtoolChannels ignores "n/a" and foreign text', () => {
    assert.deepEqual(parseEthtoolChannels(''), { max: {}, current: {} });
    assert.deepEqual(parseEthtoolChannels(fixtureText('ethtool/veth-L-rx3-refused.txt')), { max: {}, current: {} });
    assert.deepEqual(parseEthtoolChannels('RX:\t\t4\n'), { max: {}, current: {} }, 'no section header: nothing is read');
  });

  it('channelLimitProblem names the knob, the limit, the interface and where the limit comes from', () => {
    const { max } = parseEthtoolChannels(fixtureText('ethtool/veth-l-rx2-tx2.txt'));
    assert.equal(channelLimitProblem('vbX', { rxChannels: 8 }, max), 'rxChannels 8 exceeds the veth maximum of 2 on vbX (the number of possible CPUs on this host)');
    assert.equal(channelLimitProblem('vbX', { rxChannels: 2, txChannels: 3 }, max), 'txChannels 3 exceeds the veth maximum of 2 on vbX (the number of possible CPUs on this host)');
    assert.equal(channelLimitProblem('vbX', { rxChannels: 5, txChannels: 3 }, max), 'rxChannels 5 exceeds the veth maximum of 2 on vbX (the number of possible CPUs on this host)');
    assert.equal(channelLimitProblem('vbX', { rxChannels: 2, txChannels: 2 }, max), undefined);
    assert.equal(channelLimitProblem('vbX', { rxChannels: 64 }, {}), undefined, 'no maximum read: the kernel decides');
  });
});

describe('netns sysctl family (tcp_rmem / tcp_wmem)', () => {
  it('sets the normalized triple in every namespace of the run, then reads it back', () => {
    assert.deepEqual(netnsSysctlFamily.commands(ctx(router), { tcpWmem: '4096 16384 4194304', tcpRmem: '4096\t131072  6291456' }), [
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_rmem=4096 131072 6291456'], netns: 'vb1a2b-cli' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_rmem'], netns: 'vb1a2b-cli' },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_rmem=4096 131072 6291456'], netns: 'vb1a2b-rtr' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_rmem'], netns: 'vb1a2b-rtr' },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_rmem=4096 131072 6291456'], netns: 'vb1a2b-srv' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_rmem'], netns: 'vb1a2b-srv' },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_wmem=4096 16384 4194304'], netns: 'vb1a2b-cli' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_wmem'], netns: 'vb1a2b-cli' },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_wmem=4096 16384 4194304'], netns: 'vb1a2b-rtr' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_wmem'], netns: 'vb1a2b-rtr' },
      { argv: ['sysctl', '-q', '-w', 'net.ipv4.tcp_wmem=4096 16384 4194304'], netns: 'vb1a2b-srv' },
      { argv: ['sysctl', '-n', 'net.ipv4.tcp_wmem'], netns: 'vb1a2b-srv' },
    ] satisfies HostCommand[]);
  });

  it('ignores sides: the sysctl is per namespace, never the root namespace', () => {
    assert.deepEqual(lines(netnsSysctlFamily, ctx(pair, { tcpRmem: 'sender' }), { tcpRmem: '1 2 3' }), [
      "ip netns exec vb1a2b-cli sysctl -q -w 'net.ipv4.tcp_rmem=1 2 3'",
      'ip netns exec vb1a2b-cli sysctl -n net.ipv4.tcp_rmem',
      "ip netns exec vb1a2b-srv sysctl -q -w 'net.ipv4.tcp_rmem=1 2 3'",
      'ip netns exec vb1a2b-srv sysctl -n net.ipv4.tcp_rmem',
    ]);
  });

  it('normalizeTriple turns the kernel\'s tab-separated text into "min default max" (real capture)', () => {
    assert.equal(fixtureText('sysctl/tcp_rmem.txt'), '4096\t131072\t33554432\n');
    assert.equal(normalizeTriple(fixtureText('sysctl/tcp_rmem.txt')), '4096 131072 33554432');
    assert.equal(normalizeTriple('  1   2 \t 3 '), '1 2 3');
  });
});

describe('global sysctl family', () => {
  it('reads each original value, then writes the new one, in the host namespace, whatever the topology', () => {
    const expected: HostCommand[] = [
      { argv: ['sysctl', '-n', 'net.core.rmem_max'] },
      { argv: ['sysctl', '-q', '-w', 'net.core.rmem_max=8388608'] },
      { argv: ['sysctl', '-n', 'net.core.wmem_default'] },
      { argv: ['sysctl', '-q', '-w', 'net.core.wmem_default=262144'] },
    ];
    assert.deepEqual(globalSysctlFamily.commands(ctx(), { wmemDefault: 262144, rmemMax: 8388608 }), expected);
    assert.deepEqual(globalSysctlFamily.commands(ctx(router, {}, true), { wmemDefault: 262144, rmemMax: 8388608 }), expected);
  });
});

describe('iperf3 family', () => {
  it('runs nothing on the host: the client command carries -w and -A', () => {
    assert.deepEqual(iperf3Family.commands(ctx(), { window: 65536, affinity: 'cross-core' }), []);
  });

  it('affinityArgument: same-core is 0,0, cross-core is 0,1, explicit CPUs pass through', () => {
    assert.equal(affinityArgument('same-core'), '0,0');
    assert.equal(affinityArgument('cross-core'), '0,1');
    assert.equal(affinityArgument('1,0'), '1,0');
    assert.equal(affinityArgument('3'), '3');
    assert.equal(affinityArgument('unpinned'), undefined);
    assert.deepEqual(iperf3KnobArgs({ affinity: 'unpinned' }), [], 'unpinned is no -A at all: the scheduler places both');
  });

  it('iperf3KnobArgs: -w then -A, only for the knobs set, ignoring other families\' knobs', () => {
    assert.deepEqual(iperf3KnobArgs({ affinity: 'same-core', window: 65536, gro: 'on', mtu: 9000 }), ['-w', '65536', '-A', '0,0']);
    assert.deepEqual(iperf3KnobArgs({ affinity: '2,3' }), ['-A', '2,3']);
    assert.deepEqual(iperf3KnobArgs({ window: 1024 }), ['-w', '1024']);
    assert.deepEqual(iperf3KnobArgs({ gro: 'on' }), []);
  });

  it('effectiveWindow: half the granted buffer, from a real iperf3 -w 65536 run', () => {
    const parsed = parseIperf3Json(fixtureText('iperf3/tcp-w65536.json'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sockets, { requestedBytes: 65536, sndbufActualBytes: 131072, rcvbufActualBytes: 131072 });
    assert.equal(effectiveWindow(parsed.sockets), 65536);
  });

  it('effectiveWindow: the smaller of the two buffers, one alone, or nothing', () => {
    assert.equal(effectiveWindow({ sndbufActualBytes: 8388608, rcvbufActualBytes: 425984 }), 212992);
    assert.equal(effectiveWindow({ rcvbufActualBytes: 131072 }), 65536);
    assert.equal(effectiveWindow({ requestedBytes: 65536 }), undefined);
    assert.equal(effectiveWindow(undefined), undefined);
  });
});

describe('parsers of the read-backs (real captures)', () => {
  it('parseIpLinkJson: mtu and txqlen of a fresh veth and after mtu 9000 / txqueuelen 500', () => {
    const fresh = parseIpLinkJson(fixtureText('ip-link/veth-default.json'));
    assert.deepEqual([fresh?.ifname, fresh?.mtu, fresh?.txqlen, fresh?.min_mtu, fresh?.max_mtu], ['vbua0', 1500, 1000, 68, 65535]);
    const changed = parseIpLinkJson(fixtureText('ip-link/veth-mtu9000-txqlen500.json'));
    assert.deepEqual([changed?.mtu, changed?.txqlen], [9000, 500]);
  });

  it('parseIpLinkJson: undefined for an error, empty output or a list without a device', () => {
    assert.equal(parseIpLinkJson(fixtureText('ip-link/mtu-65536-refused.txt')), undefined);
    assert.equal(parseIpLinkJson(''), undefined);
    assert.equal(parseIpLinkJson('[]'), undefined);
    assert.equal(parseIpLinkJson('{"mtu":1500}'), undefined);
  });

  it('parseRootQdisc: the kind of the root qdisc', () => {
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-noqueue.json')), 'noqueue');
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-pfifo.json')), 'pfifo');
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-pfifo_fast.json')), 'pfifo_fast');
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-tbf-5gbit.json')), 'tbf');
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-htb.json')), 'htb');
  });

  it('parseRootQdisc: picks the root entry out of a list with a leaf qdisc, whatever its position', () => {
    const all = fixtureText('tc/qdisc-htb-pfifo-leaf-all.json');
    assert.equal(parseRootQdisc(all), 'htb');
    assert.equal(parseRootQdisc(JSON.stringify((JSON.parse(all) as unknown[]).reverse())), 'htb');
  });

  it('parseRootQdisc: undefined for tc\'s error text, an empty list or no root entry', () => {
    assert.equal(parseRootQdisc(fixtureText('tc/fq_codelx-refused.txt')), undefined);
    assert.equal(parseRootQdisc('[]'), undefined);
    assert.equal(parseRootQdisc('[{"kind":"pfifo","handle":"10:","parent":"1:10"}]'), undefined);
    assert.equal(parseRootQdisc('{"kind":"pfifo","root":true}'), undefined);
  });
});

describe('knobCommands: every family in application order', () => {
  it('mtu, txqueuelen+qdisc, offloads, threaded, channels, netns sysctls, global sysctls; nothing for iperf3 knobs', () => {
    const settings: KnobSettings = {
      window: 65536, wmemMax: 8388608, tcpRmem: '4096 131072 6291456', txChannels: 2, threaded: 'on', gro: 'on', qdisc: 'pfifo', mtu: 9000, affinity: 'same-core',
    };
    const commands = knobCommands(ctx(pair, { gro: 'receiver', threaded: 'receiver', txChannels: 'receiver', qdisc: 'sender' }), settings).map(describeCommand);
    assert.deepEqual(commands, [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 9000',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 mtu 9000',
      'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
      'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root pfifo',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'tc -n vb1a2b-cli -j qdisc show dev vb1a2bcli0 root',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro on',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
      "ip netns exec vb1a2b-srv tee /sys/class/net/vb1a2bsrv0/threaded <<'EOF'\n1\nEOF",
      'ip netns exec vb1a2b-srv cat /sys/class/net/vb1a2bsrv0/threaded',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
      'ip netns exec vb1a2b-srv ethtool -L vb1a2bsrv0 tx 2',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
      "ip netns exec vb1a2b-cli sysctl -q -w 'net.ipv4.tcp_rmem=4096 131072 6291456'",
      'ip netns exec vb1a2b-cli sysctl -n net.ipv4.tcp_rmem',
      "ip netns exec vb1a2b-srv sysctl -q -w 'net.ipv4.tcp_rmem=4096 131072 6291456'",
      'ip netns exec vb1a2b-srv sysctl -n net.ipv4.tcp_rmem',
      'sysctl -n net.core.wmem_max',
      'sysctl -q -w net.core.wmem_max=8388608',
    ]);
  });

  it('no knobs, no commands', () => {
    assert.deepEqual(knobCommands(ctx(router), {}), []);
  });
});
