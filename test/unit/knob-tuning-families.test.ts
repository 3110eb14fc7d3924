// The pure side of the tuning knob families (issue 16): value validation through validateScenario, the commands
// `plan` prints, the apply lines `tune` prints, the parsers (fed with captured output), the refusals a fake host
// provokes, and the plan warnings, branching on the kernel release.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScenarioError, type ScenarioProblem } from '../../src/errors.ts';
import { bigTcpFamily, ipv4SizesProblem } from '../../src/knobs/big-tcp-family.ts';
import { busyPollFamily } from '../../src/knobs/busy-poll-family.ts';
import { congestionFamily, congestionProblem, parseAvailableCongestion } from '../../src/knobs/congestion-family.ts';
import { XDP_MAX_MTU } from '../../src/knobs/knob-conflicts.ts';
import { napiTimingFamily } from '../../src/knobs/napi-timing-family.ts';
import { maskCpuProblem, normalizeMask, parseQueues, rpsXpsFamily } from '../../src/knobs/rps-xps-family.ts';
import type { KnobContext, KnobFamily, KnobSettings } from '../../src/knobs/types.ts';
import { compileArgv, multiarchTriplet } from '../../src/files/xdp-program.ts';
import { parseXdpState, peerOf, xdpFamily } from '../../src/knobs/xdp-family.ts';
import { describeCommand } from '../../src/net/command.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { hostLimitProblems } from '../../src/plan/host-limits.ts';
import { kernelAtLeast } from '../../src/plan/kernel-version.ts';
import { planWarnings } from '../../src/plan/warnings.ts';
import type { ScenarioDefinition } from '../../src/scenario/types.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { definition, scenario, SCENARIO_FILE, settings, SHA } from '../helpers/builders.ts';
import { FakeHost, replies } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const pair = resolveTopology({ kind: 'pair' }, 'vb1a2b');
const ctx = (sides = {}): Omit<KnobContext, 'host'> => ({ shell: knobShell(), topology: pair, sides, reverse: false });
const lines = (family: KnobFamily, settings: KnobSettings, sides = {}): string[] => family.commands(ctx(sides), settings).map(describeCommand);

function problemsOf(over: Record<string, unknown>): ScenarioProblem[] {
  try {
    validateScenario(definition(over as Partial<ScenarioDefinition>), SCENARIO_FILE, SHA);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    return error.problems;
  }
  return [];
}
const paths = (over: Record<string, unknown>): string[] => problemsOf(over).map((p) => p.path);
const warnings = (over: Partial<ScenarioDefinition>, kernel?: string): string[] => planWarnings(expandPlan(scenario(over), settings()), kernel);

