// veth rx/tx channels with GRO on (channels only matter on the NAPI path) × parallel streams. The maximum is
// the number of possible CPUs; a larger value is refused by the kernel and that point is skipped with its words.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'channels',
  description: 'GRO on; rx/tx channels 1 and 2 × TCP 1 and 4 streams',
  topology: { kind: 'pair' },
  matrix: {
    gro: ['on'],
    rxChannels: [1, 2],
    txChannels: [1, 2],
  },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
  ],
  repetitions: 3,
  durationS: 5,
});
