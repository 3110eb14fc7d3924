// The few figures of one sample that a progress line shows, per workload kind.
import type { SampleMetrics } from '../../results/metrics.ts';
import type { ResolvedWorkload } from '../../scenario/scenario.ts';
import { fixed, gbps } from '../../metrics/format.ts';
import { kindHeadline } from '../../workloads/headlines.ts';

export function sampleHeadline(workload: ResolvedWorkload, m: SampleMetrics): string {
  switch (workload.tool) {
    case 'sockperf': {
      const idle = `latency p50 ${fixed(m.latencyP50Us, 1)} µs, p99 ${fixed(m.latencyP99Us, 1)} µs`;
      return workload.underLoad ? `${idle}; under load p50 ${fixed(m.loadedLatencyP50Us, 1)} µs, p99 ${fixed(m.loadedLatencyP99Us, 1)} µs` : idle;
    }
    case 'density': {
      const target = m.pairsMeetingTarget !== undefined ? `, ${m.pairsMeetingTarget}/${m.pairs} pairs met the target` : '';
      return `${gbps(m.aggregateThroughputBps)} Gbit/s over ${m.pairs ?? '–'} pairs, fairness ${fixed(m.fairnessIndex, 3)}${target}`;
    }
    case 'setup-cost':
      return `create ${fixed(m.createMeanMs, 2)} ms (p99 ${fixed(m.createP99Ms, 2)}), delete ${fixed(m.deleteMeanMs, 2)} ms (p99 ${fixed(m.deleteP99Ms, 2)}), ${m.createSamples ?? '–'}+${m.deleteSamples ?? '–'} samples`;
    case 'iperf3': {
      const loss = m.lossPercent !== undefined ? `, loss ${m.lossPercent.toFixed(2)}%` : '';
      const pps = m.pps !== undefined ? `, ${(m.pps / 1e6).toFixed(3)} Mpps` : '';
      return `${gbps(m.throughputBps)} Gbit/s${loss}${pps}`;
    }
    case 'rr': case 'crr': case 'flows': case 'pps':
      return kindHeadline(workload, m as Readonly<Record<string, number | undefined>>) ?? '';
  }
}
