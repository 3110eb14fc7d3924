// veth's NAPI path for UDP: GRO on, threaded NAPI on/off, rx-udp-gro-forwarding on/off. threaded needs NAPI,
// so it is applied after GRO; the gro=off baseline runs once without the NAPI knobs.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'napi',
  description: 'GRO + threaded NAPI + rx-udp-gro-forwarding, UDP 1400-byte datagrams and TCP with TSO off',
  topology: { kind: 'pair' },
  matrix: {
    gro: ['on'],
    threaded: ['off', 'on'],
    'rx-udp-gro-forwarding': ['off', 'on'],
  },
  workloads: [
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
    { tool: 'iperf3', protocol: 'tcp' },
  ],
  repetitions: 3,
  durationS: 5,
});