describe('congestionControl', () => {
  it('checks what the namespace offers, sets it there and reads it back, in every namespace of the run', () => {
    assert.deepEqual(lines(congestionFamily, { congestionControl: 'bbr' }), [
      'ip netns exec vb1a2b-cli sysctl -n net.ipv4.tcp_available_congestion_control',
      'ip netns exec vb1a2b-cli sysctl -q -w net.ipv4.tcp_congestion_control=bbr',
      'ip netns exec vb1a2b-cli sysctl -n net.ipv4.tcp_congestion_control',
      'ip netns exec vb1a2b-srv sysctl -n net.ipv4.tcp_available_congestion_control',
      'ip netns exec vb1a2b-srv sysctl -q -w net.ipv4.tcp_congestion_control=bbr',
      'ip netns exec vb1a2b-srv sysctl -n net.ipv4.tcp_congestion_control',
    ]);
  });

  it('refuses an algorithm the kernel lacks, naming what it has (captured: sysctl -n net.ipv4.tcp_available_congestion_control on 6.18)', async () => {
    const available = parseAvailableCongestion('reno bbr cubic\n');
    assert.deepEqual(available, ['reno', 'bbr', 'cubic']);
    assert.equal(congestionProblem('cubic', available, 'ns'), undefined);
    const host = new FakeHost(replies([[/tcp_available_congestion_control/, { stdout: 'reno bbr cubic\n' }]]));
    const outcome = await congestionFamily.apply({ ...ctx(), host }, { congestionControl: 'vegas' });
    assert.equal(outcome.refused, 'congestionControl vegas is not available in vb1a2b-cli (net.ipv4.tcp_available_congestion_control: reno bbr cubic); use one of those, or load its module on the host (modprobe tcp_vegas)');
    assert.equal(host.calls.length, 1, 'nothing written');
  });

  it('is refused beside a workload\'s own congestion (iperf3 -C), naming the workload field', () => {
    const problems = problemsOf({ matrix: { congestionControl: ['cubic', 'bbr'] }, workloads: [{ tool: 'iperf3', protocol: 'tcp', congestion: 'cubic' }] });
    assert.deepEqual(problems, [{ path: 'workloads[0].congestion', message: '"cubic" (iperf3 -C) overrides the namespaces\' default that matrix.congestionControl sweeps, so that sweep would measure nothing; drop one of them' }]);
    assert.deepEqual(paths({ matrix: { congestionControl: ['Bad!'] } }), ['matrix.congestionControl[0]']);
  });

  it('apply lines: the namespace command, sysctl.d (inherited by later namespaces) and the CNI tuning plugin', () => {
    const [line] = congestionFamily.applyLines({ congestionControl: 'bbr' });
    assert.equal(line!.command, 'ip netns exec <ns> sysctl -w net.ipv4.tcp_congestion_control=bbr');
    assert.deepEqual(line!.cniTuning, { type: 'tuning', sysctl: { 'net.ipv4.tcp_congestion_control': 'bbr' } });
    assert.equal(line!.persistent[0]!.reachesContainers, false);
  });

  it('plan warns that BBR paces best over fq, and that a sweep without TCP measures nothing', () => {
    assert.ok(warnings({ matrix: { congestionControl: ['cubic', 'bbr'] } }).some((w) => /^BBR in 1 point\(s\) without qdisc fq: BBR paces best over fq/.test(w)));
    assert.ok(warnings({ matrix: { congestionControl: ['cubic', 'reno'] }, workloads: [{ tool: 'iperf3', protocol: 'udp' }] }).includes('congestionControl is swept but no workload is TCP: congestion control only acts on TCP'));
  });
});

describe('NAPI timing', () => {
  it('writes each file with tee inside the namespace and reads it back, per side', () => {
    assert.deepEqual(lines(napiTimingFamily, { groFlushTimeout: 20000 }, { groFlushTimeout: 'receiver' }), [
      "ip netns exec vb1a2b-srv tee /sys/class/net/vb1a2bsrv0/gro_flush_timeout <<'EOF'\n20000\nEOF",
      'ip netns exec vb1a2b-srv cat /sys/class/net/vb1a2bsrv0/gro_flush_timeout',
    ]);
  });

  it('validates the ranges the kernel takes', () => {
    assert.deepEqual(paths({ matrix: { groFlushTimeout: [-1, 0, 1_000_000_001], napiDeferHardIrqs: [2 ** 31] } }), ['matrix.groFlushTimeout[0]', 'matrix.groFlushTimeout[2]', 'matrix.napiDeferHardIrqs[0]']);
  });

  it('apply lines: the sysfs write inside the namespace; udev does not reach containers', () => {
    const [line] = napiTimingFamily.applyLines({ napiDeferHardIrqs: 2 });
    assert.equal(line!.command, 'echo 2 | ip netns exec <ns> tee /sys/class/net/<dev>/napi_defer_hard_irqs');
    assert.equal(line!.persistent[0]!.reachesContainers, false);
  });

  it('plan warns without NAPI, about deferral without a timeout, and about threaded × qdisc by kernel version', () => {
    assert.ok(warnings({ matrix: { groFlushTimeout: [0, 20000] } }).some((w) => /^groFlushTimeout is swept in 2 point\(s\) without NAPI/.test(w)));
    assert.ok(warnings({ matrix: { napiDeferHardIrqs: [0, 2], gro: ['on'] } }).some((w) => /^napiDeferHardIrqs > 0 in 1 point\(s\) with groFlushTimeout 0/.test(w)));
    const crossed = { matrix: { gro: ['on' as const], threaded: ['off' as const, 'on' as const], qdisc: ['noqueue' as const, 'pfifo' as const] } };
    assert.ok(warnings(crossed, '6.18.44-fc').some((w) => /since 6\.16 veth applies backpressure .* \(this kernel 6\.18\.44-fc\)$/.test(w)));
    assert.ok(warnings(crossed, '6.12.5').some((w) => /before 6\.16 veth drops .* \(this kernel 6\.12\.5\)$/.test(w)));
    assert.equal(kernelAtLeast('6.16.0', 6, 16), true);
    assert.equal(kernelAtLeast('5.19', 6, 16), false);
    assert.equal(kernelAtLeast(undefined, 6, 16), undefined);
  });
});

