// The docker0 model: containers on a Linux bridge in a "host" namespace, container 0 → container N-1 through it.
// Compare with scenarios/tcp-streams.ts (a direct veth pair) for the bridge's cost. Containers: 2 (set
// `containers` to 4 or 8 to see whether idle ports on the bridge change anything — with a learned FDB they should not).
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'bridge',
  description: 'container ⇄ bridge ⇄ container (docker0 model): TCP 1 and 4 streams, UDP 1400-byte datagrams',
  topology: { kind: 'bridge', containers: 2 },
  matrix: { gro: ['off', 'on'] },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
