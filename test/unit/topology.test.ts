import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIpv4, nthSubnet24, parseCidr, parseIpv4 } from '../../src/topology/ipv4.ts';
import {
  DEFAULT_ADDRESS_POOL, MAX_IFNAME, allEndpoints, interfaceName, namespaceName, resolveTopology, topologyProblems,
} from '../../src/topology/resolve.ts';

const PREFIX = 'vb1a2b';

describe('resolveTopology: pair', () => {
  const t = resolveTopology({ kind: 'pair' }, PREFIX);
  const client = { netns: 'vb1a2b-cli', iface: 'vb1a2bcli0', address: '198.18.0.1', prefixLength: 24 };
  const server = { netns: 'vb1a2b-srv', iface: 'vb1a2bsrv0', address: '198.18.0.2', prefixLength: 24 };

  it('resolves two namespaces joined by one veth pair from the default pool', () => {
    assert.deepEqual(t, {
      kind: 'pair',
      link: 'veth',
      prefix: PREFIX,
      client,
      server,
      namespaces: [
        { name: 'vb1a2b-cli', role: 'client', routes: [], forwarding: false },
        { name: 'vb1a2b-srv', role: 'server', routes: [], forwarding: false },
      ],
      devices: [{ type: 'veth', netns: 'vb1a2b-cli', a: { netns: 'vb1a2b-cli', iface: 'vb1a2bcli0' }, b: { netns: 'vb1a2b-srv', iface: 'vb1a2bsrv0' } }],
      lowers: [],
      links: [{ index: 0, a: client, b: server }],
      path: 'vb1a2b-cli → veth → vb1a2b-srv',
    });
  });

  it('lists every veth end', () => assert.deepEqual(allEndpoints(t), [client, server]));
});

describe('resolveTopology: router', () => {
  const t = resolveTopology({ kind: 'router' }, PREFIX);
  const client = { netns: 'vb1a2b-cli', iface: 'vb1a2bcli0', address: '198.18.0.1', prefixLength: 24 };
  const routerIn = { netns: 'vb1a2b-rtr', iface: 'vb1a2brtr0', address: '198.18.0.2', prefixLength: 24 };
  const routerOut = { netns: 'vb1a2b-rtr', iface: 'vb1a2brtr1', address: '198.18.1.1', prefixLength: 24 };
  const server = { netns: 'vb1a2b-srv', iface: 'vb1a2bsrv0', address: '198.18.1.2', prefixLength: 24 };

  it('resolves client ⇄ router ⇄ server on two /24 subnets, with default routes via the router', () => {
    assert.deepEqual(t, {
      kind: 'router',
      link: 'veth',
      prefix: PREFIX,
      client,
      server,
      namespaces: [
        { name: 'vb1a2b-cli', role: 'client', routes: [{ to: 'default', via: '198.18.0.2' }], forwarding: false },
        { name: 'vb1a2b-rtr', role: 'router', routes: [], forwarding: true },
        { name: 'vb1a2b-srv', role: 'server', routes: [{ to: 'default', via: '198.18.1.1' }], forwarding: false },
      ],
      devices: [
        { type: 'veth', netns: 'vb1a2b-cli', a: { netns: 'vb1a2b-cli', iface: 'vb1a2bcli0' }, b: { netns: 'vb1a2b-rtr', iface: 'vb1a2brtr0' } },
        { type: 'veth', netns: 'vb1a2b-cli', a: { netns: 'vb1a2b-rtr', iface: 'vb1a2brtr1' }, b: { netns: 'vb1a2b-srv', iface: 'vb1a2bsrv0' } },
      ],
      lowers: [],
      links: [
        { index: 0, a: client, b: routerIn },
        { index: 1, a: routerOut, b: server },
      ],
      path: 'vb1a2b-cli → veth → vb1a2b-rtr (IPv4 forwarding) → veth → vb1a2b-srv',
    });
  });

  it('turns forwarding on in the router namespace only', () => {
    assert.deepEqual(t.namespaces.filter((n) => n.forwarding).map((n) => n.name), ['vb1a2b-rtr']);
  });

  it('lists every veth end in link order', () => assert.deepEqual(allEndpoints(t), [client, routerIn, routerOut, server]));
});

