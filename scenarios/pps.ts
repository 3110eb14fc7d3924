// Packet-rate ceiling: trafgen floods 64-byte UDP frames into one veth end, counted where they arrive, next to one
// iperf3 sender's 64-byte flood for scale. Run: vethbench run scenarios/pps.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'pps',
  description: 'The 64-byte packet rate of one veth: trafgen (1 and 2 sender CPUs, counted at the receiver) against one iperf3 UDP sender',
  topology: { kind: 'pair' },
  workloads: [
    { tool: 'pps', frameBytes: 64, cpus: [1, 2] },
    { tool: 'iperf3', protocol: 'udp', lengthBytes: 22, name: 'iperf3-udp-64B-frame' },
  ],
  repetitions: 5,
  durationS: 5,
  omitS: 0,
});