describe('busy polling and backlog', () => {
  it('reads the original before writing (the journal keeps it) and reads back', () => {
    assert.deepEqual(lines(busyPollFamily, { busyPoll: 50, netdevMaxBacklog: 5000 }), [
      'sysctl -n net.core.busy_poll', 'sysctl -q -w net.core.busy_poll=50',
      'sysctl -n net.core.netdev_max_backlog', 'sysctl -q -w net.core.netdev_max_backlog=5000',
    ]);
    assert.deepEqual(paths({ matrix: { busyPoll: [-1], busyRead: [1_000_001], netdevMaxBacklog: [0] } }), ['matrix.busyPoll[0]', 'matrix.busyRead[0]', 'matrix.netdevMaxBacklog[0]']);
  });

  it('apply lines: global, so one value reaches every container; no CNI fragment', () => {
    const [line] = busyPollFamily.applyLines({ busyRead: 50 });
    assert.equal(line!.command, 'sysctl -w net.core.busy_read=50');
    assert.equal(line!.persistent[0]!.reachesContainers, true);
    assert.equal(line!.cniTuning, undefined);
  });

  it('plan warns: busy polling without NAPI or without a latency workload, backlog with NAPI everywhere', () => {
    const w = warnings({ matrix: { busyPoll: [0, 50] } });
    assert.ok(w.some((x) => /^busyPoll > 0 in 1 point\(s\) without NAPI/.test(x)));
    assert.ok(w.some((x) => /^busyPoll is swept without a latency workload/.test(x)));
    assert.ok(warnings({ matrix: { netdevMaxBacklog: [1000, 5000], gro: ['on'] } }).some((x) => /^netdevMaxBacklog is swept but every point has NAPI/.test(x)));
    assert.ok(!warnings({ matrix: { netdevMaxBacklog: [1000, 5000] } }).some((x) => /netdevMaxBacklog/.test(x)), 'the non-NAPI path uses the backlog');
  });
});

describe('BIG TCP', () => {
  it('one ip link set per interface with the sizes meant for it, then ip -d -j link', () => {
    assert.deepEqual(lines(bigTcpFamily, { gsoMaxSize: 196608, groMaxSize: 131072 }, { groMaxSize: 'receiver' }), [
      'ip -n vb1a2b-cli link set dev vb1a2bcli0 gso_max_size 196608', 'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0',
      'ip -n vb1a2b-srv link set dev vb1a2bsrv0 gso_max_size 196608 gro_max_size 131072', 'ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0',
    ]);
    assert.deepEqual(paths({ matrix: { gsoMaxSize: [0, 524280, 524281] } }), ['matrix.gsoMaxSize[0]', 'matrix.gsoMaxSize[2]']);
  });

  it('the ipv4 sizes need iproute2 ≥ 6.3 and Linux ≥ 6.3 (captured: ip -V on this host)', () => {
    assert.equal(ipv4SizesProblem('ip utility, iproute2-6.1.0, libbpf 1.1.2\n', '6.18.44-fc-v1045'), 'gso_ipv4_max_size/gro_ipv4_max_size: iproute2 6.1.0 does not know them (needs iproute2 ≥ 6.3)');
    assert.equal(ipv4SizesProblem('ip utility, iproute2-6.15.0, libbpf 1.5.0\n', '6.2.9'), 'gso_ipv4_max_size/gro_ipv4_max_size: kernel 6.2.9 lacks them (needs Linux ≥ 6.3)');
    assert.equal(ipv4SizesProblem('ip utility, iproute2-6.15.0, libbpf 1.5.0\n', '6.18.44'), undefined);
  });

  it('plan warns with TSO off, with GRO off, and above 64 KiB on IPv4-only topologies', () => {
    const w = warnings({ matrix: { gsoMaxSize: [65536, 196608], groMaxSize: [65536, 131072], tso: ['off'] } });
    assert.ok(w.some((x) => /^gsoMaxSize is swept in 4 point\(s\) with TSO off/.test(x)), w.join('\n'));
    assert.ok(w.some((x) => /^groMaxSize is swept in 4 point\(s\) with gro off/.test(x)));
    assert.ok(w.some((x) => /^gsoMaxSize above 65536 in 2 point\(s\): only IPv6 goes above 64 KiB with it/.test(x)));
  });

  it('apply lines: ip link set with placeholders; a udev rule that does not reach containers', () => {
    const [line] = bigTcpFamily.applyLines({ gsoMaxSize: 196608 });
    assert.equal(line!.command, 'ip -n <ns> link set dev <dev> gso_max_size 196608');
    assert.match(line!.persistent[0]!.form, /KERNEL=="<dev>", RUN\+="\/sbin\/ip link set dev %k gso_max_size 196608"/);
    assert.equal(line!.persistent[0]!.reachesContainers, false);
  });
});

