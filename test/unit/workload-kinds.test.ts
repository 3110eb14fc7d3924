// The workload registry's promise: what `vethbench plan` prints for a kind is what its runner executes. Each kind's
// runner runs against a host that records every command and answers with real captured output; the plan part's
// commands must appear among them, in order. Also: every resolved tool has both parts (the registries' types
// enforce it; this checks the values), and trafgen never runs without --no-sock-mem/--notouch-irq.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ExecOptions, ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';
import { describeCommand } from '../../src/net/command.ts';
import type { Point, Trial } from '../../src/plan/expand.ts';
import type { ResolvedWorkload } from '../../src/scenario/scenario.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import type { WorkloadContext } from '../../src/workloads/context.ts';
import { WORKLOAD_RUNNERS, runWorkload } from '../../src/workloads/dispatch.ts';
import { WORKLOAD_COMMANDS, workloadCommands } from '../../src/workloads/plans.ts';
import { fixtureText } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';
import { tempDir } from '../helpers/host-state.ts';

const PID = 4242;
const MAC_CLIENT = '76:1b:0d:59:e7:66';
const MAC_SERVER = '86:99:da:84:12:0a';

/** Records exec and spawn alike, as the lines `plan` prints; answers from captures. */
class RecordingHost implements Host {
  readonly lines: string[] = [];
  private rx = 0;
  constructor(private readonly answer: (argv: readonly string[]) => string | undefined) {}

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const ok = (stdout: string): ExecResult => ({ argv, exitCode: 0, stdout, stderr: '', timedOut: false, signal: undefined, durationMs: 1 });
    if (argv[0] === 'ss' && argv.includes('-l')) {
      return ok(`LISTEN 0 128 198.18.0.2${argv[argv.length - 1]} 0.0.0.0:* users:(("x",pid=${PID},fd=3))\n`);
    }
    this.lines.push(describeCommand({ argv: [...argv], ...(options.netns ? { netns: options.netns } : {}), ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) }));
    if (argv[0] === 'ip' && argv.includes('-j')) {
      const client = argv[argv.length - 1]!.includes('cli');
      this.rx += 1_000_000;
      const stats = { rx: { packets: this.rx, dropped: 0 }, tx: { packets: this.rx, dropped: 0 } };
      return ok(JSON.stringify([{ ifname: argv[argv.length - 1], address: client ? MAC_CLIENT : MAC_SERVER, stats64: stats }]));
    }
    if (argv.includes('trafgen')) return { ...ok('  1000000 packets outgoing\n'), exitCode: 124 };
    return ok(this.answer(argv) ?? '');
  }

  spawn(argv: readonly string[], options: { netns?: string } = {}): SpawnedProcess {
    this.lines.push(describeCommand({ argv: [...argv], ...(options.netns ? { netns: options.netns } : {}) }));
    const done: ExecResult = { argv, exitCode: 0, stdout: '', stderr: '', timedOut: false, signal: undefined, durationMs: 1 };
    return { pid: PID, argv, output: () => ({ stdout: '', stderr: '' }), exited: new Promise(() => {}), stop: async () => done };
  }
}

function answer(argv: readonly string[]): string | undefined {
  const a = argv.join(' ');
  if (a.includes('--bounceback')) return fixtureText('iperf2/bounceback-64B-4flows.txt');
  if (a.includes('--connect-only')) return fixtureText('iperf2/connect-only-P4-bursts.txt');
  if (a.includes('-y C')) return fixtureText('iperf2/flows-P100.csv');
  if (a.startsWith('sysctl -n')) return '0\n32768\t60999\n';
  if (a === 'ss -s') return fixtureText('iperf2/ss-s-timewait.txt');
  if (a.startsWith('iperf3 -c')) return fixtureText('iperf3/udp-64.json');
  if (a.startsWith('sockperf ping-pong')) return fixtureText('sockperf/udp-64.txt');
  return undefined;
}

const WORKLOADS: ResolvedWorkload[] = [
  { label: 'udp', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 64, senders: 2 },
  { label: 'pp', tool: 'sockperf', protocol: 'udp', messageBytes: 64, underLoad: false },
  { label: 'rr', tool: 'rr', protocol: 'tcp', messageBytes: 64, flows: 4 },
  { label: 'rr-udp', tool: 'rr', protocol: 'udp', messageBytes: 64, flows: 2 },
  { label: 'crr', tool: 'crr', flows: 4 },
  { label: 'flows', tool: 'flows', flows: 250 },
  { label: 'pps', tool: 'pps', frameBytes: 64, cpus: 1 },
];

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let i = 0;
  for (const line of haystack) if (line === needle[i]) i++;
  return i === needle.length;
}

describe('workload registry: plan shows what run executes', () => {
  it('every resolved tool has a plan part and a runner', () => {
    assert.deepEqual(Object.keys(WORKLOAD_COMMANDS).sort(), Object.keys(WORKLOAD_RUNNERS).sort());
    assert.deepEqual(Object.keys(WORKLOAD_COMMANDS).sort(), ['crr', 'density', 'flows', 'iperf3', 'pps', 'rr', 'setup-cost', 'sockperf']);
  });

  for (const workload of WORKLOADS) {
    it(`${workload.label}: the planned commands run, in order`, async () => {
      const dir = tempDir('kinds');
      try {
        const topology = resolveTopology({ kind: 'pair' }, 'vb5a03');
        const host = new RecordingHost(answer);
        const timing = { durationS: 2, omitS: 0 };
        const point: Point = { id: 'p1', key: 'k', link: 'veth', knobs: {}, workload, label: workload.label };
        const trial: Trial = { index: 0, pointId: 'p1', repetition: 0 };
        const ctx: WorkloadContext = {
          host, knobShell: knobShell(), timing, sides: {}, runDir: dir, signal: new AbortController().signal, point, trial,
          session: { topology, port: 20000 },
        };
        host.lines.length = 0;
        const measured = await runWorkload(ctx);
        assert.equal(measured?.status, 'ok', measured?.reason);
        const planned = workloadCommands({ topology, port: 20000, workload, knobs: {}, timing }).map(describeCommand)
          .map((l) => l.replace(/<MAC of [^>]*cli[^>]*>/, MAC_CLIENT).replace(/<MAC of [^>]*srv[^>]*>/, MAC_SERVER))
          .map((l) => l.replace(`'net.ipv4.tcp_tw_reuse=<value read before>'`, 'net.ipv4.tcp_tw_reuse=0').replace(/<value read before>/, '32768 60999'));
        assert.ok(isSubsequence(planned, host.lines), `planned:\n${planned.join('\n')}\n\nran:\n${host.lines.join('\n')}`);
        if (workload.tool === 'pps') {
          const trafgen = host.lines.find((l) => l.includes('trafgen'))!;
          assert.match(trafgen, /--no-sock-mem --notouch-irq/);
          assert.match(trafgen, new RegExp(`da=${MAC_SERVER}`));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