describe('resolveTopology: custom names and pools', () => {
  it('uses custom role names for namespaces and interfaces', () => {
    const t = resolveTopology({ kind: 'pair', names: { client: 'web', server: 'db' } }, 'vbffff');
    assert.deepEqual(t.namespaces.map((n) => n.name), ['vbffff-web', 'vbffff-db']);
    assert.deepEqual(allEndpoints(t).map((e) => e.iface), ['vbffffweb0', 'vbffffdb0']);
    assert.equal(t.path, 'vbffff-web → veth → vbffff-db');
  });

  it('keeps the default for a role that is not renamed', () => {
    const t = resolveTopology({ kind: 'router', names: { router: 'gw' } }, PREFIX);
    assert.deepEqual(t.namespaces.map((n) => n.name), ['vb1a2b-cli', 'vb1a2b-gw', 'vb1a2b-srv']);
    assert.deepEqual(allEndpoints(t).map((e) => e.iface), ['vb1a2bcli0', 'vb1a2bgw0', 'vb1a2bgw1', 'vb1a2bsrv0']);
  });

  it('carves the /24 subnets from a custom pool', () => {
    const t = resolveTopology({ kind: 'router', addressPool: '10.99.0.0/16' }, PREFIX);
    assert.deepEqual(allEndpoints(t).map((e) => `${e.address}/${e.prefixLength}`), ['10.99.0.1/24', '10.99.0.2/24', '10.99.1.1/24', '10.99.1.2/24']);
    assert.deepEqual(t.namespaces.map((n) => n.routes), [[{ to: 'default', via: '10.99.0.2' }], [], [{ to: 'default', via: '10.99.1.1' }]]);
  });

  it('keeps every interface name within 15 characters for the longest allowed role names (8 characters)', () => {
    const t = resolveTopology({ kind: 'router', names: { client: 'abcdefgh', router: 'bcdefghi', server: 'cdefghij' } }, PREFIX);
    const names = allEndpoints(t).map((e) => e.iface);
    assert.deepEqual(names, ['vb1a2babcdefgh0', 'vb1a2bbcdefghi0', 'vb1a2bbcdefghi1', 'vb1a2bcdefghij0']);
    for (const name of names) assert.ok(name.length <= MAX_IFNAME, `${name} has ${name.length} characters`);
    assert.equal(MAX_IFNAME, 15);
    assert.deepEqual(topologyProblems({ kind: 'router', names: { client: 'abcdefgh', router: 'bcdefghi', server: 'cdefghij' } }), []);
  });

  it('throws on a run prefix that is not "vb" + 4 hex digits', () => {
    for (const prefix of ['vb1a2', 'vb1a2bc', 'vbxyzw', 'VB1A2B', 'xx1a2b', '']) {
      assert.throws(() => resolveTopology({ kind: 'pair' }, prefix), { message: `invalid run prefix ${prefix}` });
    }
  });

  it('throws on an address pool that is not a CIDR', () => {
    assert.throws(() => resolveTopology({ kind: 'pair', addressPool: '10.0.0.1/8' }, PREFIX), { message: '"10.0.0.1/8" has host bits set; the network is 10.0.0.0/8' });
  });
});

describe('name helpers', () => {
  it('joins prefix and role with a dash for namespaces, and with the link index for interfaces', () => {
    assert.equal(namespaceName('vb0000', 'cli'), 'vb0000-cli');
    assert.equal(interfaceName('vb0000', 'cli', 1), 'vb0000cli1');
  });
});