describe('RPS/XPS', () => {
  it('hex masks as the kernel prints them, within the host\'s CPUs', () => {
    assert.deepEqual(paths({ matrix: { rpsCpus: ['3', 'zz', '0x3'], xpsCpus: ['ffffffff,ffffffff'] } }), ['matrix.rpsCpus[1]', 'matrix.rpsCpus[2]']);
    assert.equal(normalizeMask('00000003'), '3');
    assert.equal(normalizeMask('1,00000000'), '100000000');
    assert.equal(maskCpuProblem('3', 2), undefined);
    assert.equal(maskCpuProblem('4', 2), 'mask 4 names CPU 2, but this host has CPUs 0–1; use at most 3 (0 turns it off)');
    assert.deepEqual(hostLimitProblems(scenario({ matrix: { rpsCpus: ['1', 'f'] } }), { possibleCpus: 2 }).map((p) => p.path), ['matrix.rpsCpus[1]']);
  });

  it('lists the queues, writes and reads every one (captured: ls /sys/class/net/X/queues on veth)', () => {
    assert.deepEqual(parseQueues('rx-0\nrx-1\ntx-0\nrx-10\n', 'rx-'), ['rx-0', 'rx-1', 'rx-10']);
    assert.deepEqual(lines(rpsXpsFamily, { xpsCpus: '1' }, { xpsCpus: 'sender' }), [
      'ip netns exec vb1a2b-cli ls /sys/class/net/vb1a2bcli0/queues',
      "ip netns exec vb1a2b-cli tee /sys/class/net/vb1a2bcli0/queues/tx-0/xps_cpus <<'EOF'\n1\nEOF",
      'ip netns exec vb1a2b-cli cat /sys/class/net/vb1a2bcli0/queues/tx-0/xps_cpus',
    ]);
  });
});

