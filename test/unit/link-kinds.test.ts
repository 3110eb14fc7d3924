// Link kinds: parsing the `links` dimension, resolving each kind into its own namespaces, the exact `ip` lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knobCommands } from '../../src/knobs/apply.ts';
import { endsFor } from '../../src/knobs/types.ts';
import { buildCommands, namespaceBatchText } from '../../src/net/build.ts';
import {
  ALL_LINKS, inapplicableKnobReason, linkName, parseLinkSpec, requiredKinds, unsupportedReason, type LinkSpec,
} from '../../src/topology/link-kinds.ts';
import { linkProblems, MAX_IFNAME, resolveTopology, type ResolvedTopology } from '../../src/topology/resolve.ts';
import { CAPABILITIES_HERE } from '../helpers/builders.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const P = 'vb1a2b';
const parse = (text: string): LinkSpec => {
  const spec = parseLinkSpec(text);
  if (typeof spec === 'string') throw new Error(spec);
  return spec;
};
const resolve = (text: string): ResolvedTopology => resolveTopology({ kind: 'pair' }, P, parse(text));
/** Batch text per namespace, in build order (the first command creates the namespaces). */
const batches = (t: ResolvedTopology): Record<string, string[]> =>
  Object.fromEntries(t.namespaces.map((ns) => [ns.name, namespaceBatchText(t, ns.name).trimEnd().split('\n')]));

