import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIperf3Json } from '../../src/tools/iperf3-parse.ts';
import type { Iperf3Parse } from '../../src/tools/iperf3-metrics.ts';

// Fixtures are real iperf3 3.12 output (see test/fixtures/iperf3/README.md); expectations are read
// back from the same file so the test checks the mapping, not numbers typed by hand.
const fixtureDir = new URL('../fixtures/iperf3/', import.meta.url);
const text = (name: string): string => readFileSync(new URL(name, fixtureDir), 'utf8');
const raw = (name: string): any => JSON.parse(text(name));

function ok(name: string): Extract<Iperf3Parse, { ok: true }> {
  const r = parseIperf3Json(text(name));
  assert.equal(r.ok, true, `${name}: ${r.ok ? '' : r.reason}`);
  if (!r.ok) throw new Error('unreachable');
  return r;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

const UDP_ONLY = ['packets', 'lostPackets', 'lossPercent', 'jitterMs', 'pps'] as const;
const TCP_ONLY = ['retransmits', 'rttMeanUs', 'rttMinUs', 'rttMaxUs'] as const;

function assertAbsent(m: object, keys: readonly string[], name: string): void {
  for (const k of keys) assert.equal(k in m, false, `${name}: ${k} should be absent`);
}

for (const name of ['tcp.json', 'tcp-p4.json']) {
  test(`${name}: TCP metrics come from sum_sent, sum_received and the sender streams`, () => {
    const r = ok(name);
    const end = raw(name).end;
    const m = r.metrics;
    assert.equal(r.version, 'iperf 3.12');
    assert.equal(r.protocol, 'tcp');
    assert.deepEqual(r.warnings, []);
    assert.equal(m.throughputBps, end.sum_received.bits_per_second);
    assert.equal(m.receivedBps, end.sum_received.bits_per_second);
    assert.equal(m.bytesReceived, end.sum_received.bytes);
    assert.equal(m.sentBps, end.sum_sent.bits_per_second);
    assert.equal(m.bytesSent, end.sum_sent.bytes);
    assert.equal(m.retransmits, end.sum_sent.retransmits);
    assert.equal(m.durationS, end.sum_received.seconds);
    const senders = end.streams.map((s: { sender: Record<string, number> }) => s.sender);
    assert.equal(m.rttMeanUs, mean(senders.map((s: Record<string, number>) => s['mean_rtt'])));
    assert.equal(m.rttMinUs, Math.min(...senders.map((s: Record<string, number>) => s['min_rtt'])));
    assert.equal(m.rttMaxUs, Math.max(...senders.map((s: Record<string, number>) => s['max_rtt'])));
    assert.equal(m.cpuHostPercent, end.cpu_utilization_percent.host_total);
    assert.equal(m.cpuRemotePercent, end.cpu_utilization_percent.remote_total);
    assert.ok(m.throughputBps !== undefined && m.throughputBps > 1e9, 'veth TCP is well above 1 Gbit/s');
    assertAbsent(m, [...UDP_ONLY, 'reverseThroughputBps'], name);
    const intervals = raw(name).intervals;
    assert.equal(r.intervals.length, intervals.length);
    assert.deepEqual(r.intervals[0], {
      startS: intervals[0].sum.start,
      endS: intervals[0].sum.end,
      bitsPerSecond: intervals[0].sum.bits_per_second,
    });
  });
}

test('tcp-reverse.json: -R keeps the receiving side in sum_received and reports no RTT', () => {
  const r = ok('tcp-reverse.json');
  const end = raw('tcp-reverse.json').end;
  // The client is the receiver here; sum_received is still the received side.
  assert.equal(end.sum_received.sender, false);
  assert.equal(r.metrics.throughputBps, end.sum_received.bits_per_second);
  assert.equal(r.metrics.retransmits, end.sum_sent.retransmits);
  // The sender's RTT fields are zeros (remote socket): absent, not 0.
  assertAbsent(r.metrics, ['rttMeanUs', 'rttMinUs', 'rttMaxUs', ...UDP_ONLY], 'tcp-reverse.json');
  assert.equal(r.intervals[0]?.bitsPerSecond, raw('tcp-reverse.json').intervals[0].sum.bits_per_second);
});

test('tcp-bidir.json: forward and reverse goodput, RTT only from the local sender', () => {
  const r = ok('tcp-bidir.json');
  const end = raw('tcp-bidir.json').end;
  assert.equal(r.metrics.throughputBps, end.sum_received.bits_per_second);
  assert.equal(r.metrics.reverseThroughputBps, end.sum_received_bidir_reverse.bits_per_second);
  const local = end.streams.filter((s: { sender: { sender: boolean } }) => s.sender.sender === true);
  assert.equal(local.length, 1);
  assert.equal(r.metrics.rttMeanUs, local[0].sender.mean_rtt);
  assert.equal(r.intervals[0]?.bitsPerSecond, raw('tcp-bidir.json').intervals[0].sum.bits_per_second);
});

for (const name of ['udp.json', 'udp-64.json']) {
  test(`${name}: UDP metrics are the receiver's view`, () => {
    const r = ok(name);
    const end = raw(name).end;
    const recv = end.sum_received;
    const m = r.metrics;
    assert.equal(r.protocol, 'udp');
    assert.deepEqual(r.warnings, []);
    assert.equal(m.throughputBps, recv.bits_per_second);
    assert.ok(m.throughputBps! < end.sum_sent.bits_per_second, '-b 0 sends more than arrives');
    assert.equal(m.sentBps, end.sum_sent.bits_per_second);
    assert.equal(m.bytesReceived, recv.bytes);
    assert.equal(m.packets, recv.packets);
    assert.equal(m.lostPackets, recv.lost_packets);
    assert.equal(m.lossPercent, recv.lost_percent);
    assert.equal(m.jitterMs, recv.jitter_ms);
    assert.equal(m.durationS, recv.seconds);
    assert.equal(m.pps, (recv.packets - recv.lost_packets) / recv.seconds);
    assert.equal(m.cpuHostPercent, end.cpu_utilization_percent.host_total);
    assertAbsent(m, [...TCP_ONLY, 'reverseThroughputBps'], name);
    assert.equal(r.intervals.length, raw(name).intervals.length);
  });
}

test('udp-64.json: small datagrams give a high packet rate', () => {
  const m = ok('udp-64.json').metrics;
  assert.ok(m.pps! > 50_000, `pps ${m.pps}`);
});

test('udp-bidir.json: reverse goodput from sum_received_bidir_reverse', () => {
  const r = ok('udp-bidir.json');
  const end = raw('udp-bidir.json').end;
  assert.equal(r.metrics.throughputBps, end.sum_received.bits_per_second);
  assert.equal(r.metrics.reverseThroughputBps, end.sum_received_bidir_reverse.bits_per_second);
  assert.ok(Math.abs(r.metrics.throughputBps! - 1e9) < 0.05e9, 'paced at -b 1G');
});

test('udp.json without sum_sent/sum_received (iperf3 < 3.11) falls back to end.sum', () => {
  const doc = raw('udp.json');
  delete doc.end.sum_sent;
  delete doc.end.sum_received;
  const r = parseIperf3Json(JSON.stringify(doc));
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.metrics.throughputBps, doc.end.sum.bits_per_second);
  assert.equal(r.metrics.packets, doc.end.sum.packets);
  assert.equal('sentBps' in r.metrics, false);
  assert.ok(r.warnings.some((w) => w.includes('end.sum')));
});

