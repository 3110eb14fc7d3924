// Is the receive stack what bounds the packet rate? trafgen's 64-byte frames into one veth with and without
// XDP_DROP on the receiving end: with drop every frame is counted at the receiver's rx_packets and dropped at the
// driver, so the difference is what the stack costs. Run: vethbench run scenarios/pps-xdp.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'pps-xdp',
  description: 'The 64-byte packet rate of one veth with the receive stack (xdp off) and without it (XDP_DROP at the receiver)',
  topology: { kind: 'pair' },
  matrix: { xdp: ['off', 'drop'] },
  sides: { xdp: 'receiver' },
  workloads: [{ tool: 'pps', frameBytes: 64, cpus: [1, 2] }],
  repetitions: 5,
  durationS: 5,
  omitS: 0,
});
