// MTU on both ends of the veth pair: 1500, 9000 and veth's maximum 65535. TSO hides most of the per-packet cost
// for TCP; UDP datagrams sized for each MTU show it directly.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'mtu',
  description: 'MTU 1500 / 9000 / 65535 on a veth pair, TCP and UDP 1400-byte datagrams',
  topology: { kind: 'pair' },
  matrix: { mtu: [1500, 9000, 65535] },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
});