test('tcp.json without cpu_utilization_percent leaves CPU absent', () => {
  const doc = raw('tcp.json');
  delete doc.end.cpu_utilization_percent;
  const r = parseIperf3Json(JSON.stringify(doc));
  assert.ok(r.ok);
  assertAbsent(r.metrics, ['cpuHostPercent', 'cpuRemotePercent'], 'no cpu');
});

test('server-tcp.json: the server-side view parses, without sender-only fields', () => {
  const r = ok('server-tcp.json');
  const end = raw('server-tcp.json').end;
  assert.equal(r.metrics.throughputBps, end.sum_received.bits_per_second);
  assert.ok(r.metrics.throughputBps! > 1e9);
  assertAbsent(r.metrics, ['retransmits', 'rttMeanUs', 'rttMinUs', 'rttMaxUs'], 'server-tcp.json');
});

test('error-refused.json: ok:false with the iperf3 error text', () => {
  const r = parseIperf3Json(text('error-refused.json'));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.reason, raw('error-refused.json').error);
  assert.equal(r.version, 'iperf 3.12');
});

test('interrupted.json: partial results plus error is a failure that says so', () => {
  const r = parseIperf3Json(text('interrupted.json'));
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.ok(r.reason.startsWith(raw('interrupted.json').error), r.reason);
  assert.match(r.reason, /partial/);
});

test('truncated output is invalid JSON', () => {
  const t = text('tcp.json');
  const r = parseIperf3Json(t.slice(0, Math.floor(t.length / 2)));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /truncated|invalid JSON/);
});

test('text after the JSON is ignored with a warning', () => {
  const r = parseIperf3Json(text('tcp.json') + '\niperf Done.\n');
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.metrics.throughputBps, raw('tcp.json').end.sum_received.bits_per_second);
  assert.ok(r.warnings.some((w) => w.includes('iperf Done.')), String(r.warnings));
});

test('bare nan values do not throw and become absent fields', () => {
  const t = text('tcp.json');
  const r = parseIperf3Json(t.replace(/("mean_rtt":\s*)\d+/, '$1nan').replace(/("host_total":\s*)[\d.]+/, '$1-nan'));
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal('rttMeanUs' in r.metrics, false);
  assert.equal('cpuHostPercent' in r.metrics, false);
  assert.equal(r.metrics.rttMinUs, raw('tcp.json').end.streams[0].sender.min_rtt);
  assert.ok(r.warnings.some((w) => /nan/.test(w)));
});

test('non-object and empty inputs are failures, never throws', () => {
  for (const input of ['', '   \n', '[]', 'null', '42', '"x"', '{', '{}', '{"end":{}}', 'iperf3: error']) {
    const r = parseIperf3Json(input);
    assert.equal(r.ok, false, JSON.stringify(input));
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
});
