// qdisc × txqueuelen on a veth pair. txqueuelen only matters once a qdisc that reads it is attached (veth's
// default noqueue ignores it), so the two are swept together; noqueue and fq_codel run once each as references
// (a kernel without fq_codel skips that point with its own words).
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'txqueuelen',
  description: 'Root qdisc × txqueuelen on both veth ends, TCP 4 streams and unlimited UDP',
  topology: { kind: 'pair' },
  matrix: {
    qdisc: ['pfifo_fast', 'pfifo', 'bfifo'],
    txqueuelen: [100, 1000, 10000],
  },
  include: [{ qdisc: 'noqueue', txqueuelen: 1000 }, { qdisc: 'fq_codel', txqueuelen: 1000 }],
  workloads: [
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 1400 },
  ],
  repetitions: 3,
  durationS: 5,
});
