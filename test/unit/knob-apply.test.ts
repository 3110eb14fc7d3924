// applyKnobs and each family's apply() against a FakeHost that answers with real captured outputs
// (test/fixtures): what is run, in which order, what is read back, and where it stops.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyKnobs } from '../../src/knobs/apply.ts';
import type { KnobSettings, Side } from '../../src/knobs/types.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { FakeHost, fixtureText, replies, type Reply, type Responder } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const pair = resolveTopology({ kind: 'pair' }, 'vb1a2b');

/** A captured text with the capture's interface name (vbua0) replaced by the one the command named. */
const about = (path: string, line: string): string => fixtureText(path).replaceAll('vbua0', /(vb1a2b[a-z]+\d)/.exec(line)?.[1] ?? 'vbua0');

async function apply(respond: Responder, settings: KnobSettings, sides: Partial<Record<string, Side>> = {}, reverse = false) {
  const host = new FakeHost(respond);
  const outcome = await applyKnobs({ host, shell: knobShell(), topology: pair, sides, reverse }, settings);
  return { outcome, calls: host.calls };
}

/** A veth pair where every knob of the full point takes effect: the outputs are the real ones after those changes. */
function kernelTakingEverything(): Responder {
  const channelsSet = new Set<string>();
  return replies([
    [/ -d -j link show /, { stdout: fixtureText('ip-link/veth-mtu9000-txqlen500.json') }],
    [/ -j qdisc show /, { stdout: fixtureText('tc/qdisc-pfifo.json') }],
    [/ethtool -k /, { stdout: fixtureText('ethtool/veth-k-gro-on-tso-gso-off.txt') }],
    [/cat \/sys\/class\/net\/\S+\/threaded/, { stdout: fixtureText('sysfs/threaded-on.txt') }],
    [/ethtool -L (\S+)/, (line) => (channelsSet.add(/ethtool -L (\S+)/.exec(line)![1]!), {})],
    [/ethtool -l (\S+)/, (line) => ({ stdout: about(channelsSet.has(/ethtool -l (\S+)/.exec(line)![1]!) ? 'ethtool/veth-l-rx2-tx2.txt' : 'ethtool/veth-l-rx1-tx1.txt', line) })],
    [/sysctl -n net\.ipv4\.tcp_rmem/, { stdout: fixtureText('sysctl/tcp_rmem.txt') }],
  ]);
}

describe('applyKnobs: a full point on a pair', () => {
  const settings: KnobSettings = {
    tcpRmem: '4096 131072 33554432', txChannels: 2, rxChannels: 2, threaded: 'on', tso: 'off', gro: 'on', qdisc: 'pfifo', txqueuelen: 500, mtu: 9000,
  };

  it('runs the families in application order, each end in turn', async () => {
    const { calls } = await apply(kernelTakingEverything(), settings);
    assert.deepEqual(calls, [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 9000',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 mtu 9000',
      'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 txqueuelen 500',
      'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root pfifo',
      'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'tc -n vb1a2b-cli -j qdisc show dev vb1a2bcli0 root',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 txqueuelen 500',
      'tc -n vb1a2b-srv qdisc replace dev vb1a2bsrv0 root pfifo',
      'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
      'tc -n vb1a2b-srv -j qdisc show dev vb1a2bsrv0 root',
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro on tso off',
      'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 gro on tso off',
      'ip netns exec vb1a2b-srv ethtool -k vb1a2bsrv0',
      "ip netns exec vb1a2b-cli tee /sys/class/net/vb1a2bcli0/threaded <<'EOF'\n1\nEOF",
      'ip netns exec vb1a2b-cli cat /sys/class/net/vb1a2bcli0/threaded',
      "ip netns exec vb1a2b-srv tee /sys/class/net/vb1a2bsrv0/threaded <<'EOF'\n1\nEOF",
      'ip netns exec vb1a2b-srv cat /sys/class/net/vb1a2bsrv0/threaded',
      'ip netns exec vb1a2b-cli ethtool -l vb1a2bcli0',
      'ip netns exec vb1a2b-cli ethtool -L vb1a2bcli0 rx 2 tx 2',
      'ip netns exec vb1a2b-cli ethtool -l vb1a2bcli0',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
      'ip netns exec vb1a2b-srv ethtool -L vb1a2bsrv0 rx 2 tx 2',
      'ip netns exec vb1a2b-srv ethtool -l vb1a2bsrv0',
      "ip netns exec vb1a2b-cli sysctl -q -w 'net.ipv4.tcp_rmem=4096 131072 33554432'",
      'ip netns exec vb1a2b-cli sysctl -n net.ipv4.tcp_rmem',
      "ip netns exec vb1a2b-srv sysctl -q -w 'net.ipv4.tcp_rmem=4096 131072 33554432'",
      'ip netns exec vb1a2b-srv sysctl -n net.ipv4.tcp_rmem',
    ]);
  });

  it('merges what every family read back, by interface and namespace, with no warnings', async () => {
    const { outcome } = await apply(kernelTakingEverything(), settings);
    const link = { mtu: 9000, txqueuelen: 500, qdisc: 'pfifo', gro: 'on', tso: 'off', threaded: 'on', rxChannels: 2, txChannels: 2 };
    assert.deepEqual(outcome, {
      effective: { vb1a2bcli0: link, vb1a2bsrv0: link, 'vb1a2b-cli': { tcpRmem: '4096 131072 33554432' }, 'vb1a2b-srv': { tcpRmem: '4096 131072 33554432' } },
      warnings: [],
    });
  });

  it('does nothing for a point without knobs, nor for iperf3-only knobs', async () => {
    for (const s of [{}, { window: 65536, affinity: 'same-core' }] as KnobSettings[]) {
      const { outcome, calls } = await apply(kernelTakingEverything(), s);
      assert.deepEqual(outcome, { effective: {}, warnings: [] });
      assert.deepEqual(calls, []);
    }
  });
});

