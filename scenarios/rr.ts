// Request/response rate (netperf TCP_RR): iperf2 bounceback, one request in flight per flow, back to back.
// Transactions/s and round-trip times for 1 and 8 flows, small and large messages. Run: vethbench run scenarios/rr.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'rr',
  description: 'TCP request/response rate over one veth pair: transactions/s and round-trip times, 1 and 8 flows, 64 B to 64 KiB',
  topology: { kind: 'pair' },
  workloads: [{ tool: 'rr', protocol: 'tcp', messageBytes: [64, 1024, 65536], flows: [1, 8] }],
  repetitions: 5,
  durationS: 5,
  omitS: 0,
});
