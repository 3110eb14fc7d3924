// K router namespaces in a line, forwarding on in each: the cost per routed hop. Run with hops 1..4 (edit `hops`)
// and compare the Gbit/s; scenarios/tcp-streams.ts is the zero-hop (direct pair) baseline.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'chain',
  description: 'client → K forwarding routers → server: TCP 1 stream and UDP 1400-byte datagrams',
  topology: { kind: 'chain', hops: 2 },
  matrix: {},
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
