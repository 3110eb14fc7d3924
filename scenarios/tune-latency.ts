// For `vethbench tune scenarios/tune-latency.ts --objective latencyP99Us`: which veth settings give the lowest
// 99th-percentile UDP ping-pong latency (sockperf, 64 B). GRO (veth's NAPI path) × threaded NAPI × root qdisc;
// threaded NAPI needs NAPI, so it is only tried with GRO on.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'tune-latency',
  description: 'Tuning target: sockperf UDP 64 B p99 latency over GRO × threaded NAPI × qdisc',
  topology: { kind: 'pair' },
  matrix: {
    qdisc: ['noqueue', 'pfifo_fast'],
    gro: ['off', 'on'],
    threaded: ['off', 'on'],
  },
  exclude: [{ gro: 'off', threaded: 'on' }],
  workloads: [{ tool: 'sockperf', protocol: 'udp', messageBytes: 64 }],
  repetitions: 3,
  durationS: 3,
  omitS: 0,
});
