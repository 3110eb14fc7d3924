// iperf3 workloads: the TCP options' argv, UDP senders combined (real 3.12 output), interval stability, and which
// failures skip a point rather than fail it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TcpWorkload, UdpWorkload } from '../../src/scenario/scenario.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { iperf3ClientCommand } from '../../src/tools/iperf3-args.ts';
import { combineIntervals, combineSenders, intervalCv, iperf3Refusal, udpCountsFromBytes } from '../../src/tools/iperf3-combine.ts';
import { parseIperf3Json } from '../../src/tools/iperf3-parse.ts';
import { senderPorts } from '../../src/workloads/iperf3.ts';

const text = (name: string): string => readFileSync(new URL(`../fixtures/iperf3/${name}`, import.meta.url), 'utf8');
function parsed(name: string) {
  const r = parseIperf3Json(text(name));
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  return r;
}

const t = resolveTopology({ kind: 'pair' }, 'vb5a03');
const TCP: TcpWorkload = { label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false };
const UDP: UdpWorkload = { label: 'udp', tool: 'iperf3', protocol: 'udp', streams: 1, bitrate: '0', lengthBytes: 64 };
const timing = { durationS: 5, omitS: 1 };

describe('iperf3ClientCommand: TCP options', () => {
  it('adds --bidir, -l, -Z and -C after the common options', () => {
    const argv = iperf3ClientCommand(t.client, t.server, 20000, { ...TCP, bidir: true, blockBytes: 16384, zerocopy: true, congestion: 'bbr' }, timing).argv;
    assert.deepEqual(argv.slice(argv.indexOf('-P')), ['-P', '1', '--bidir', '-l', '16384', '-Z', '-C', 'bbr']);
  });

  it('a plain TCP workload gets none of them', () => {
    const argv = iperf3ClientCommand(t.client, t.server, 20000, TCP, timing).argv;
    for (const flag of ['--bidir', '-l', '-Z', '-C', '-u']) assert.equal(argv.includes(flag), false, flag);
  });

  it('the tcp-bidir-Z-reno.json capture ran with those options and reports both directions', () => {
    const r = parsed('tcp-bidir-Z-reno.json');
    assert.ok(r.metrics.throughputBps! > 0 && r.metrics.reverseThroughputBps! > 0);
  });
});

describe('UDP senders', () => {
  it('sender i uses the session port + i', () => {
    assert.deepEqual(senderPorts(20000, 3), [20000, 20001, 20002]);
    assert.deepEqual(iperf3ClientCommand(t.client, t.server, 20001, UDP, timing).argv.slice(5, 7), ['-p', '20001']);
  });

  it('one sender is passed through unchanged', () => {
    const m = parsed('udp-64.json').metrics;
    assert.deepEqual(combineSenders([m]), m);
  });

  it('two senders: rates and counts add up, loss is recomputed, jitter averaged', () => {
    const [a, b] = [parsed('udp-64.json').metrics, parsed('udp.json').metrics];
    const c = combineSenders([a, b]);
    assert.equal(c.senders, 2);
    assert.equal(c.pps, a.pps! + b.pps!);
    assert.equal(c.throughputBps, a.throughputBps! + b.throughputBps!);
    assert.equal(c.packets, a.packets! + b.packets!);
    assert.equal(c.lossPercent, (100 * (a.lostPackets! + b.lostPackets!)) / (a.packets! + b.packets!));
    assert.equal(c.jitterMs, (a.jitterMs! + b.jitterMs!) / 2);
    assert.equal(c.cpuHostPercent, a.cpuHostPercent! + b.cpuHostPercent!);
    assert.equal(c.durationS, Math.max(a.durationS!, b.durationS!));
  });

  it('a figure one sender lacks is absent from the total, never a partial sum', () => {
    const a = parsed('udp-64.json').metrics;
    const { pps: _, ...withoutPps } = a;
    assert.equal('pps' in combineSenders([a, withoutPps]), false);
  });

  it('intervals add up index by index, as far as every sender has one', () => {
    const [a, b] = [parsed('udp-64.json').intervals, parsed('udp.json').intervals];
    const c = combineIntervals([a, b.slice(0, 1)]);
    assert.deepEqual(c, [{ startS: a[0]!.startS, endS: a[0]!.endS, bitsPerSecond: a[0]!.bitsPerSecond + b[0]!.bitsPerSecond }]);
  });
});

