// diagnose() over outputs captured from a real router topology (test/fixtures/live/capture.ts), healthy and broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { diagnose, healthy, reachabilityPairs, type TopologyCapture } from '../../src/live/diagnose.ts';
import { findLive } from '../../src/live/live.ts';
import { decideCleanup } from '../../src/run/cleanup.ts';
import type { LiveState } from '../../src/run/live-state.ts';
import type { ResolvedTopology } from '../../src/topology/resolve.ts';

function fixture(name: string): { topology: ResolvedTopology; capture: TopologyCapture } {
  return JSON.parse(readFileSync(new URL(`../fixtures/live/${name}.json`, import.meta.url), 'utf8'));
}

function problems(name: string): { check: string; message: string; fix?: string }[] {
  const { topology, capture } = fixture(name);
  return diagnose(topology, capture).filter((f) => f.severity === 'problem');
}

test('a healthy router topology has no problem', () => {
  const { topology, capture } = fixture('router-healthy');
  const findings = diagnose(topology, capture);
  assert.deepEqual(findings, []);
  assert.equal(healthy(findings), true);
  assert.equal(capture.pings.length, 3);
});

test('one end set down: both the down end and its peer without carrier point at the same fix', () => {
  const found = problems('router-link-down');
  const p = fixture('router-link-down').topology.prefix;
  const link = found.filter((f) => f.check === 'link');
  assert.equal(link.length, 2);
  assert.match(link.find((f) => f.message.includes('administratively DOWN'))!.message, new RegExp(`${p}-srv: ${p}srv0`));
  for (const f of link) assert.equal(f.fix, `ip -n ${p}-srv link set ${p}srv0 up`);
  // The kernel drops the routes through a device it takes down: diagnose names that too.
  assert.ok(found.some((f) => f.check === 'route' && f.fix === `ip -n ${p}-srv route add default via 198.18.1.1`));
  assert.ok(found.some((f) => f.check === 'reachability'));
});

test('a deleted default route is named with the command that restores it', () => {
  const found = problems('router-no-route');
  const p = fixture('router-no-route').topology.prefix;
  assert.deepEqual(found.map((f) => f.check), ['route', 'reachability']);
  assert.equal(found[0]!.fix, `ip -n ${p}-cli route add default via 198.18.0.2`);
  assert.match(found[1]!.message, /cannot ping 198\.18\.1\.2/);
});

test('forwarding off in the router', () => {
  const found = problems('router-no-forwarding');
  const p = fixture('router-no-forwarding').topology.prefix;
  assert.deepEqual(found.map((f) => f.check), ['forwarding', 'reachability']);
  assert.equal(found[0]!.fix, `ip netns exec ${p}-rtr sysctl -w net.ipv4.ip_forward=1`);
});

test('an nftables drop rule is named by its handle', () => {
  const found = problems('router-drop-rule');
  const p = fixture('router-drop-rule').topology.prefix;
  assert.deepEqual(found.map((f) => f.check), ['firewall', 'reachability']);
  assert.equal(found[0]!.fix, `ip netns exec ${p}-rtr nft delete rule inet vbtest filt handle 2`);
});

test('a vanished namespace is a problem, not a crash', () => {
  const { topology, capture } = fixture('router-healthy');
  const gone = { ...capture, namespaces: capture.namespaces.map((n, i) => (i === 1 ? { netns: n.netns } : n)) };
  const found = diagnose(topology, gone);
  assert.equal(found[0]!.check, 'namespace');
  assert.equal(healthy(found), false);
});

test('reachability pairs: each link\'s ends, then client → server end to end', () => {
  const { topology } = fixture('router-healthy');
  assert.deepEqual(reachabilityPairs(topology).map((p) => `${p.from.netns}>${p.to.address}`), [
    `${topology.prefix}-cli>198.18.0.2`, `${topology.prefix}-rtr>198.18.1.2`, `${topology.prefix}-cli>198.18.1.2`,
  ]);
});

const liveState = (prefix: string, name: string): LiveState => ({
  prefix, pid: 999_999_999, startedAt: '', namespaces: [`${prefix}-cli`], outDir: '', live: { name, scenario: 'x.ts', topology: fixture('router-healthy').topology },
});

test('cleanup leaves a live topology alone although its pid is dead', () => {
  const d = decideCleanup([liveState('vb9a01', 'lab')], ['vb9a01-cli'], () => false, true);
  assert.deepEqual(d.namespaces, []);
  assert.deepEqual(d.running, [{ prefix: 'vb9a01', pid: 999_999_999, live: 'lab' }]);
  assert.deepEqual(d.prefixes, []);
});

test('findLive: by name or prefix; the only one without a name; refuses ambiguity', () => {
  const states = [liveState('vb9a01', 'lab'), liveState('vb9a02', 'other')];
  assert.equal(findLive(states, 'other').prefix, 'vb9a02');
  assert.equal(findLive(states, 'vb9a01').live!.name, 'lab');
  assert.equal(findLive(states.slice(0, 1), undefined).prefix, 'vb9a01');
  assert.throws(() => findLive(states, undefined), /2 live topologies/);
  assert.throws(() => findLive(states, 'nope'), /no live topology named nope/);
});

test('hostContainer: a healthy NAT host; without its MASQUERADE rule the fix re-creates it', () => {
  const ok = fixture('nat-healthy');
  assert.deepEqual(diagnose(ok.topology, ok.capture), []);
  const found = problems('nat-no-masquerade');
  const p = fixture('nat-no-masquerade').topology.prefix;
  assert.deepEqual(found.map((f) => f.check), ['firewall', 'reachability']);
  assert.match(found[0]!.fix!, new RegExp(`^ip netns exec ${p}-host nft 'add table ip vethbench; .* oifname "${p}host1" masquerade'$`));
});