describe('XDP', () => {
  // Captured: ip -n NS -d -j link show dev va, after `ip link set dev va xdpdrv obj xdp-pass.bpf.o sec xdp` (6.18).
  const ATTACHED = { ifname: 'va', mtu: 1500, xdp: { mode: 1, prog: { id: 106, name: 'xdp_pass', tag: '614b434cd8324ecc', jited: 1 } } };

  it('reads the native attachment back; nothing attached is "off"', () => {
    assert.equal(parseXdpState(ATTACHED), 'pass');
    assert.equal(parseXdpState({ ifname: 'va', mtu: 1500 }), 'off');
    assert.equal(parseXdpState({ xdp: { mode: 2, prog: { name: 'xdp_pass' } } }), 'other(mode 2, xdp_pass)');
    assert.equal(peerOf(pair, pair.server)?.iface, 'vb1a2bcli0');
  });

  it('attaches natively on the chosen side, then reads it and the peer\'s TSO back', () => {
    const got = lines(xdpFamily, { xdp: 'pass' }, { xdp: 'receiver' });
    assert.match(got[0]!, /^ip -n vb1a2b-srv link set dev vb1a2bsrv0 xdpdrv obj \S+\/xdp\/xdp-pass-[0-9a-f]{12}\.bpf\.o sec xdp$/);
    assert.deepEqual(got.slice(1), ['ip -n vb1a2b-srv -d -j link show dev vb1a2bsrv0', 'ip netns exec vb1a2b-cli ethtool -k vb1a2bcli0', 'ip -n vb1a2b-cli -d -j link show dev vb1a2bcli0']);
    assert.equal(lines(xdpFamily, { xdp: 'off' }, { xdp: 'receiver' })[0], 'ip -n vb1a2b-srv link set dev vb1a2bsrv0 xdpdrv off');
  });

  it('compiles with Debian\'s multiarch include directory', () => {
    assert.deepEqual(compileArgv('a.c', 'a.o', 'x86_64'), ['clang', '-target', 'bpf', '-O2', '-g', '-I/usr/include/x86_64-linux-gnu', '-c', 'a.c', '-o', 'a.o']);
    assert.equal(multiarchTriplet('aarch64'), 'aarch64-linux-gnu');
  });

  it('refuses an MTU above the cap beside xdp, unless an exclude rule removes that combination', () => {
    const problems = problemsOf({ matrix: { xdp: ['off', 'pass'], mtu: [1500, 9000] } });
    assert.deepEqual(problems.map((p) => p.path), ['matrix.mtu[1]']);
    assert.match(problems[0]!.message, new RegExp(`^9000 is above ${XDP_MAX_MTU}, the largest MTU veth takes while an XDP program .* add exclude: \\[\\{ xdp: 'pass', mtu: 9000 \\}\\]`));
    assert.deepEqual(problemsOf({ matrix: { xdp: ['off', 'pass'], mtu: [1500, 9000] }, exclude: [{ xdp: 'pass', mtu: 9000 }] }), []);
    assert.deepEqual(problemsOf({ matrix: { xdp: ['off'], mtu: [1500, 9000] } }), []);
  });

  it('plan warns about the stripped TSO and, by kernel version, how GRO follows an attach', () => {
    const w = warnings({ matrix: { xdp: ['off', 'pass'] } }, '6.18.44');
    assert.ok(w.some((x) => /^xdp attached in 1 point\(s\): while it is, the kernel strips TSO from the peer/.test(x)));
    assert.ok(w.some((x) => /^xdp is swept: since 6\.9 .* \(this kernel 6\.18\.44\)$/.test(x)));
    assert.ok(warnings({ matrix: { xdp: ['off', 'pass'] } }, '6.6.1').some((x) => /^xdp is swept: before 6\.9 attaching XDP to veth also turned GRO on/.test(x)));
    assert.ok(!warnings({ matrix: { xdp: ['pass'], threaded: ['on'] } }).some((x) => /threaded=on .* without gro=on/.test(x)), 'XDP gives threaded NAPI its NAPI');
  });

  it('drop: XDP_DROP read back as "drop", attached from its own object; refused beside any workload but pps', () => {
    assert.equal(parseXdpState({ ...ATTACHED, xdp: { ...ATTACHED.xdp, prog: { ...ATTACHED.xdp.prog, name: 'xdp_drop' } } }), 'drop');
    assert.match(lines(xdpFamily, { xdp: 'drop' }, { xdp: 'receiver' })[0]!, /xdpdrv obj \S+\/xdp\/xdp-drop-[0-9a-f]{12}\.bpf\.o sec xdp$/);
    assert.match(xdpFamily.applyLines({ xdp: 'drop' })[0]!.command, /xdp-drop\.bpf\.o sec xdp/);
    const problems = problemsOf({ matrix: { xdp: ['off', 'drop'] } });
    assert.ok(problems.some((p) => p.path === 'workloads[0].tool' && /xdp "drop" drops every frame at the receiver, so a iperf3 workload would fail every sample; only the pps workload measures it/.test(p.message)), JSON.stringify(problems));
    assert.deepEqual(problemsOf({ matrix: { xdp: ['off', 'drop'] }, workloads: [{ tool: 'pps' }] }).filter((p) => /drop/.test(p.message)), []);
  });

  it('apply lines say an attached program does not persist by itself', () => {
    const [line] = xdpFamily.applyLines({ xdp: 'pass' });
    assert.match(line!.command, /^ip -n <ns> link set dev <dev> xdpdrv obj xdp-pass\.bpf\.o sec xdp/);
    assert.equal(line!.persistent[0]!.reachesContainers, false);
  });
});
