// Pure: the progress-line figures of the new workload kinds (report/headline.ts delegates here).
import type { ResolvedWorkload } from '../scenario/scenario.ts';

type Metrics = Readonly<Record<string, number | undefined>>;

const n = (v: number | undefined, digits = 0): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits }));

export function kindHeadline(workload: ResolvedWorkload, m: Metrics): string | undefined {
  switch (workload.tool) {
    case 'rr':
      return `${n(m.transactionsPerSecond)} transactions/s over ${workload.flows} flow(s), RTT mean ${n(m.transactionRttMeanUs, 1)} µs, p99 ≤ ${n(m.rttP99Us)} µs (${n(m.transactions)} round trips)`;
    case 'crr':
      return `${n(m.connectionsPerSecond)} connections/s, connect p50 ${n(m.connectP50Us, 1)} µs, p99 ${n(m.connectP99Us, 1)} µs, ${n(m.timeWaitSockets)} in TIME_WAIT`;
    case 'flows':
      return `${n((m.aggregateThroughputBps ?? NaN) / 1e9, 2)} Gbit/s over ${n(m.flowsReported)}/${workload.flows} flows, fairness ${n(m.flowFairnessIndex, 3)}`;
    case 'pps':
      return `offered ${n((m.offeredPps ?? NaN) / 1e6, 3)} Mpps, arrived ${n((m.deliveredPps ?? NaN) / 1e6, 3)} Mpps (dropped ${n(m.rxDroppedPps)} /s), CPU ${n(m.cpuBusyPercent)} %`;
    default:
      return undefined;
  }
}
