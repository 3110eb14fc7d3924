// The 12-point sweep scripts/bench-overhead.sh times: offloads × MTU on one veth pair, TCP.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'overhead-sweep',
  description: 'gro × tso × mtu (12 points) for measuring the time spent outside measurement',
  topology: { kind: 'pair' },
  matrix: { mtu: [1500, 9000, 65535], gro: ['off', 'on'], tso: ['on', 'off'] },
  workloads: [{ tool: 'iperf3', protocol: 'tcp' }],
  repetitions: 1,
  durationS: 5,
  omitS: 0,
});
