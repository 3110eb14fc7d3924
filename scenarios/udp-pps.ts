// UDP packet rate: 64/256/512/1472-byte datagrams at -b 0 (unlimited), from one sender process and from two
// (each to its own server port, rates added up), with GRO off and on at the receiver's NAPI path.
// On a 2-vCPU VM a second sender competes with the receivers for the same two cores: compare, do not assume.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'udp-pps',
  description: 'iperf3 UDP -b 0 packet rate by datagram size, 1 and 2 sender processes, GRO off/on',
  topology: { kind: 'pair' },
  matrix: { gro: ['off', 'on'] },
  workloads: [
    ...[64, 256, 512, 1472].map((lengthBytes) => ({ tool: 'iperf3' as const, protocol: 'udp' as const, bitrate: '0', lengthBytes })),
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 64, senders: 2 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
