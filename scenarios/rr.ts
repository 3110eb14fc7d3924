// Request/response rate (netperf TCP_RR / UDP_RR): iperf2 bounceback (TCP), sockperf ping-pong (UDP), one request in flight per flow, back to back.
// Transactions/s and round-trip times for 1 and 8 flows, small and large messages. Run: vethbench run scenarios/rr.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'rr',
  description: 'Request/response rate over one veth pair: transactions/s and round-trip times, TCP (64 B to 64 KiB) and UDP, 1 and 8 flows',
  topology: { kind: 'pair' },
  workloads: [
    { tool: 'rr', protocol: 'tcp', messageBytes: [64, 1024, 65536], flows: [1, 8] },
    // UDP_RR runs on sockperf ping-pong (iperf2 2.1.8 has no UDP bounceback).
    { tool: 'rr', protocol: 'udp', messageBytes: [64], flows: [1, 8] },
  ],
  repetitions: 5,
  durationS: 5,
  omitS: 0,
});
