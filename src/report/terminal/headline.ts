// The few figures of one sample that a progress line shows, per workload kind, in the registry's units and the one
// formatter's digits (src/metrics/format.ts), so a progress line reads like the table at the end.
import type { MetricName } from '../../metrics/registry.ts';
import { formatMetric, formatValue } from '../../metrics/format.ts';
import type { SampleMetrics } from '../../results/metrics.ts';
import type { ResolvedWorkload } from '../../scenario/scenario.ts';
import { kindHeadline } from './workload-headlines.ts';

export function sampleHeadline(workload: ResolvedWorkload, m: SampleMetrics): string {
  const v = (name: MetricName & keyof SampleMetrics): string => formatMetric(m[name], name);
  switch (workload.tool) {
    case 'sockperf': {
      const idle = `latency p50 ${v('latencyP50Us')}, p99 ${v('latencyP99Us')}`;
      return workload.underLoad ? `${idle}; under load p50 ${v('loadedLatencyP50Us')}, p99 ${v('loadedLatencyP99Us')}` : idle;
    }
    case 'density': {
      const target = m.pairsMeetingTarget !== undefined ? `, ${m.pairsMeetingTarget}/${m.pairs} pairs met the target` : '';
      return `${v('aggregateThroughputBps')} over ${m.pairs ?? '–'} pairs, fairness ${v('fairnessIndex')}${target}`;
    }
    case 'setup-cost':
      return `create ${v('createMeanMs')} (p99 ${v('createP99Ms')}), delete ${v('deleteMeanMs')} (p99 ${v('deleteP99Ms')}), ${m.createSamples ?? '–'}+${m.deleteSamples ?? '–'} samples`;
    case 'iperf3': {
      const loss = m.lossPercent !== undefined ? `, loss ${formatValue(m.lossPercent, '%')}` : '';
      const pps = m.pps !== undefined ? `, ${v('pps')}` : '';
      return `${v('throughputBps')}${loss}${pps}`;
    }
    case 'rr': case 'crr': case 'flows': case 'pps':
      return kindHeadline(workload, m as Readonly<Record<string, number | undefined>>) ?? '';
  }
}