describe('applyKnobs: stops at the first refusal', () => {
  it('threaded NAPI without GRO: refused in the kernel\'s words plus the hint, nothing after it runs', async () => {
    const { outcome, calls } = await apply(replies([
      [/ -d -j link show /, { stdout: fixtureText('ip-link/veth-mtu9000-txqlen500.json') }],
      [/ethtool -k /, { stdout: fixtureText('ethtool/veth-k-default.txt') }],
      [/tee \/sys/, (line) => ({ exitCode: 1, stderr: about('sysfs/threaded-without-gro-refused.txt', line) })],
    ]), { mtu: 9000, gro: 'off', threaded: 'on', rxChannels: 2, tcpWmem: '4096 16384 4194304' });
    assert.deepEqual(outcome, {
      effective: { vb1a2bcli0: { mtu: 9000, gro: 'off' }, vb1a2bsrv0: { mtu: 9000, gro: 'off' } },
      warnings: [],
      refused: 'tee /sys/class/net/vb1a2bcli0/threaded (in vb1a2b-cli): tee: /sys/class/net/vb1a2bcli0/threaded: Operation not supported (threaded NAPI needs NAPI: turn gro on first)',
    });
    assert.equal(calls.at(-1), "ip netns exec vb1a2b-cli tee /sys/class/net/vb1a2bcli0/threaded <<'EOF'\n1\nEOF");
    assert.equal(calls.length, 9);
  });

  it('an MTU the device refuses: the first end stops everything', async () => {
    const { outcome, calls } = await apply(replies([
      [/ mtu 65536/, { exitCode: 2, stderr: fixtureText('ip-link/mtu-65536-refused.txt') }],
    ]), { mtu: 65536, gro: 'on' });
    assert.deepEqual(outcome, {
      effective: {},
      warnings: [],
      refused: 'ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 65536: Error: mtu greater than device maximum.',
    });
    assert.deepEqual(calls, ['ip -n vb1a2b-cli link set dev vb1a2bcli0 mtu 65536']);
  });

  it('a qdisc this kernel lacks (fq): tc\'s words, after txqueuelen was set', async () => {
    const { outcome, calls } = await apply(replies([
      [/qdisc replace .* fq$/, { exitCode: 2, stderr: fixtureText('tc/fq_codelx-refused.txt') }],
    ]), { txqueuelen: 500, qdisc: 'fq' });
    assert.deepEqual(outcome, { effective: {}, warnings: [], refused: 'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root fq: Error: Specified qdisc kind is unknown.' });
    assert.deepEqual(calls, ['ip -n vb1a2b-cli link set dev vb1a2bcli0 txqueuelen 500', 'tc -n vb1a2b-cli qdisc replace dev vb1a2bcli0 root fq']);
  });

  it('more channels than the veth has: refused before ethtool -L runs, naming the limit', async () => {
    const { outcome, calls } = await apply(replies([
      [/ethtool -l /, (line) => ({ stdout: about('ethtool/veth-l-rx2-tx2.txt', line) })],
    ]), { rxChannels: 8, txChannels: 1 });
    assert.deepEqual(outcome, {
      effective: {},
      warnings: [],
      refused: 'rxChannels 8 exceeds the veth maximum of 2 on vb1a2bcli0 (the number of possible CPUs on this host)',
    });
    assert.deepEqual(calls, ['ip netns exec vb1a2b-cli ethtool -l vb1a2bcli0']);
  });

  it('ethtool -L refused by the kernel when the limits could not be read: ethtool\'s words, lines joined', async () => {
    const { outcome } = await apply(replies([
      [/ethtool -l /, { exitCode: 1, stderr: 'netlink error: No such device' }],
      [/ethtool -L /, { exitCode: 1, stderr: fixtureText('ethtool/veth-L-rx3-refused.txt') }],
    ]), { rxChannels: 3 });
    assert.equal(outcome.refused, 'ethtool -L vb1a2bcli0 rx 3 (in vb1a2b-cli): netlink error: requested channel count exceeds maximum (offset 36); netlink error: Invalid argument');
  });

  it('a tcp_rmem the kernel refuses: sysctl\'s words', async () => {
    const { outcome, calls } = await apply(replies([
      [/sysctl -q -w/, { exitCode: 255, stderr: 'sysctl: setting key "net.ipv4.tcp_rmem": Invalid argument\n' }],
    ]), { tcpRmem: '4096 131072 6291456' });
    assert.equal(outcome.refused, 'sysctl -q -w net.ipv4.tcp_rmem=4096 131072 6291456 (in vb1a2b-cli): sysctl: setting key "net.ipv4.tcp_rmem": Invalid argument');
    assert.equal(calls.length, 1);
  });
});

