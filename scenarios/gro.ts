// GRO × TSO on a veth pair, for TCP and UDP. Shows the kernel fact: with TSO on at the sender, veth passes
// the large TCP segments through and GRO changes nothing; GRO's NAPI path shows for UDP and for TSO-off senders.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'gro',
  description: 'GRO × TSO on a veth pair, TCP (1 stream) and UDP (1400-byte datagrams, unlimited rate)',
  topology: { kind: 'pair' },
  matrix: {
    gro: ['off', 'on'],
    tso: ['on', 'off'],
  },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
