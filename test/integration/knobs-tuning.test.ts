// Root: the tuning knob families (issue 16) on a real veth pair: each is applied, read back from the kernel and
// undone, and the root namespace (links, routes, firewall, every net.* sysctl) is byte-identical afterwards.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { applyKnobs } from '../../src/knobs/apply.ts';
import { normalizeMask } from '../../src/knobs/rps-xps-family.ts';
import { restoreSysctls } from '../../src/files/sysctl-journal.ts';
import type { KnobSettings } from '../../src/knobs/types.ts';
import { closeSession, openSession, type Session } from '../../src/run/session.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();
const prefix = 'vbe161';
const topology = resolveTopology({ kind: 'pair' }, prefix);
const ends = [topology.client, topology.server];
let session: Session | undefined;
let snapshot = '';

const apply = (settings: KnobSettings, sides = {}) => applyKnobs({ host, shell: knobShell(), topology, sides, reverse: false }, settings);
const inNs = async (netns: string, argv: string[]): Promise<string> => (await host.exec(argv, { netns, timeoutMs: 10_000 })).stdout.trim();
const procSys = (key: string): string => readFileSync(`/proc/sys/${key.replace(/\./g, '/')}`, 'utf8');

describe('tuning knob families on a real veth pair', { skip: needsRoot }, () => {
  before(async () => {
    process.env.VETHBENCH_STATE_DIR = tempDir('knob-tuning-state');
    snapshot = rootNamespaceSnapshot();
    session = await openSession(host, topology, 21161);
  });
  after(async () => {
    if (session) assert.deepEqual(await closeSession(host, session), []);
    assert.deepEqual(namespacesWithPrefix(prefix), []);
    assert.equal(rootNamespaceSnapshot(), snapshot, 'root namespace and every net.* sysctl as before');
  });

  test('congestionControl: set in every namespace of the run from what it offers, read back; the root keeps its own', async () => {
    const rootBefore = procSys('net.ipv4.tcp_congestion_control');
    const available = (await inNs(topology.client.netns, ['sysctl', '-n', 'net.ipv4.tcp_available_congestion_control'])).split(/\s+/);
    const wanted = available.find((a) => `${a}\n` !== rootBefore) ?? 'reno';
    const outcome = await apply({ congestionControl: wanted });
    assert.equal(outcome.refused, undefined);
    for (const ns of topology.namespaces) {
      assert.equal(outcome.effective[ns.name]?.congestionControl, wanted);
      assert.equal(await inNs(ns.name, ['sysctl', '-n', 'net.ipv4.tcp_congestion_control']), wanted);
    }
    assert.equal(procSys('net.ipv4.tcp_congestion_control'), rootBefore);
    const missing = await apply({ congestionControl: 'vegas_nope' });
    assert.match(missing.refused ?? '', /congestionControl vegas_nope is not available in vbe161-cli \(net\.ipv4\.tcp_available_congestion_control: .*cubic/);
    await apply({ congestionControl: rootBefore.trim() });
  });

  test('groFlushTimeout and napiDeferHardIrqs: written in the namespace, read back from sysfs there, set back to 0', async () => {
    const outcome = await apply({ gro: 'on', groFlushTimeout: 20000, napiDeferHardIrqs: 2 });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) {
      assert.deepEqual(outcome.effective[end.iface], { gro: 'on', groFlushTimeout: 20000, napiDeferHardIrqs: 2 });
      assert.equal(await inNs(end.netns, ['cat', `/sys/class/net/${end.iface}/gro_flush_timeout`]), '20000');
    }
    const back = await apply({ groFlushTimeout: 0, napiDeferHardIrqs: 0, gro: 'off' });
    for (const end of ends) assert.deepEqual(back.effective[end.iface], { gro: 'off', groFlushTimeout: 0, napiDeferHardIrqs: 0 });
  });

  test('busyPoll, busyRead, netdevMaxBacklog: journaled before the change, read back, restored byte-identical', async () => {
    const keys = { busyPoll: 'net.core.busy_poll', busyRead: 'net.core.busy_read', netdevMaxBacklog: 'net.core.netdev_max_backlog' };
    const before = Object.fromEntries(Object.values(keys).map((k) => [k, procSys(k)]));
    const wanted = { busyPoll: 50, busyRead: 50, netdevMaxBacklog: Number(before['net.core.netdev_max_backlog']) === 2000 ? 3000 : 2000 };
    const outcome = await apply({ gro: 'on', ...wanted });
    assert.equal(outcome.refused, undefined);
    assert.deepEqual(outcome.effective.host, wanted);
    for (const [knob, key] of Object.entries(keys)) assert.equal(Number(procSys(key)), wanted[knob as keyof typeof wanted]);
    const restored = await restoreSysctls(host, 'self');
    assert.deepEqual(restored.problems, []);
    for (const key of Object.values(keys)) assert.equal(procSys(key), before[key], key);
    await apply({ gro: 'off' });
  });

  test('BIG TCP: gso/gro_max_size set per interface up to veth\'s tso_max_size, read back; above it the kernel refuses; the ipv4 sizes skip with the reason where iproute2 < 6.3', async () => {
    const outcome = await apply({ gsoMaxSize: 196608, groMaxSize: 131072 });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.deepEqual(outcome.effective[end.iface], { gsoMaxSize: 196608, groMaxSize: 131072 });
    const link = JSON.parse(await inNs(topology.client.netns, ['ip', '-d', '-j', 'link', 'show', 'dev', topology.client.iface])) as { tso_max_size: number }[];
    const tooBig = await apply({ gsoMaxSize: link[0]!.tso_max_size + 8 });
    assert.match(tooBig.refused ?? '', /too big gso_max_size|Invalid argument|Numerical result/i);
    const ipv4 = await apply({ gsoIpv4MaxSize: 131072 });
    const version = await inNs(topology.client.netns, ['ip', '-V']);
    if (/iproute2-6\.[0-2]\b|iproute2-[1-5]\./.test(version)) assert.match(ipv4.refused ?? '', /gso_ipv4_max_size\/gro_ipv4_max_size: iproute2 6\.\d+\.\d+ does not know them \(needs iproute2 ≥ 6\.3\)/);
    else assert.equal(ipv4.effective[topology.client.iface]?.gsoIpv4MaxSize, 131072);
    const back = await apply({ gsoMaxSize: 65536, groMaxSize: 65536 });
    for (const end of ends) assert.deepEqual(back.effective[end.iface], { gsoMaxSize: 65536, groMaxSize: 65536 });
  });

  test('rpsCpus and xpsCpus: written to every queue inside the namespace, read back; a CPU the host lacks is refused', async () => {
    const all = ((1 << cpus().length) - 1).toString(16);
    const outcome = await apply({ rpsCpus: all, xpsCpus: '1' });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) {
      assert.deepEqual(outcome.effective[end.iface], { rpsCpus: all, xpsCpus: '1' });
      assert.equal(normalizeMask(await inNs(end.netns, ['cat', `/sys/class/net/${end.iface}/queues/rx-0/rps_cpus`])), all);
    }
    const tooWide = await apply({ rpsCpus: (1 << cpus().length).toString(16) });
    assert.match(tooWide.refused ?? '', new RegExp(`rpsCpus: mask \\w+ names CPU ${cpus().length}, but this host has CPUs 0–${cpus().length - 1}`));
    const back = await apply({ rpsCpus: '0', xpsCpus: '0' });
    for (const end of ends) assert.deepEqual(back.effective[end.iface], { rpsCpus: '0', xpsCpus: '0' });
  });

  test('xdp pass: attached natively on the receiver, the peer\'s TSO read back off and restored on detach; an MTU above the cap is refused while attached', async (t) => {
    if (!existsSync('/usr/include/bpf/bpf_helpers.h')) return t.skip('libbpf-dev is not installed (apt-get install clang libbpf-dev)');
    const outcome = await apply({ xdp: 'pass' }, { xdp: 'receiver' });
    assert.equal(outcome.refused, undefined, outcome.refused);
    assert.equal(outcome.effective[topology.server.iface]?.xdp, 'pass');
    assert.equal(outcome.effective[topology.client.iface]?.tso, 'off', 'the kernel strips TSO from the peer');
    assert.ok(outcome.warnings.some((w) => /TSO is off while XDP is attached on vbe161srv0.*capped at 3506/.test(w)), outcome.warnings.join('\n'));
    const jumbo = await apply({ mtu: 9000 });
    assert.match(jumbo.refused ?? '', /mtu 9000/);
    const off = await apply({ xdp: 'off', mtu: 9000 }, { xdp: 'receiver' });
    assert.equal(off.refused, undefined, off.refused);
    assert.equal(off.effective[topology.server.iface]?.xdp, 'off');
    assert.equal(off.effective[topology.client.iface]?.tso, 'on', 'TSO is back once the program is gone');
    const again = await apply({ xdp: 'pass', mtu: 1500 }, { xdp: 'receiver' });
    assert.equal(again.refused, undefined, 'a jumbo MTU left by the previous point is brought down before attaching');
    assert.equal((await apply({ xdp: 'off' })).effective[topology.server.iface]?.xdp, 'off');
  });

  test('the run\'s journal restores every global sysctl it changed', async () => {
    assert.deepEqual((await restoreSysctls(host, 'self')).problems, []);
  });
});
