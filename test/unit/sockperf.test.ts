// sockperf: argument vectors, and the parser against real captured 3.7 output (test/fixtures/sockperf).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SockperfWorkload } from '../../src/scenario/scenario.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { sockperfClientCommand, sockperfServerCommand } from '../../src/tools/sockperf-args.ts';
import { parseSockperfOutput } from '../../src/tools/sockperf-parse.ts';

const text = (name: string): string => readFileSync(new URL(`../fixtures/sockperf/${name}`, import.meta.url), 'utf8');

function ok(name: string) {
  const r = parseSockperfOutput(text(name));
  assert.equal(r.ok, true, `${name}: ${r.ok ? '' : r.reason}`);
  if (!r.ok) throw new Error('unreachable');
  return r;
}

describe('parseSockperfOutput', () => {
  it('udp-64.txt: every percentile, mean, spread and count as sockperf printed them', () => {
    const r = ok('udp-64.txt');
    assert.equal(r.version, 'sockperf 3.7-no.git');
    assert.deepEqual(r.metrics, {
      latencyMeanUs: 3.209, latencyStdDevUs: 2.347, latencyMinUs: 2.88, latencyMaxUs: 418.227,
      latencyObservations: 85117, messagesDropped: 0,
      latencyP50Us: 3.107, latencyP90Us: 3.293, latencyP99Us: 5.79, latencyP999Us: 9.59,
    });
    assert.deepEqual(r.warnings, []);
  });

  it('reads TCP, bigger messages and loaded runs the same way', () => {
    assert.deepEqual(
      ['tcp-64.txt', 'udp-1400.txt', 'udp-64-loaded.txt', 'tcp-64-loaded.txt'].map((f) => {
        const m = ok(f).metrics;
        return [m.latencyP50Us, m.latencyP99Us, m.latencyMaxUs];
      }),
      [[5.508, 12.35, 2691.186], [4.851, 22.314, 8022.943], [3.132, 6.097, 2287.47], [3.372, 15.002, 226.392]],
    );
  });

  it('keeps the percentiles in order: min ≤ p50 ≤ p90 ≤ p99 ≤ p99.9 ≤ max', () => {
    for (const f of ['udp-64.txt', 'tcp-64.txt', 'udp-1400.txt', 'udp-64-loaded.txt', 'tcp-64-loaded.txt']) {
      const m = ok(f).metrics;
      const chain = [m.latencyMinUs, m.latencyP50Us, m.latencyP90Us, m.latencyP99Us, m.latencyP999Us, m.latencyMaxUs] as number[];
      assert.deepEqual([...chain].sort((a, b) => a - b), chain, f);
    }
  });

  it('a refused TCP connection is a failure in sockperf\'s words, although sockperf exited 0', () => {
    assert.deepEqual(parseSockperfOutput(text('tcp-refused.txt')), { ok: false, reason: 'Can`t connect socket (errno=111 Connection refused)', version: 'sockperf 3.7-no.git' });
  });

  it('no replies (UDP, nobody listening) is a failure, never a latency of 0', () => {
    const r = parseSockperfOutput(text('udp-noserver.txt'));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /no replies from the sockperf server/);
  });

  it('output cut before the percentiles, or empty, is a failure that says so', () => {
    const full = text('udp-64.txt');
    const cut = parseSockperfOutput(full.slice(0, full.indexOf('Summary:')));
    assert.equal(cut.ok, false);
    assert.match(cut.ok ? '' : cut.reason, /no latency summary \(missing latencyMeanUs, latencyP50Us, latencyP99Us\)/);
    assert.deepEqual(parseSockperfOutput(''), { ok: false, reason: 'sockperf printed nothing' });
  });

  it('warns when the percentiles rest on few observations', () => {
    const few = text('udp-64.txt').replace('Total 85117 observations', 'Total 120 observations');
    const r = parseSockperfOutput(few);
    assert.equal(r.ok && r.warnings[0], 'only 120 observations: the upper percentiles rest on a handful of messages');
  });
});

describe('sockperf argument vectors', () => {
  const t = resolveTopology({ kind: 'pair' }, 'vb5a00');
  const w = (protocol: 'tcp' | 'udp'): SockperfWorkload => ({ label: 'x', tool: 'sockperf', protocol, messageBytes: 1400, underLoad: false });

  it('the server serves one protocol, bound to the server address, inside the server namespace', () => {
    assert.deepEqual(sockperfServerCommand(t.server, 20100, 'udp'), { argv: ['sockperf', 'server', '-i', '198.18.0.2', '-p', '20100'], netns: 'vb5a00-srv' });
    assert.deepEqual(sockperfServerCommand(t.server, 20100, 'tcp').argv.slice(0, 3), ['sockperf', 'server', '--tcp']);
  });

  it('the ping-pong client binds the client address and carries size and duration', () => {
    assert.deepEqual(sockperfClientCommand(t.client, t.server, 20100, w('tcp'), 5), {
      argv: ['sockperf', 'ping-pong', '--tcp', '-i', '198.18.0.2', '-p', '20100', '--client_ip', '198.18.0.1', '-t', '5', '-m', '1400'],
      netns: 'vb5a00-cli',
    });
    assert.equal(sockperfClientCommand(t.client, t.server, 20100, w('udp'), 5).argv.includes('--tcp'), false);
  });
});
