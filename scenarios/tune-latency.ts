// For `vethbench tune scenarios/tune-latency.ts --objective latencyP99Us`: which veth settings give the lowest
// 99th-percentile UDP ping-pong latency (sockperf, 64 B): GRO (veth's NAPI path) × root qdisc × rx channels (only
// with GRO on: channels need NAPI), 6 candidates. Threaded NAPI is left out for now: writing its default (0) to
// /sys/class/net/<dev>/threaded without NAPI is refused by the kernel, so the host-defaults point could not run.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'tune-latency',
  description: 'Tuning target: sockperf UDP 64 B p99 latency over GRO × qdisc × rx channels (with GRO on)',
  topology: { kind: 'pair' },
  matrix: {
    qdisc: ['noqueue', 'pfifo_fast'],
    gro: ['off', 'on'],
    rxChannels: [1, 2],
  },
  exclude: [{ gro: 'off', rxChannels: 2 }],
  workloads: [{ tool: 'sockperf', protocol: 'udp', messageBytes: 64 }],
  repetitions: 3,
  durationS: 3,
  omitS: 0,
});
