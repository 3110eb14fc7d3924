// Pure: the registry metrics each workload kind writes that can decide an effect or gate a comparison. Keyed by
// every resolved workload's tool, so a new kind without its list does not compile; fixed from the plan, so a
// decision family's size m is known before any sampling. Whether a metric gates is the metric registry's say.
import type { MetricName } from '../metrics/registry.ts';
import type { ResolvedWorkload } from './scenario.ts';
import type { WorkloadOf } from './scenario.ts';
import type { WorkloadTool } from './scenario.ts';

const WRITTEN: { [T in WorkloadTool]: (w: WorkloadOf<T>) => MetricName[] } = {
  iperf3: (w) => (w.protocol === 'udp' ? ['pps', 'throughputBps'] : ['throughputBps', ...(w.protocol === 'tcp' && w.bidir ? ['reverseThroughputBps' as const] : [])]),
  sockperf: (w) => ['latencyP50Us', 'latencyP99Us', ...(w.underLoad ? ['loadedLatencyP50Us', 'loadedLatencyP99Us'] as const : [])],
  density: () => ['aggregateThroughputBps', 'fairnessIndex'],
  'setup-cost': () => ['createP50Ms', 'deleteP50Ms'],
  rr: () => ['transactionsPerSecond'],
  crr: () => ['connectionsPerSecond', 'connectP50Us'],
  flows: () => ['aggregateThroughputBps', 'flowFairnessIndex'],
  pps: () => ['deliveredPps'],
};

export function decidingMetricsWritten(workload: ResolvedWorkload): MetricName[] {
  return (WRITTEN[workload.tool] as (w: ResolvedWorkload) => MetricName[])(workload);
}
