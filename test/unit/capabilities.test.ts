import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HostCommandError, InputError } from '../../src/errors.ts';
import {
  classifyLinkAddFailure, explainLinkAddFailure, explainNetkitProbe, LINK_KINDS, probeLinkAddArgs, probeLinkKinds,
} from '../../src/host/capabilities.ts';
import type { ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/link-add/${name}`, import.meta.url), 'utf8');
const ipvlanKernel = fixture('ipvlan-kernel-unknown-device-type.txt');
const netkitIproute2 = fixture('netkit-iproute2-unknown-type.txt');
const netkitKernel = fixture('netkit-kernel-unknown-device-type.txt');

describe('explainLinkAddFailure (real stderr, kernel 6.18 without ipvlan/netkit, iproute2 6.1)', () => {
  it('ipvlan: the kernel does not know the type', () => {
    assert.equal(classifyLinkAddFailure(ipvlanKernel), 'kernel-lacks-kind');
    assert.equal(explainLinkAddFailure('ipvlan', ipvlanKernel), 'kernel lacks CONFIG_IPVLAN (module ipvlan not available)');
  });
  it('netkit: iproute2 6.1 does not know the type and trips over "mode"', () => {
    assert.equal(classifyLinkAddFailure(netkitIproute2), 'iproute2-lacks-kind');
    assert.equal(explainLinkAddFailure('netkit', netkitIproute2, '6.1.0'), 'iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8)');
    assert.equal(explainLinkAddFailure('netkit', netkitIproute2), 'iproute2 (version unknown) does not know netkit (needs iproute2 >= 6.8)');
  });
  it('netkit: a new enough iproute2 means the arguments were wrong, not the version', () => {
    assert.match(explainLinkAddFailure('netkit', netkitIproute2, '6.8.0'), /^iproute2 6\.8\.0 rejected the netkit arguments: Garbage/);
  });
  it('netkit: the kernel refuses the bare type', () => {
    assert.equal(explainLinkAddFailure('netkit', netkitKernel), 'kernel lacks netkit (needs Linux >= 6.7 with CONFIG_NETKIT)');
  });
  it('netkit probe combines the iproute2 and the kernel answer', () => {
    assert.equal(explainNetkitProbe(netkitIproute2, { ok: false, stderr: netkitKernel }, '6.1.0'),
      'iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8); kernel lacks netkit (needs Linux >= 6.7 with CONFIG_NETKIT)');
    assert.equal(explainNetkitProbe(netkitIproute2, { ok: true, stderr: '' }, '6.1.0'),
      'iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8); the kernel itself has netkit');
    assert.equal(explainNetkitProbe(netkitKernel, undefined, '6.8.0'), 'kernel lacks netkit (needs Linux >= 6.7 with CONFIG_NETKIT)');
  });
  it('a missing parent and a refused namespace are told apart', () => {
    assert.equal(classifyLinkAddFailure(fixture('macvlan-missing-parent.txt')), 'missing-device');
    assert.match(explainLinkAddFailure('macvlan', fixture('macvlan-missing-parent.txt')), /parent device is missing: Cannot find device "nosuchparent"/);
    assert.equal(classifyLinkAddFailure(fixture('netns-add-not-root.txt')), 'not-permitted');
  });
  it('kernels without extended ack say "Operation not supported" (hand-written form)', () => {
    assert.equal(explainLinkAddFailure('ipvlan', 'RTNETLINK answers: Operation not supported\n'),
      'kernel lacks CONFIG_IPVLAN (module ipvlan not available)');
  });
  it('anything else is passed on with the kind named', () => {
    assert.equal(explainLinkAddFailure('vxlan', 'something odd\nmore'), 'ip link add … type vxlan failed: something odd');
    assert.equal(explainLinkAddFailure('vxlan', ''), 'ip link add … type vxlan failed without a message');
  });
});

describe('probeLinkAddArgs', () => {
  it('always passes an explicit mode for macvlan and ipvlan, on the probe veth', () => {
    assert.deepEqual(probeLinkAddArgs('macvlan'), ['link', 'add', 'mv0', 'link', 'p0', 'type', 'macvlan', 'mode', 'bridge']);
    assert.deepEqual(probeLinkAddArgs('ipvlan'), ['link', 'add', 'iv0', 'link', 'p0', 'type', 'ipvlan', 'mode', 'l2']);
    assert.deepEqual(probeLinkAddArgs('netkit'), ['link', 'add', 'nk0', 'type', 'netkit', 'mode', 'l3', 'peer', 'name', 'nk1']);
  });
});

type Answer = { exitCode: number; stderr?: string; stdout?: string } | Error;

/** Replays this machine's answers; records every argv. */
function fakeHost(calls: string[][], answer: (argv: string[]) => Answer): Host {
  return {
    async exec(argv: readonly string[]): Promise<ExecResult> {
      calls.push([...argv]);
      const a = answer([...argv]);
      if (a instanceof Error) throw a;
      return { argv, exitCode: a.exitCode, stdout: a.stdout ?? '', stderr: a.stderr ?? '', timedOut: false, signal: undefined, durationMs: 1 };
    },
    spawn(): SpawnedProcess {
      throw new Error('not used');
    },
  };
}

function thisMachine(argv: string[]): Answer {
  const line = argv.join(' ');
  if (line === 'ip -V') return { exitCode: 0, stdout: 'ip utility, iproute2-6.1.0, libbpf 1.1.2\n' };
  if (line.includes('type ipvlan')) return { exitCode: 2, stderr: ipvlanKernel };
  if (line.includes('type netkit mode')) return { exitCode: 1, stderr: netkitIproute2 };
  if (line.endsWith('type netkit')) return { exitCode: 2, stderr: netkitKernel };
  return { exitCode: 0 };
}

describe('probeLinkKinds (fake host)', () => {
  it('reports every kind, works only inside the scratch namespace and deletes it', async () => {
    const calls: string[][] = [];
    const kinds = await probeLinkKinds(fakeHost(calls, thisMachine), 'vbcap-test');
    assert.deepEqual(kinds, [
      { kind: 'veth', supported: true },
      { kind: 'macvlan', supported: true },
      { kind: 'ipvlan', supported: false, reason: 'kernel lacks CONFIG_IPVLAN (module ipvlan not available)' },
      { kind: 'netkit', supported: false, reason: 'iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8); kernel lacks netkit (needs Linux >= 6.7 with CONFIG_NETKIT)' },
      { kind: 'bridge', supported: true },
      { kind: 'vxlan', supported: true },
    ]);
    assert.deepEqual(calls[0], ['ip', 'netns', 'add', 'vbcap-test']);
    assert.deepEqual(calls.at(-1), ['ip', 'netns', 'delete', 'vbcap-test']);
    for (const argv of calls.filter((a) => a.includes('link'))) assert.deepEqual(argv.slice(0, 3), ['ip', '-n', 'vbcap-test'], argv.join(' '));
    // The macvlan probe device is removed before ipvlan tries the same parent.
    assert.ok(calls.some((a) => a.join(' ') === 'ip -n vbcap-test link del mv0'));
  });
  it('without veth, macvlan and ipvlan are not probed and say why', async () => {
    const calls: string[][] = [];
    const kinds = await probeLinkKinds(fakeHost(calls, (argv) =>
      argv.includes('veth') ? { exitCode: 2, stderr: 'Error: Unknown device type.\n' } : { exitCode: 0 }), 'vbcap-test');
    assert.equal(kinds.find((k) => k.kind === 'veth')?.reason, 'kernel lacks CONFIG_VETH (module veth not available)');
    assert.match(kinds.find((k) => k.kind === 'macvlan')?.reason ?? '', /needs a veth parent/);
    assert.ok(!calls.some((a) => a.includes('macvlan') || a.includes('ipvlan')));
  });
  it('deletes the namespace even when a probe throws', async () => {
    const calls: string[][] = [];
    await assert.rejects(probeLinkKinds(fakeHost(calls, (argv) =>
      argv.includes('bridge') ? new Error('boom') : { exitCode: 0 }), 'vbcap-test'), /boom/);
    assert.deepEqual(calls.at(-1), ['ip', 'netns', 'delete', 'vbcap-test']);
  });
  it('a namespace that cannot be created is an error, and nothing is deleted', async () => {
    const calls: string[][] = [];
    await assert.rejects(probeLinkKinds(fakeHost(calls, () => ({ exitCode: 1, stderr: fixture('netns-add-not-root.txt') })), 'vbcap-test'),
      (e: unknown) => e instanceof HostCommandError && /Operation not permitted/.test(e.message));
    assert.equal(calls.length, 1);
  });
  it('a namespace left behind is reported', async () => {
    await assert.rejects(probeLinkKinds(fakeHost([], (argv) =>
      argv[2] === 'delete' ? { exitCode: 1, stderr: 'Cannot remove namespace file' } : { exitCode: 0 }), 'vbcap-test'), HostCommandError);
  });
  it('refuses a namespace name that is not a plain name', async () => {
    const calls: string[][] = [];
    await assert.rejects(probeLinkKinds(fakeHost(calls, () => ({ exitCode: 0 })), '../x'), InputError);
    assert.equal(calls.length, 0);
  });
  it('covers every kind', () => assert.deepEqual([...LINK_KINDS], ['veth', 'macvlan', 'ipvlan', 'netkit', 'bridge', 'vxlan']));
});
