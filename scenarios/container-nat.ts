// A container reaching the outside through NAT on its host: container → host (forwarding + nftables MASQUERADE,
// all inside the tool's own "host" namespace, never the root one) → remote. Compare with scenarios/tcp-streams.ts
// (direct pair) and a router topology for the cost of conntrack + NAT on top of plain forwarding.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'container-nat',
  description: 'container → host (MASQUERADE) → remote: TCP 1 and 4 streams, UDP 1400-byte datagrams',
  topology: { kind: 'hostContainer' },
  matrix: {},
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
