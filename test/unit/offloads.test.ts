import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OFFLOAD_KNOBS, effectiveOffloads, parseEthtoolFeatures, setOffloadsCommand, showFeaturesCommand } from '../../src/knobs/offloads.ts';
import type { Endpoint } from '../../src/topology/resolve.ts';

// Real `ethtool -k` output captured from a veth end (see the file names for what had been set).
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ethtool/${name}`, import.meta.url), 'utf8');
const defaults = parseEthtoolFeatures(fixture('veth-k-default.txt'));
const groOnTsoGsoOff = parseEthtoolFeatures(fixture('veth-k-gro-on-tso-gso-off.txt'));
const txOffTsoRequested = parseEthtoolFeatures(fixture('veth-k-tx-off-tso-requested.txt'));

const end: Endpoint = { netns: 'vb1a2b-cli', iface: 'vb1a2bcli0', address: '198.18.0.1', prefixLength: 24 };

describe('parseEthtoolFeatures (real captures)', () => {
  it('reads every feature line, and not the "Features for" header', () => {
    // 64 lines: the header and 63 features, three of them with "_" in the name.
    assert.equal(defaults.size, 63);
    assert.equal(defaults.has('Features for vbte0'), false);
    assert.deepEqual(defaults.get('tx-udp_tnl-segmentation'), { enabled: true, fixed: false });
    assert.deepEqual(defaults.get('rx-udp_tunnel-port-offload'), { enabled: false, fixed: true });
    assert.deepEqual([...defaults.keys()].slice(0, 4), ['rx-checksumming', 'tx-checksumming', 'tx-checksum-ipv4', 'tx-checksum-ip-generic']);
    assert.equal([...defaults.keys()].at(-1), 'hsr-dup-offload');
  });

  it('reads on/off and [fixed], top-level and indented sub-features alike', () => {
    assert.deepEqual(defaults.get('generic-receive-offload'), { enabled: false, fixed: false });
    assert.deepEqual(defaults.get('generic-segmentation-offload'), { enabled: true, fixed: false });
    assert.deepEqual(defaults.get('tcp-segmentation-offload'), { enabled: true, fixed: false });
    assert.deepEqual(defaults.get('tx-tcp-segmentation'), { enabled: true, fixed: false });
    assert.deepEqual(defaults.get('large-receive-offload'), { enabled: false, fixed: true });
    assert.deepEqual(defaults.get('tx-checksum-ipv4'), { enabled: false, fixed: true });
  });

  it('reads "[requested on]": asked for but held off by a dependency', () => {
    assert.deepEqual(txOffTsoRequested.get('tx-checksumming'), { enabled: false, fixed: false });
    assert.deepEqual(txOffTsoRequested.get('tx-tcp-segmentation'), { enabled: false, fixed: false, requested: true });
    assert.deepEqual(txOffTsoRequested.get('tx-tcp6-segmentation'), { enabled: false, fixed: false, requested: true });
    assert.deepEqual(txOffTsoRequested.get('tx-udp-segmentation'), { enabled: false, fixed: false, requested: true });
    assert.deepEqual(txOffTsoRequested.get('tx-tcp-accecn-segmentation'), { enabled: true, fixed: false });
    // The summary line still says on, because tx-tcp-accecn-segmentation stays on.
    assert.deepEqual(txOffTsoRequested.get('tcp-segmentation-offload'), { enabled: true, fixed: false });
  });

  it('reads "[requested off]" and combined markers', () => {
    const features = parseEthtoolFeatures('highdma: on [fixed]\n\ttx-foo: on [requested off]\nrx-bar: off [fixed] [requested on]\nnot a feature line\n');
    assert.deepEqual([...features], [
      ['highdma', { enabled: true, fixed: true }],
      ['tx-foo', { enabled: true, fixed: false, requested: false }],
      ['rx-bar', { enabled: false, fixed: true, requested: true }],
    ]);
  });

  it('returns an empty map for empty or foreign text', () => {
    assert.equal(parseEthtoolFeatures('').size, 0);
    assert.equal(parseEthtoolFeatures('Cannot get device feature info: No such device\n').size, 0);
  });
});

describe('effectiveOffloads (real captures)', () => {
  it('veth defaults: gro off, gso/tso/tx/sg on, tx-udp-segmentation on, the UDP GRO features off', () => {
    assert.deepEqual(effectiveOffloads(defaults, OFFLOAD_KNOBS), {
      gro: 'off', gso: 'on', tso: 'on', tx: 'on', sg: 'on', 'rx-udp-gro-forwarding': 'off', 'rx-gro-list': 'off', 'tx-udp-segmentation': 'on',
    });
  });

  it('after gro on, tso off, gso off: gro on, gso off, tso off, the rest at their defaults', () => {
    assert.deepEqual(effectiveOffloads(groOnTsoGsoOff, OFFLOAD_KNOBS), {
      gro: 'on', gso: 'off', tso: 'off', tx: 'on', sg: 'on', 'rx-udp-gro-forwarding': 'off', 'rx-gro-list': 'off', 'tx-udp-segmentation': 'on',
    });
  });

  it('tx checksumming off: tso and tx-udp-segmentation are off although TSO is requested and its summary line says on', () => {
    assert.equal(txOffTsoRequested.get('tcp-segmentation-offload')!.enabled, true);
    assert.deepEqual(effectiveOffloads(txOffTsoRequested, OFFLOAD_KNOBS), {
      gro: 'on', gso: 'off', tso: 'off', tx: 'off', sg: 'on', 'rx-udp-gro-forwarding': 'off', 'rx-gro-list': 'off', 'tx-udp-segmentation': 'off',
    });
  });

  it('reads tx from tx-checksum-ip-generic and sg from tx-scatter-gather before their summary lines', () => {
    const features = parseEthtoolFeatures('tx-checksumming: on\n\ttx-checksum-ip-generic: off\nscatter-gather: on\n\ttx-scatter-gather: off\n');
    assert.deepEqual(effectiveOffloads(features, ['tx', 'sg']), { tx: 'off', sg: 'off' });
    assert.deepEqual(effectiveOffloads(parseEthtoolFeatures('tx-checksumming: off\nscatter-gather: on\n'), ['tx', 'sg']), { tx: 'off', sg: 'on' });
  });

  it('reports only the knobs asked for', () => {
    assert.deepEqual(effectiveOffloads(defaults, ['tso']), { tso: 'on' });
    assert.deepEqual(effectiveOffloads(defaults, []), {});
  });

  it('falls back to the summary line when tx-tcp-segmentation is not listed, and leaves out a knob ethtool does not list', () => {
    const old = parseEthtoolFeatures('tcp-segmentation-offload: off\ngeneric-receive-offload: on\n');
    assert.deepEqual(effectiveOffloads(old, OFFLOAD_KNOBS), { gro: 'on', tso: 'off' });
  });
});

describe('offload commands', () => {
  it('sets the asked knobs with one ethtool -K in the interface namespace, in gro, gso, tso order', () => {
    assert.deepEqual(setOffloadsCommand(end, { tso: 'off', gro: 'on', gso: 'off' }), {
      argv: ['ethtool', '-K', 'vb1a2bcli0', 'gro', 'on', 'gso', 'off', 'tso', 'off'],
      netns: 'vb1a2b-cli',
    });
    assert.deepEqual(setOffloadsCommand(end, { tso: 'on' }), { argv: ['ethtool', '-K', 'vb1a2bcli0', 'tso', 'on'], netns: 'vb1a2b-cli' });
  });

  it('has nothing to run when no knob is set', () => {
    assert.equal(setOffloadsCommand(end, {}), undefined);
  });

  it('reads features back with ethtool -k in the interface namespace', () => {
    assert.deepEqual(showFeaturesCommand(end), { argv: ['ethtool', '-k', 'vb1a2bcli0'], netns: 'vb1a2b-cli' });
  });

  it('puts every knob in OFFLOAD_KNOBS order in one ethtool -K', () => {
    assert.deepEqual(setOffloadsCommand(end, { 'tx-udp-segmentation': 'off', sg: 'on', tx: 'off', 'rx-gro-list': 'on', 'rx-udp-gro-forwarding': 'on' }), {
      argv: ['ethtool', '-K', 'vb1a2bcli0', 'tx', 'off', 'sg', 'on', 'rx-udp-gro-forwarding', 'on', 'rx-gro-list', 'on', 'tx-udp-segmentation', 'off'],
      netns: 'vb1a2b-cli',
    });
  });

  it('knows the knobs by their ethtool names, in application order', () => {
    assert.deepEqual(OFFLOAD_KNOBS, ['gro', 'gso', 'tso', 'tx', 'sg', 'rx-udp-gro-forwarding', 'rx-gro-list', 'tx-udp-segmentation']);
  });
});
