// Pure: the progress-line figures of the new workload kinds (report/terminal/headline.ts delegates here), in the registry's
// units and the one formatter's digits.
import { formatMetric } from '../../metrics/format.ts';
import type { MetricName } from '../../metrics/registry.ts';
import type { ResolvedWorkload } from '../../scenario/scenario.ts';

type Metrics = Readonly<Record<string, number | undefined>>;

export function kindHeadline(workload: ResolvedWorkload, m: Metrics): string | undefined {
  const v = (name: MetricName): string => formatMetric(m[name], name);
  switch (workload.tool) {
    case 'rr':
      return `${v('transactionsPerSecond')} over ${workload.flows} flow(s), RTT mean ${v('transactionRttMeanUs')}, p99 ≤ ${v('rttP99Us')} (${v('transactions')} round trips)`;
    case 'crr':
      return `${v('connectionsPerSecond')}, connect p50 ${v('connectP50Us')}, p99 ${v('connectP99Us')}, ${m.timeWaitSockets ?? '–'} in TIME_WAIT`;
    case 'flows':
      return `${v('aggregateThroughputBps')} over ${m.flowsReported ?? '–'}/${workload.flows} flows, fairness ${v('flowFairnessIndex')}`;
    case 'pps':
      return `offered ${v('offeredPps')}, arrived ${v('deliveredPps')} (dropped ${v('rxDroppedPps')}), CPU ${v('cpuBusyPercent')}`;
    default:
      return undefined;
  }
}