describe('family read-backs that differ from the request', () => {
  it('offloads: tso on with tx off stays off (real ethtool -K / -k output): a warning, not a refusal', async () => {
    const { outcome, calls } = await apply(replies([
      [/ethtool -K /, { stdout: fixtureText('ethtool/veth-K-tso-on-tx-off.txt') }],
      [/ethtool -k /, { stdout: fixtureText('ethtool/veth-k-tx-off-tso-requested.txt') }],
    ]), { tso: 'on', tx: 'off' });
    assert.deepEqual(outcome, {
      effective: { vb1a2bcli0: { tso: 'off', tx: 'off' }, vb1a2bsrv0: { tso: 'off', tx: 'off' } },
      warnings: ['vb1a2bcli0: tso requested on but is off', 'vb1a2bsrv0: tso requested on but is off'],
    });
    assert.deepEqual(calls.filter((c) => c.includes(' -K ')), [
      'ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 tso on tx off',
      'ip netns exec vb1a2b-srv ethtool -K vb1a2bsrv0 tso on tx off',
    ]);
  });

  it('offloads: a failing ethtool -K is a warning and the read-back decides; a failing ethtool -k is a refusal', async () => {
    const cannot: Reply = { exitCode: 1, stderr: 'Could not change any device features\n' };
    const warned = await apply(replies([[/ethtool -K /, cannot], [/ethtool -k /, { stdout: fixtureText('ethtool/veth-k-default.txt') }]]), { gro: 'on' }, { gro: 'receiver' });
    assert.deepEqual(warned.outcome, {
      effective: { vb1a2bsrv0: { gro: 'off' } },
      warnings: ['ethtool -K vb1a2bsrv0 gro on (in vb1a2b-srv): Could not change any device features', 'vb1a2bsrv0: gro requested on but is off'],
    });
    const refused = await apply(replies([[/ethtool -k /, { exitCode: 1, stderr: 'Cannot get device feature info: No such device\n' }]]), { gro: 'on' });
    assert.deepEqual(refused.outcome, { effective: {}, warnings: [], refused: 'ethtool -k vb1a2bcli0: Cannot get device feature info: No such device' });
  });

  it('offloads on the receiver of a reverse workload: the client', async () => {
    const { outcome, calls } = await apply(replies([[/ethtool -k /, { stdout: fixtureText('ethtool/veth-k-gro-on-tso-gso-off.txt') }]]), { gro: 'on' }, { gro: 'receiver' }, true);
    assert.deepEqual(outcome.effective, { vb1a2bcli0: { gro: 'on' } });
    assert.deepEqual(calls, ['ip netns exec vb1a2b-cli ethtool -K vb1a2bcli0 gro on', 'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0']);
  });

  it('mtu: a different or unreadable read-back is a warning', async () => {
    const { outcome } = await apply(replies([
      [/vb1a2b-cli -d -j link show/, { stdout: fixtureText('ip-link/veth-default.json') }],
      [/vb1a2b-srv -d -j link show/, { exitCode: 1, stderr: 'Device "vb1a2bsrv0" does not exist.' }],
    ]), { mtu: 9000 });
    assert.deepEqual(outcome, {
      effective: { vb1a2bcli0: { mtu: 1500 } },
      warnings: ['vb1a2bcli0: mtu requested 9000 but is 1500', 'vb1a2bsrv0: mtu requested 9000 but is unreadable'],
    });
  });

  it('qdisc: a shaper that took effect is recorded with its rate; a different root qdisc by its kind', async () => {
    const shaped = (path: string, qdisc: string) => apply(replies([[/ -j qdisc show /, { stdout: fixtureText(path) }]]), { qdisc }, { qdisc: 'sender' });
    assert.deepEqual((await shaped('tc/qdisc-tbf-5gbit.json', 'tbf:5gbit')).outcome.effective, { vb1a2bcli0: { qdisc: 'tbf:5gbit' } });
    assert.deepEqual((await shaped('tc/qdisc-htb.json', 'htb:5gbit')).outcome.effective, { vb1a2bcli0: { qdisc: 'htb:5gbit' } });
    assert.deepEqual((await shaped('tc/qdisc-noqueue.json', 'tbf:5gbit')).outcome.effective, { vb1a2bcli0: { qdisc: 'noqueue' } });
    assert.deepEqual((await shaped('tc/qdisc-pfifo_fast.json', 'pfifo')).outcome.effective, { vb1a2bcli0: { qdisc: 'pfifo_fast' } });
  });

  it('qdisc: txqueuelen alone is read back from ip link, without a qdisc entry', async () => {
    const { outcome } = await apply(replies([
      [/ -d -j link show /, { stdout: fixtureText('ip-link/veth-mtu9000-txqlen500.json') }],
      [/ -j qdisc show /, { stdout: fixtureText('tc/qdisc-noqueue.json') }],
    ]), { txqueuelen: 500 });
    assert.deepEqual(outcome, { effective: { vb1a2bcli0: { txqueuelen: 500 }, vb1a2bsrv0: { txqueuelen: 500 } }, warnings: [] });
  });

  it('threaded: "0" reads as off, "1" and "enabled" as on', async () => {
    const read = async (text: string) => (await apply(replies([[/cat /, { stdout: text }]]), { threaded: 'on' }, { threaded: 'sender' })).outcome.effective;
    assert.deepEqual(await read(fixtureText('sysfs/threaded-off.txt')), { vb1a2bcli0: { threaded: 'off' } });
    assert.deepEqual(await read(fixtureText('sysfs/threaded-on.txt')), { vb1a2bcli0: { threaded: 'on' } });
    assert.deepEqual(await read('enabled\n'), { vb1a2bcli0: { threaded: 'on' } });
  });

  it('channels: an unchanged count reported by an older ethtool is not a refusal', async () => {
    const { outcome } = await apply(replies([
      [/ethtool -L /, { exitCode: 1, stderr: 'rx unmodified, ignoring\nno channel parameters changed.\n' }],
      [/ethtool -l /, (line) => ({ stdout: about('ethtool/veth-l-rx2-tx2.txt', line) })],
    ]), { rxChannels: 2 }, { rxChannels: 'receiver' });
    assert.deepEqual(outcome, { effective: { vb1a2bsrv0: { rxChannels: 2 } }, warnings: [] });
  });
});
