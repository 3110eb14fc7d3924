// The nightly regression suite: short, and chosen so a real slowdown shows. TCP one stream (the veth fast path
// with TSO), UDP 64-byte datagrams (packets per second: the per-packet cost), each with GRO off and on (GRO turns
// on veth's NAPI receive path, which matters for UDP), and sockperf ping-pong latency (p50 and p99 gate, lower is
// better) over the same link. About 5 minutes at the scenario's 7 repetitions: 6 points × (1 warm-up + 7) × ~6 s.
// The nightly sizes the repetitions from the history's noise within its budget (docs/compare-nightly-ci.md).
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'nightly',
  description: 'Nightly regression suite: veth TCP 1 stream, UDP 64 B packets/s and sockperf latency, GRO off and on',
  topology: { kind: 'pair' },
  matrix: { gro: ['off', 'on'] },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', name: 'udp-64B-pps', bitrate: '0', lengthBytes: 64 },
    { tool: 'sockperf', protocol: 'udp', messageBytes: 64 },
  ],
  repetitions: 7,
  warmupRepetitions: 1,
  durationS: 5,
  omitS: 1,
});