describe('parseLinkSpec', () => {
  it('parses every kind with its explicit mode, and names it canonically', () => {
    const names = ['veth', 'macvlan:bridge', 'macvlan:vepa', 'ipvlan:l2', 'ipvlan:l3', 'ipvlan:l3s', 'netkit:l2', 'netkit:l3', 'loopback'];
    assert.deepEqual(names.map((n) => linkName(parse(n))), names);
    assert.deepEqual(ALL_LINKS.map(linkName), names);
    assert.deepEqual(parse('macvlan:vepa'), { kind: 'macvlan', mode: 'vepa' });
    assert.deepEqual(parse('netkit:l3'), { kind: 'netkit', mode: 'l3' });
  });

  it('reads ipvlan\'s bridge flag as the default form', () => {
    assert.deepEqual(parse('ipvlan:l3s:bridge'), { kind: 'ipvlan', mode: 'l3s' });
    assert.equal(linkName(parse('ipvlan:l2:bridge')), 'ipvlan:l2');
  });

  it('refuses a kind without its mode, and says which modes exist', () => {
    assert.match(parseLinkSpec('macvlan') as string, /^"macvlan": macvlan needs an explicit mode: macvlan:bridge, macvlan:vepa \(the kernel's default, vepa/);
    assert.equal(parseLinkSpec('ipvlan'), '"ipvlan": ipvlan needs an explicit mode: ipvlan:l2, ipvlan:l3, ipvlan:l3s');
    assert.equal(parseLinkSpec('netkit:l4'), '"netkit:l4": netkit needs an explicit mode: netkit:l2, netkit:l3');
  });

  it('explains why modes that cannot join client and server are refused', () => {
    assert.match(parseLinkSpec('macvlan:private') as string, /^macvlan private mode drops all traffic between children of one parent/);
    assert.match(parseLinkSpec('macvlan:passthru') as string, /^macvlan passthru mode allows a single child per parent/);
    assert.match(parseLinkSpec('ipvlan:l2:private') as string, /^the ipvlan private flag drops traffic between children/);
    assert.match(parseLinkSpec('ipvlan:l3:vepa') as string, /^the ipvlan vepa flag sends sibling traffic out through the parent/);
    assert.equal(parseLinkSpec('ipvlan:l2:loose'), '"ipvlan:l2:loose": ipvlan flags are bridge, private and vepa');
  });

  it('refuses unknown kinds, stray modes and extra parts with the list of forms', () => {
    assert.match(parseLinkSpec('vlan') as string, /^"vlan" is not a link kind; use one of veth, macvlan:bridge, .* or loopback$/);
    assert.equal(parseLinkSpec('veth:l2'), 'veth takes no mode; write "veth"');
    assert.equal(parseLinkSpec('loopback:x'), 'loopback takes no mode; write "loopback"');
    assert.equal(parseLinkSpec('macvlan:bridge:x'), '"macvlan:bridge:x": macvlan takes a mode only, e.g. macvlan:bridge');
    assert.match(parseLinkSpec('ipvlan:l2:bridge:x') as string, /^"ipvlan:l2:bridge:x" has too many parts/);
  });
});

describe('resolveTopology per link kind', () => {
  it('macvlan:bridge: a parent namespace with a veth, two children moved into client and server namespaces', () => {
    const t = resolve('macvlan:bridge');
    assert.equal(t.link, 'macvlan:bridge');
    assert.deepEqual(t.namespaces.map((n) => [n.name, n.role]), [['vb1a2b-mvbridgepar', 'parent'], ['vb1a2b-mvbridgecli', 'client'], ['vb1a2b-mvbridgesrv', 'server']]);
    assert.deepEqual(t.client, { netns: 'vb1a2b-mvbridgecli', iface: 'vb1a2bcli0', address: '198.18.0.1', prefixLength: 24 });
    assert.deepEqual(t.server, { netns: 'vb1a2b-mvbridgesrv', iface: 'vb1a2bsrv0', address: '198.18.0.2', prefixLength: 24 });
    assert.deepEqual(t.lowers, [{ netns: 'vb1a2b-mvbridgepar', iface: 'vb1a2bpar0' }, { netns: 'vb1a2b-mvbridgepar', iface: 'vb1a2bpar1' }]);
    assert.deepEqual(t.links, [{ index: 0, a: t.client, b: t.server }]);
    assert.equal(t.path, 'vb1a2b-mvbridgecli → macvlan (bridge mode) → vb1a2b-mvbridgesrv: two children of vb1a2b-mvbridgepar/vb1a2bpar0, switched inside the macvlan driver; never crosses the parent veth');
  });

  it('macvlan:vepa: every frame crosses the parent veth and comes back through a hairpin bridge on its peer', () => {
    const t = resolve('macvlan:vepa');
    assert.deepEqual(t.devices.map((d) => d.type), ['veth', 'hairpin-bridge', 'macvlan', 'macvlan']);
    assert.match(t.path, /→ parent veth vb1a2b-mvvepapar\/vb1a2bpar0 → its peer → bridge vb1a2bhairpin \(hairpin: the external switch\) → .*crosses the parent veth pair twice$/);
  });

  it('netkit: a pair created in the client namespace with its peer in the server namespace', () => {
    const t = resolve('netkit:l2');
    assert.deepEqual(t.namespaces.map((n) => n.name), ['vb1a2b-nkl2cli', 'vb1a2b-nkl2srv']);
    assert.deepEqual(t.lowers, []);
    assert.equal(t.path, 'vb1a2b-nkl2cli → netkit pair (l2 mode, no BPF program: default forward policy) → vb1a2b-nkl2srv');
  });

  it('loopback: one namespace, both addresses on lo as /32s, the path says there is no link', () => {
    const t = resolve('loopback');
    assert.deepEqual(t.namespaces, [{ name: 'vb1a2b-lo', role: 'client+server', routes: [], forwarding: false }]);
    assert.deepEqual(t.client, { netns: 'vb1a2b-lo', iface: 'lo', address: '198.18.0.1', prefixLength: 32 });
    assert.deepEqual(t.server, { netns: 'vb1a2b-lo', iface: 'lo', address: '198.18.0.2', prefixLength: 32 });
    assert.deepEqual(t.devices, []);
    assert.equal(t.path, 'vb1a2b-lo: client and server in one namespace over lo (no virtual link: the upper bound)');
  });

  it('gives every kind its own namespaces, all matching the cleanup pattern, so all can be up at once', () => {
    const names = ALL_LINKS.flatMap((l) => resolveTopology({ kind: 'pair' }, P, l).namespaces.map((n) => n.name));
    assert.equal(new Set(names).size, names.length, names.join(' '));
    for (const name of names) assert.match(name, /^vb[0-9a-f]{4}-[a-z0-9]+$/);
  });

  it('keeps every interface name within 15 characters with the longest role names', () => {
    for (const link of ALL_LINKS) {
      const t = resolveTopology({ kind: 'pair', names: { client: 'abcdefgh', server: 'bcdefghi' } }, P, link);
      const ifaces = [...t.lowers, t.client, t.server].map((d) => d.iface);
      for (const d of t.devices) if (d.type === 'hairpin-bridge') ifaces.push(d.iface);
      for (const iface of ifaces) assert.ok(iface.length <= MAX_IFNAME, `${linkName(link)}: ${iface} has ${iface.length} characters`);
    }
  });

  it('refuses a non-veth kind on the router topology', () => {
    assert.throws(() => resolveTopology({ kind: 'router' }, P, parse('loopback')), { message: 'loopback needs the pair topology' });
  });
});

describe('buildCommands per link kind: the exact ip lines', () => {
  it('macvlan:bridge: parent veth in the parent namespace, children created straight into their namespaces', () => {
    const t = resolve('macvlan:bridge');
    assert.deepEqual(buildCommands(t)[0], { argv: ['ip', '-batch', '-'], stdin: 'netns add vb1a2b-mvbridgepar\nnetns add vb1a2b-mvbridgecli\nnetns add vb1a2b-mvbridgesrv\n' });
    assert.deepEqual(batches(t), {
      'vb1a2b-mvbridgepar': [
        'link add name vb1a2bpar0 netns vb1a2b-mvbridgepar type veth peer name vb1a2bpar1 netns vb1a2b-mvbridgepar',
        'link add name vb1a2bcli0 netns vb1a2b-mvbridgecli link vb1a2bpar0 type macvlan mode bridge',
        'link add name vb1a2bsrv0 netns vb1a2b-mvbridgesrv link vb1a2bpar0 type macvlan mode bridge',
        'link set lo up',
        'link set vb1a2bpar0 up',
        'link set vb1a2bpar1 up',
      ],
      'vb1a2b-mvbridgecli': ['link set lo up', 'addr add 198.18.0.1/24 dev vb1a2bcli0', 'link set vb1a2bcli0 up'],
      'vb1a2b-mvbridgesrv': ['link set lo up', 'addr add 198.18.0.2/24 dev vb1a2bsrv0', 'link set vb1a2bsrv0 up'],
    });
  });

  it('macvlan:vepa: the parent\'s peer is the one bridge port, with hairpin on; the parent itself is no bridge port', () => {
    const par = batches(resolve('macvlan:vepa'))['vb1a2b-mvvepapar']!;
    assert.deepEqual(par.slice(0, 7), [
      'link add name vb1a2bpar0 netns vb1a2b-mvvepapar type veth peer name vb1a2bpar1 netns vb1a2b-mvvepapar',
      'link add name vb1a2bhairpin type bridge',
      'link set vb1a2bpar1 master vb1a2bhairpin',
      'link set dev vb1a2bpar1 type bridge_slave hairpin on',
      'link set vb1a2bhairpin up',
      'link add name vb1a2bcli0 netns vb1a2b-mvvepacli link vb1a2bpar0 type macvlan mode vepa',
      'link add name vb1a2bsrv0 netns vb1a2b-mvvepasrv link vb1a2bpar0 type macvlan mode vepa',
    ]);
    assert.ok(!par.some((l) => l.includes('vb1a2bpar0 master')), 'the macvlan parent is never a bridge port');
  });

  for (const mode of ['l2', 'l3', 'l3s']) {
    it(`ipvlan:${mode}: children with the explicit mode and the bridge flag`, () => {
      const par = batches(resolve(`ipvlan:${mode}`))[`vb1a2b-iv${mode}par`]!;
      assert.deepEqual(par.filter((l) => l.includes('ipvlan')), [
        `link add name vb1a2bcli0 netns vb1a2b-iv${mode}cli link vb1a2bpar0 type ipvlan mode ${mode} bridge`,
        `link add name vb1a2bsrv0 netns vb1a2b-iv${mode}srv link vb1a2bpar0 type ipvlan mode ${mode} bridge`,
      ]);
    });
  }

  for (const mode of ['l2', 'l3']) {
    it(`netkit:${mode}: one netkit pair with netns on both ends`, () => {
      assert.deepEqual(batches(resolve(`netkit:${mode}`)), {
        [`vb1a2b-nk${mode}cli`]: [
          `link add name vb1a2bcli0 netns vb1a2b-nk${mode}cli type netkit mode ${mode} peer name vb1a2bsrv0 netns vb1a2b-nk${mode}srv`,
          'link set lo up', 'addr add 198.18.0.1/24 dev vb1a2bcli0', 'link set vb1a2bcli0 up',
        ],
        [`vb1a2b-nk${mode}srv`]: ['link set lo up', 'addr add 198.18.0.2/24 dev vb1a2bsrv0', 'link set vb1a2bsrv0 up'],
      });
    });
  }

  it('loopback: no device at all, two addresses on lo', () => {
    assert.deepEqual(batches(resolve('loopback')), { 'vb1a2b-lo': ['link set lo up', 'addr add 198.18.0.1/32 dev lo', 'addr add 198.18.0.2/32 dev lo'] });
  });

  it('never creates a device without naming its namespace (the root namespace is never touched)', () => {
    for (const link of ALL_LINKS) {
      const t = resolveTopology({ kind: 'pair' }, P, link);
      for (const c of buildCommands(t).slice(1)) assert.match(c.argv.join(' '), /^ip -n vb1a2b-[a-z0-9]+ -batch -$/);
      for (const line of Object.values(batches(t)).flat().filter((l) => l.startsWith('link add') && !l.includes('type bridge'))) {
        assert.match(line, / netns vb1a2b-[a-z0-9]+ /, line);
      }
    }
  });
});

describe('knobs on link kinds', () => {
  it('MTU goes to the parent veth ends first (a child cannot exceed its parent), then the children', () => {
    const t = resolve('macvlan:bridge');
    const sets = knobCommands({ shell: knobShell(), topology: t, sides: {}, reverse: false }, { mtu: 9000 }).filter((c) => c.argv.includes('mtu'));
    assert.deepEqual(sets.map((c) => c.argv.slice(2, 3).concat(c.argv.slice(6, 7))), [
      ['vb1a2b-mvbridgepar', 'vb1a2bpar0'], ['vb1a2b-mvbridgepar', 'vb1a2bpar1'], ['vb1a2b-mvbridgecli', 'vb1a2bcli0'], ['vb1a2b-mvbridgesrv', 'vb1a2bsrv0'],
    ]);
  });

  it('offloads apply to the measured devices only: the children, never the parent', () => {
    const t = resolve('macvlan:bridge');
    const ifaces = knobCommands({ shell: knobShell(), topology: t, sides: {}, reverse: false }, { tso: 'off' }).map((c) => c.argv[2]);
    assert.deepEqual(ifaces, ['vb1a2bcli0', 'vb1a2bcli0', 'vb1a2bsrv0', 'vb1a2bsrv0']);
  });

  it('on loopback every side is the one lo, applied once', () => {
    const t = resolve('loopback');
    for (const side of ['both', 'sender', 'receiver'] as const) assert.deepEqual(endsFor({ topology: t, reverse: false }, side).map((e) => e.iface), ['lo']);
    assert.deepEqual(knobCommands({ shell: knobShell(), topology: t, sides: {}, reverse: false }, { gro: 'off' }).map((c) => c.argv.join(' ')), ['ethtool -K lo gro off', 'ethtool -k lo']);
  });

  it('channels and threaded NAPI do not apply to kinds other than veth, with the reason', () => {
    assert.equal(inapplicableKnobReason(parse('veth'), { rxChannels: 2, threaded: 'on' }), undefined);
    assert.equal(inapplicableKnobReason(parse('loopback'), { gro: 'on', mtu: 9000 }), undefined);
    assert.equal(inapplicableKnobReason(parse('loopback'), { rxChannels: 2 }), 'rxChannels does not apply to loopback: lo has no rx/tx channels (ethtool -L: Operation not supported); only veth has them');
    assert.equal(inapplicableKnobReason(parse('macvlan:bridge'), { threaded: 'on' }), 'threaded does not apply to macvlan:bridge: macvlan has no NAPI instance to thread: it delivers through the per-CPU receive backlog');
    assert.match(inapplicableKnobReason(parse('netkit:l3'), { txChannels: 1 })!, /^txChannels does not apply to netkit:l3: netkit has no rx\/tx channels/);
  });
});

describe('capabilities per link kind', () => {
  it('names the probed kinds each link needs', () => {
    assert.deepEqual(ALL_LINKS.map((l) => [linkName(l), requiredKinds(l).join('+')]), [
      ['veth', 'veth'], ['macvlan:bridge', 'veth+macvlan'], ['macvlan:vepa', 'veth+macvlan+bridge'],
      ['ipvlan:l2', 'veth+ipvlan'], ['ipvlan:l3', 'veth+ipvlan'], ['ipvlan:l3s', 'veth+ipvlan'],
      ['netkit:l2', 'netkit'], ['netkit:l3', 'netkit'], ['loopback', ''],
    ]);
  });

  it('skips a kind this host lacks with the probe\'s own reason, and tries one that was not probed', () => {
    assert.equal(unsupportedReason(parse('ipvlan:l3s'), CAPABILITIES_HERE), 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)');
    assert.equal(unsupportedReason(parse('netkit:l3'), CAPABILITIES_HERE), 'needs netkit: iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8)');
    for (const link of ['veth', 'macvlan:bridge', 'macvlan:vepa', 'loopback']) assert.equal(unsupportedReason(parse(link), CAPABILITIES_HERE), undefined, link);
    assert.equal(unsupportedReason(parse('macvlan:vepa'), CAPABILITIES_HERE.map((k) => (k.kind === 'bridge' ? { kind: 'bridge', supported: false, reason: 'kernel lacks CONFIG_BRIDGE (module bridge not available)' } : k))),
      'needs bridge: kernel lacks CONFIG_BRIDGE (module bridge not available)');
    assert.equal(unsupportedReason(parse('ipvlan:l2'), []), undefined);
  });
});

describe('linkProblems', () => {
  const entries = (...texts: string[]) => texts.map((t, index) => ({ index, link: parse(t) }));

  it('accepts every kind on a pair topology', () => {
    assert.deepEqual(linkProblems({ kind: 'pair' }, ALL_LINKS.map((link, index) => ({ index, link }))), []);
  });

  it('refuses kinds other than veth on the router topology', () => {
    assert.deepEqual(linkProblems({ kind: 'router' }, entries('veth', 'macvlan:bridge')), [
      { path: 'links[1]', message: 'macvlan:bridge needs topology.kind "pair" (the router topology is built from veth pairs only); use a pair topology or links: [\'veth\']' },
    ]);
  });

  it('refuses the same link twice, also when written in its long form', () => {
    assert.deepEqual(linkProblems({ kind: 'pair' }, entries('ipvlan:l2', 'veth', 'ipvlan:l2:bridge')), [{ path: 'links[2]', message: 'is the same link as links[0] (ipvlan:l2)' }]);
  });

  it('refuses role names that would make two kinds share a namespace', () => {
    assert.deepEqual(linkProblems({ kind: 'pair', names: { client: 'lo' } }, entries('veth', 'loopback')), [
      { path: 'topology.names', message: 'the veth and loopback links would both use namespace "vb0000-lo"; choose other role names' },
    ]);
  });
});