describe('intervalCv', () => {
  it('is the coefficient of variation of the per-interval goodput', () => {
    const iv = (bps: number[]) => bps.map((bitsPerSecond, i) => ({ startS: i, endS: i + 1, bitsPerSecond }));
    assert.equal(intervalCv(iv([10, 10, 10])), 0);
    assert.equal(intervalCv(iv([9, 11])), Math.SQRT2 / 10);
    assert.equal(intervalCv(iv([10])), undefined);
    assert.ok(intervalCv(parsed('tcp.json').intervals)! >= 0);
  });
});

describe('iperf3Refusal', () => {
  it('a congestion control the kernel lacks skips the point with the way to get it', () => {
    const r = parseIperf3Json(text('tcp-congestion-bogus.json'));
    assert.equal(r.ok, false);
    const reason = iperf3Refusal({ ...TCP, congestion: 'bogus' }, {}, r.ok ? '' : r.reason, '');
    assert.equal(reason, 'refused: iperf3 -C bogus: unable to set TCP_CONGESTION: Supplied congestion control algorithm not supported on this host (available: /proc/sys/net/ipv4/tcp_available_congestion_control; a module may load it: modprobe tcp_bogus)');
  });

  it('an iperf3 without --bidir skips the point (getopt refuses the option before anything is sent)', () => {
    // Real stderr of iperf 3.12 for an option it lacks ("--bidir-x"); an iperf3 < 3.7 answers "--bidir" the same way.
    const stderr = text('unknown-option-stderr.txt');
    assert.match(iperf3Refusal({ ...TCP, bidir: true }, {}, 'iperf3 printed nothing (empty output)', stderr) ?? '', /^unsupported: this iperf3 has no --bidir/);
    assert.equal(iperf3Refusal(TCP, {}, 'iperf3 printed nothing (empty output)', stderr), undefined, 'only a point that asked for --bidir');
  });

  it('a refused -w is skipped; anything else is a real failure', () => {
    assert.match(iperf3Refusal(TCP, { window: 8388608 }, 'socket buffer size not set correctly', '') ?? '', /^refused: iperf3 -w 8388608/);
    assert.equal(iperf3Refusal(TCP, {}, 'unable to connect to server: Connection refused', ''), undefined);
    assert.equal(iperf3Refusal(TCP, {}, 'unable to set TCP_CONGESTION', ''), undefined);
  });
});

describe('udpCountsFromBytes', () => {
  it('agrees with iperf3\'s counters when they are right (udp-64.json: no -O, idle machine)', () => {
    const m = parsed('udp-64.json').metrics;
    const { metrics, warning } = udpCountsFromBytes(m, 64);
    assert.equal(warning, undefined);
    assert.equal(metrics.pps, m.pps);
    assert.equal(metrics.lostPackets, m.lostPackets);
  });

  it('takes pps and loss from the bytes when iperf3 3.12 miscounts with -O (udp-64-omit-busy.json)', () => {
    const m = parsed('udp-64-omit-busy.json').metrics;
    assert.equal(m.packets! - m.lostPackets!, 468197, 'what iperf3\'s counters say arrived');
    const { metrics, warning } = udpCountsFromBytes(m, 64);
    assert.equal(metrics.pps, 681829 / m.durationS!);
    assert.equal(metrics.lostPackets, m.packets! - 681829);
    assert.equal(metrics.lossPercent, (100 * (m.packets! - 681829)) / m.packets!);
    assert.match(warning ?? '', /counters say 468197 datagrams arrived, its byte count 681829/);
  });
});
