// sockperf ping-pong latency (half the round trip, µs) over TCP and UDP for small and MTU-sized messages, each
// measured idle and again while an iperf3 TCP stream saturates the same veth pair.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'latency',
  description: 'sockperf ping-pong p50/p90/p99/p99.9/max, TCP and UDP, 64 and 1400 bytes, idle and under load',
  topology: { kind: 'pair' },
  workloads: [
    { tool: 'sockperf', protocol: 'udp', messageBytes: 64, underLoad: true },
    { tool: 'sockperf', protocol: 'tcp', messageBytes: 64, underLoad: true },
    { tool: 'sockperf', protocol: 'udp', messageBytes: 1400, underLoad: true },
    { tool: 'sockperf', protocol: 'tcp', messageBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 0,
});