describe('topologyProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    assert.deepEqual(topologyProblems({ kind: 'pair' }), []);
    assert.deepEqual(topologyProblems({ kind: 'router' }), []);
    assert.equal(DEFAULT_ADDRESS_POOL, '198.18.0.0/15');
  });

  it('refuses a role name that makes an interface name longer than the kernel allows', () => {
    assert.deepEqual(topologyProblems({ kind: 'pair', names: { server: 'abcdefghi' } }), [
      { path: 'topology.names.server', message: '"abcdefghi" makes interface names like "vb1234abcdefghi1" of 16 characters; the kernel allows 15 — use at most 8 characters' },
    ]);
  });

  it('refuses role names that collide', () => {
    assert.deepEqual(topologyProblems({ kind: 'pair', names: { client: 'a', server: 'a' } }), [{ path: 'topology.names', message: 'role names must differ; got a, a' }]);
  });

  it('checks the pool size per kind: a /24 fits a pair, a router needs a /23', () => {
    assert.deepEqual(topologyProblems({ kind: 'pair', addressPool: '10.0.0.0/24' }), []);
    assert.deepEqual(topologyProblems({ kind: 'router', addressPool: '10.0.0.0/23' }), []);
    assert.equal(topologyProblems({ kind: 'router', addressPool: '10.0.0.0/24' }).length, 1);
  });
});

describe('ipv4', () => {
  it('parses and formats addresses, round trip', () => {
    const cases: [string, number][] = [['0.0.0.0', 0], ['198.18.0.1', 3323068417], ['10.99.1.2', 174260482], ['255.255.255.255', 4294967295]];
    for (const [text, value] of cases) {
      assert.equal(parseIpv4(text), value, text);
      assert.equal(formatIpv4(value), text, text);
    }
  });

  it('rejects malformed addresses', () => {
    for (const text of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1.2.3.x', '1..3.4', '', ' 1.2.3.4', '1.2.3.-4', '1.2.3.1234']) {
      assert.equal(parseIpv4(text), undefined, JSON.stringify(text));
    }
  });

  it('parses network CIDRs', () => {
    assert.deepEqual(parseCidr('198.18.0.0/15'), { base: 3323068416, prefixLength: 15 });
    assert.deepEqual(parseCidr('10.99.0.0/16'), { base: 174260224, prefixLength: 16 });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { base: 0, prefixLength: 0 });
    assert.deepEqual(parseCidr('10.1.2.3/32'), { base: 167838211, prefixLength: 32 });
  });

  it('explains what is wrong with a CIDR', () => {
    assert.equal(parseCidr('10.1.0.0/15'), '"10.1.0.0/15" has host bits set; the network is 10.0.0.0/15');
    assert.equal(parseCidr('198.18.0.1/15'), '"198.18.0.1/15" has host bits set; the network is 198.18.0.0/15');
    for (const text of ['10.0.0.0/33', '10.0.0/8', '1.2.3.4', '10.0.0.0/x', '10.0.0.0/', '10.0.0.0/ 8', '10.0.0.0/8/9', '10.0.0.0/-1', '10.0.0.0/1e1', '256.0.0.0/8']) {
      assert.equal(parseCidr(text), `"${text}" is not an IPv4 CIDR such as "198.18.0.0/15"`, text);
    }
  });

  it('finds the i-th /24 of a pool, or undefined past its end', () => {
    const pool = { base: parseIpv4('10.0.0.0')!, prefixLength: 23 };
    assert.equal(formatIpv4(nthSubnet24(pool, 0)!), '10.0.0.0');
    assert.equal(formatIpv4(nthSubnet24(pool, 1)!), '10.0.1.0');
    assert.equal(nthSubnet24(pool, 2), undefined);
    assert.equal(nthSubnet24({ base: 0, prefixLength: 25 }, 0), undefined);
    assert.equal(nthSubnet24({ base: 0, prefixLength: 24 }, 0), 0);
  });
});
