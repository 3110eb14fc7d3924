// Every existing knob family says how to apply its knobs on one's own interfaces, with placeholders and an honest
// word on what reaches container namespaces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOB_FAMILIES } from '../../src/knobs/registry.ts';
import type { KnobSettings } from '../../src/knobs/types.ts';
import { tuneApplyLines } from '../../src/tune/apply.ts';

/** One valid non-default value of every knob of the families that exist before this round. */
const EXAMPLE: KnobSettings = {
  mtu: 9000, txqueuelen: 5000, qdisc: 'tbf:5gbit', gro: 'on', gso: 'off', tso: 'off', tx: 'off', sg: 'off', 'rx-udp-gro-forwarding': 'on', 'rx-gro-list': 'on', 'tx-udp-segmentation': 'off',
  threaded: 'on', rxChannels: 2, txChannels: 2, tcpRmem: '4096 131072 6291456', tcpWmem: '4096 16384 4194304',
  rmemMax: 16777216, wmemMax: 16777216, rmemDefault: 262144, wmemDefault: 262144, window: 262144, affinity: 'same-core',
};

describe('apply lines', () => {
  it('every knob of the existing families has one line with a command and at least one persistent form', () => {
    const known = KNOB_FAMILIES.flatMap((f) => f.knobs).filter((k) => k in EXAMPLE);
    for (const knob of known) {
      const { lines, missing } = tuneApplyLines({ [knob]: EXAMPLE[knob]! });
      assert.deepEqual(missing, [], knob);
      assert.equal(lines.length, 1, knob);
      assert.equal(lines[0]!.knob, knob);
      assert.ok(lines[0]!.command.length > 0 && lines[0]!.persistent.length > 0, knob);
    }
  });

  it('placeholders, not this host\'s names; the root-only forms say they do not reach containers', () => {
    const { lines } = tuneApplyLines({ gro: 'on', txqueuelen: 5000, qdisc: 'pfifo', mtu: 9000 });
    const gro = lines.find((l) => l.knob === 'gro')!;
    assert.equal(gro.command, 'ip netns exec <ns> ethtool -K <dev> gro on');
    assert.ok(gro.persistent.every((p) => !p.reachesContainers), 'udev and .link never reach a container namespace');
    assert.match(gro.persistent.map((p) => p.form).join('\n'), /GenericReceiveOffload=true/);
    const txq = lines.find((l) => l.knob === 'txqueuelen')!;
    assert.deepEqual(txq.cniTuning, { type: 'tuning', txQLen: 5000 });
    assert.equal(lines.find((l) => l.knob === 'qdisc')!.command, 'tc -n <ns> qdisc replace dev <dev> root pfifo');
    assert.deepEqual(lines.find((l) => l.knob === 'mtu')!.cniTuning, { type: 'tuning', mtu: 9000 });
  });

  it('sysctls: sysctl.d sets the root namespace (per-namespace keys) or every namespace (global keys)', () => {
    const { lines } = tuneApplyLines({ tcpRmem: '4096 131072 6291456', rmemMax: 16777216 });
    const rmem = lines.find((l) => l.knob === 'tcpRmem')!;
    assert.equal(rmem.persistent.find((p) => p.form.startsWith('/etc/sysctl.d'))!.reachesContainers, false);
    assert.deepEqual(rmem.cniTuning, { type: 'tuning', sysctl: { 'net.ipv4.tcp_rmem': '4096 131072 6291456' } });
    const max = lines.find((l) => l.knob === 'rmemMax')!;
    assert.equal(max.persistent[0]!.reachesContainers, true);
    assert.equal(max.cniTuning, undefined, 'the tuning plugin cannot set a global sysctl');
  });

  it('knobs at their kernel default need no line', () => {
    assert.deepEqual(tuneApplyLines({ gro: 'off', tso: 'on', mtu: 1500, qdisc: 'noqueue' }).lines, []);
  });
});
