// bridge and chain: pure resolution (namespaces, devices, addresses, routes, path) and the checks before any build.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommands } from '../../src/net/build.ts';
import { diagnose } from '../../src/live/diagnose.ts';
import { resolveTopology, topologyProblems } from '../../src/topology/resolve.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';

const PREFIX = 'vb1a2b';

describe('resolveTopology: bridge', () => {
  const t = resolveTopology({ kind: 'bridge', containers: 3 }, PREFIX);
  it('puts N containers on one /24, each veth\'d to a port of one bridge in the host namespace', () => {
    assert.deepEqual(t.namespaces.map((n) => [n.name, n.role]), [['vb1a2b-br', 'host'], ['vb1a2b-ct0', 'client'], ['vb1a2b-ct1', 'container'], ['vb1a2b-ct2', 'server']]);
    assert.deepEqual([t.client.address, t.extras![0]!.address, t.server.address], ['198.18.0.1', '198.18.0.2', '198.18.0.3']);
    assert.deepEqual(t.lowers.map((l) => l.iface), ['vb1a2bbrp0', 'vb1a2bbrp1', 'vb1a2bbrp2']);
    assert.deepEqual(t.devices.at(-1), { type: 'bridge', netns: 'vb1a2b-br', iface: 'vb1a2bbr', ports: ['vb1a2bbrp0', 'vb1a2bbrp1', 'vb1a2bbrp2'] });
    assert.deepEqual(t.links.map((l) => [l.a.netns, l.b.netns]), [['vb1a2b-ct0', 'vb1a2b-ct2']]);
    assert.equal(t.path, 'vb1a2b-ct0 → veth → vb1a2b-br/vb1a2bbrp0 → bridge vb1a2bbr (3 ports) → vb1a2bbrp2 → veth → vb1a2b-ct2');
  });
  it('builds the pairs and the bridge from the host namespace, the idle container with its address', () => {
    const [, host, , idle] = buildCommands(t);
    assert.match(host!.stdin!, /link add name vb1a2bbr type bridge\nlink set vb1a2bbrp0 master vb1a2bbr\n/);
    assert.match(host!.stdin!, /link set vb1a2bbrp2 up\n$/);
    assert.equal(idle!.stdin, 'link set lo up\naddr add 198.18.0.2/24 dev vb1a2bct10\nlink set vb1a2bct10 up\n');
  });
  it('checks interface-name length and pool size', () => {
    assert.deepEqual(topologyProblems({ kind: 'bridge', containers: 16 }), []);
    assert.match(topologyProblems({ kind: 'bridge', containers: 16, names: { container: 'abcdefgh' } })[0]!.message, /16 characters/);
    assert.match(topologyProblems({ kind: 'bridge', names: { host: 'x', container: 'x' } })[0]!.message, /role names must differ/);
  });
});

describe('resolveTopology: chain', () => {
  const t = resolveTopology({ kind: 'chain', hops: 3 }, PREFIX);
  it('joins client, K routers and server with K+1 links, one /24 each', () => {
    assert.deepEqual(t.links.map((l) => `${l.a.iface} ${l.a.address} ⇄ ${l.b.iface} ${l.b.address}`), [
      'vb1a2bcli0 198.18.0.1 ⇄ vb1a2brtr00 198.18.0.2',
      'vb1a2brtr01 198.18.1.1 ⇄ vb1a2brtr10 198.18.1.2',
      'vb1a2brtr11 198.18.2.1 ⇄ vb1a2brtr20 198.18.2.2',
      'vb1a2brtr21 198.18.3.1 ⇄ vb1a2bsrv0 198.18.3.2',
    ]);
  });
  it('routes every subnet a router is not on through its neighbour, forwarding on in routers only', () => {
    assert.deepEqual(t.namespaces.map((n) => [n.name, n.forwarding, n.routes.map((r) => `${r.to} via ${r.via}`)]), [
      ['vb1a2b-cli', false, ['default via 198.18.0.2']],
      ['vb1a2b-rtr0', true, ['198.18.2.0/24 via 198.18.1.2', '198.18.3.0/24 via 198.18.1.2']],
      ['vb1a2b-rtr1', true, ['198.18.0.0/24 via 198.18.1.1', '198.18.3.0/24 via 198.18.2.2']],
      ['vb1a2b-rtr2', true, ['198.18.0.0/24 via 198.18.2.1', '198.18.1.0/24 via 198.18.2.1']],
      ['vb1a2b-srv', false, ['default via 198.18.3.1']],
    ]);
    assert.match(t.path, /^vb1a2b-cli → veth → vb1a2b-rtr0 \(IPv4 forwarding\) → .* → vb1a2b-srv \(3 router hops\)$/);
  });
  it('defaults to 2 hops; one hop is the router topology\'s shape', () => {
    assert.equal(resolveTopology({ kind: 'chain' }, PREFIX).links.length, 3);
    assert.deepEqual(resolveTopology({ kind: 'chain', hops: 1 }, PREFIX).namespaces[1]!.routes, []);
  });
  it('refuses a pool too small and names too long', () => {
    assert.match(topologyProblems({ kind: 'chain', hops: 8, addressPool: '10.0.0.0/23' })[0]!.message, /needs 9 \/24 subnet\(s\); use a \/20/);
    assert.match(topologyProblems({ kind: 'chain', hops: 8, names: { router: 'abcdefgh' } })[0]!.message, /vb0000abcdefgh00/);
  });
  it('diagnose wants every route of every router', () => {
    const findings = diagnose(t, { namespaces: t.namespaces.map((n) => ({ netns: n.name, links: '[]', routes: '[]' })), pings: [] });
    assert.equal(findings.filter((f) => f.check === 'route').length, 8);
  });
});

describe('schema', () => {
  it('bounds containers and hops', () => {
    const topology = scenarioSchema.shape.topology;
    assert.equal(topology.safeParse({ kind: 'bridge', containers: 17 }).success, false);
    assert.equal(topology.safeParse({ kind: 'chain', hops: 0 }).success, false);
    assert.equal(topology.safeParse({ kind: 'chain', hops: 4, names: { router: 'r' } }).success, true);
  });
});

describe('resolveTopology: hostContainer', () => {
  const t = resolveTopology({ kind: 'hostContainer' }, PREFIX);
  it('routes the container via the host, which forwards and MASQUERADEs out towards the remote (no route back)', () => {
    assert.deepEqual(t.namespaces.map((n) => [n.name, n.forwarding, n.routes, n.masquerade]), [
      ['vb1a2b-host', true, [], { oif: 'vb1a2bhost1' }],
      ['vb1a2b-ctr', false, [{ to: 'default', via: '198.18.0.2' }], undefined],
      ['vb1a2b-rem', false, [], undefined],
    ]);
    assert.deepEqual([t.client.address, t.server.address], ['198.18.0.1', '198.18.1.2']);
  });
  it('installs the NAT with nft inside the host namespace only', () => {
    const nft = buildCommands(t).filter((c) => c.argv[0] === 'nft');
    assert.equal(nft.length, 1);
    assert.equal(nft[0]!.netns, 'vb1a2b-host');
    assert.deepEqual(nft[0]!.argv, ['nft', '-f', '-']);
    assert.match(nft[0]!.stdin!, /type nat hook postrouting priority 100; policy accept;\n    oifname "vb1a2bhost1" masquerade/);
  });
});
