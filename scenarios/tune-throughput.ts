// For `vethbench tune scenarios/tune-throughput.ts --objective throughputBps`: which veth settings give one TCP
// stream the most throughput: GRO × TSO × root qdisc (txqueuelen stays at its default 1000, which pfifo_fast reads)
// × rx channels (only with GRO on: channels need NAPI), 12 candidates.
// Expect on a 2-vCPU VM: TSO off costs ~half (software segmentation); GRO, the qdisc and the channels change little.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'tune-throughput',
  description: 'Tuning target: TCP 1-stream throughput over GRO × TSO × qdisc × rx channels (with GRO on)',
  topology: { kind: 'pair' },
  matrix: {
    gro: ['off', 'on'],
    tso: ['on', 'off'],
    qdisc: ['noqueue', 'pfifo_fast'],
    rxChannels: [1, 2],
  },
  exclude: [{ gro: 'off', rxChannels: 2 }],
  workloads: [{ tool: 'iperf3', protocol: 'tcp', streams: 1 }],
  repetitions: 3,
  durationS: 3,
  omitS: 0,
});
