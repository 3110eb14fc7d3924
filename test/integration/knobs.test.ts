// Root: every knob family applied in a real namespace pair changes what the kernel reports, refusals come back
// in the kernel's words, and global sysctls are restored byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { applyKnobs } from '../../src/knobs/apply.ts';
import { readSysctlJournal, restoreSysctls } from '../../src/files/sysctl-journal.ts';
import type { KnobSettings } from '../../src/knobs/types.ts';
import { closeSession, openSession, type Session } from '../../src/run/session.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();
const prefix = 'vbe101';
const topology = resolveTopology({ kind: 'pair' }, prefix);
const ends = [topology.client.iface, topology.server.iface];
let session: Session | undefined;

const apply = (settings: KnobSettings, sides = {}) => applyKnobs({ host, shell: knobShell(), topology, sides, reverse: false }, settings);
const procSys = (key: string): string => readFileSync(`/proc/sys/${key.replace(/\./g, '/')}`, 'utf8');

describe('knob families on a real veth pair', { skip: needsRoot }, () => {
  before(async () => {
    process.env.VETHBENCH_STATE_DIR = tempDir('knob-state');
    session = await openSession(host, topology, 20999);
  });
  after(async () => {
    if (session) assert.deepEqual(await closeSession(host, session), []);
    assert.deepEqual(namespacesWithPrefix(prefix), []);
  });

  test('mtu is set on both ends and read back', async () => {
    const outcome = await apply({ mtu: 9000 });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.equal(outcome.effective[end]?.mtu, 9000);
  });

  test('a qdisc this kernel may lack (fq_codel): attached where it exists, otherwise refused in tc\'s words', async () => {
    const outcome = await apply({ qdisc: 'fq_codel' });
    if (outcome.refused) assert.match(outcome.refused, /tc -n vbe101-cli qdisc replace dev vbe101cli0 root fq_codel: Error: Specified qdisc kind is unknown/);
    else for (const end of ends) assert.equal(outcome.effective[end]?.qdisc, 'fq_codel');
  });

  test('txqueuelen + pfifo: pfifo is attached after txqueuelen is set, both read back', async () => {
    const outcome = await apply({ txqueuelen: 5000, qdisc: 'pfifo' });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.deepEqual(outcome.effective[end], { txqueuelen: 5000, qdisc: 'pfifo' });
  });

  test('a shaper with a rate (tbf) is attached and read back', async () => {
    const outcome = await apply({ qdisc: 'tbf:2gbit' });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.equal(outcome.effective[end]?.qdisc, 'tbf:2gbit');
    assert.equal((await apply({ qdisc: 'noqueue' })).effective[ends[0]!]?.qdisc, 'noqueue');
  });

  test('offloads: what ethtool -k reports after ethtool -K, per side', async () => {
    const outcome = await apply({ gro: 'on', tso: 'off' }, { tso: 'sender' });
    assert.deepEqual(outcome.effective[topology.client.iface], { gro: 'on', tso: 'off' });
    assert.deepEqual(outcome.effective[topology.server.iface], { gro: 'on' }, 'tso only on the sender');
    const restore = await apply({ tso: 'on', gro: 'off' });
    for (const end of ends) assert.deepEqual(restore.effective[end], { gro: 'off', tso: 'on' });
  });

  test('tx checksumming off drops TSO: the read-back says so and a warning names it', async () => {
    const outcome = await apply({ tx: 'off', tso: 'on' });
    for (const end of ends) assert.deepEqual(outcome.effective[end], { tso: 'off', tx: 'off' });
    assert.ok(outcome.warnings.some((w) => /tso requested on but is off/.test(w)), outcome.warnings.join('\n'));
    await apply({ tx: 'on', tso: 'on' });
  });

  test('threaded NAPI without GRO is refused with the kernel\'s words; with GRO on it takes effect; off without GRO stands', async () => {
    const refused = await apply({ gro: 'off', threaded: 'on' });
    assert.match(refused.refused ?? '', /Operation not supported.*turn gro on first/);
    const outcome = await apply({ gro: 'on', threaded: 'on' });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.deepEqual(outcome.effective[end], { gro: 'on', threaded: 'on' });
    // The kernel's default with GRO off (what tune's defaults point sets): the write is refused, but off is in effect.
    const off = await apply({ threaded: 'off', gro: 'off' });
    assert.equal(off.refused, undefined);
    for (const end of ends) assert.deepEqual(off.effective[end], { gro: 'off', threaded: 'off' });
  });

  test('channels: rx/tx counts up to the number of CPUs are read back; one more is refused naming the limit', async () => {
    const max = cpus().length;
    const outcome = await apply({ gro: 'on', rxChannels: max, txChannels: 1 });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.deepEqual(outcome.effective[end], { gro: 'on', rxChannels: max, txChannels: 1 });
    const tooMany = await apply({ rxChannels: max + 1 });
    assert.match(tooMany.refused ?? '', new RegExp(`rxChannels ${max + 1} exceeds the veth maximum of ${max}`));
  });

  test('tcp_rmem is set inside every namespace of the run, never in the root namespace', async () => {
    const rootBefore = procSys('net.ipv4.tcp_rmem');
    const outcome = await apply({ tcpRmem: '4096 65536 1048576' });
    assert.equal(outcome.refused, undefined);
    for (const ns of topology.namespaces) assert.equal(outcome.effective[ns.name]?.tcpRmem, '4096 65536 1048576');
    assert.equal(procSys('net.ipv4.tcp_rmem'), rootBefore);
  });

  test('global rmem_max: journaled before the change, restored byte-identical, journal removed', async () => {
    const before = procSys('net.core.rmem_max');
    const wanted = Number(before) === 425984 ? 212992 : 425984;
    const outcome = await apply({ rmemMax: wanted });
    assert.equal(outcome.refused, undefined);
    assert.equal(outcome.effective.host?.rmemMax, wanted);
    assert.equal(Number(procSys('net.core.rmem_max')), wanted);
    assert.equal(readSysctlJournal()?.originals['net.core.rmem_max'], before.trim());
    const restored = await restoreSysctls(host, 'self');
    assert.deepEqual(restored.problems, []);
    assert.equal(procSys('net.core.rmem_max'), before);
    assert.equal(readSysctlJournal(), undefined);
  });
});
