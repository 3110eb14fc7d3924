// Segmentation and checksum offloads on a veth pair, TCP and UDP. TSO+GSO off forces software segmentation;
// tx checksumming off also drops TSO (the read-back shows it), so that combination is run once, not swept.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'offloads',
  description: 'TSO × GSO × GRO, plus tx checksumming off, for TCP and UDP',
  topology: { kind: 'pair' },
  matrix: {
    tso: ['on', 'off'],
    gso: ['on', 'off'],
    gro: ['off', 'on'],
    tx: ['on'],
  },
  include: [{ tso: 'on', gso: 'on', gro: 'off', tx: 'off' }],
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
});
