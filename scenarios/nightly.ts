// The nightly regression suite: short, and chosen so a real slowdown shows. TCP one stream (the veth fast path
// with TSO), UDP 64-byte datagrams (packets per second: the per-packet cost), each with GRO off and on (GRO turns
// on veth's NAPI receive path, which matters for UDP). Latency (sockperf ping-pong) joins when the sockperf driver
// exists (a later issue). About 4 minutes: 4 points × (1 warm-up + 7 measured) × ~7 s.
// Seven repetitions per point: with Holm over 4 points, 7 vs 7 samples still reach p < 0.05 with a few overlaps.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'nightly',
  description: 'Nightly regression suite: veth TCP 1 stream and UDP 64 B packets/s, GRO off and on',
  topology: { kind: 'pair' },
  matrix: { gro: ['off', 'on'] },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', name: 'udp-64B-pps', bitrate: '0', lengthBytes: 64 },
  ],
  repetitions: 7,
  warmupRepetitions: 1,
  durationS: 5,
  omitS: 1,
});
