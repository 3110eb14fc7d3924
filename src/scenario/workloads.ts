// Pure: one validated workload entry → the resolved workloads it stands for, each with its label and defaults.
// Density (one per pair count) and setup-cost (one per mode) entries stand for several points.
import { resolveCrr } from './crr-spec.ts';
import { resolveFlows } from './flows-spec.ts';
import { resolvePps } from './pps-spec.ts';
import { resolveRr } from './rr-spec.ts';
import type { ResolvedWorkload } from './scenario.ts';
import type { ValidWorkloadInput } from './schema.ts';

/** 131072 → "128K", 1048576 → "1M", 1000 → "1000". */
function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}M`;
  if (bytes % 1024 === 0) return `${bytes / 1024}K`;
  return String(bytes);
}

function iperf3Workload(w: Extract<ValidWorkloadInput, { tool: 'iperf3' }>): ResolvedWorkload {
  const streams = w.streams ?? 1;
  const P = streams > 1 ? `-P${streams}` : '';
  if (w.protocol === 'tcp') {
    const reverse = w.reverse ?? false;
    const label = w.name ?? [
      `tcp${P}`, reverse ? 'R' : '', w.bidir ? 'bidir' : '', w.blockBytes ? `l${sizeText(w.blockBytes)}` : '',
      w.zerocopy ? 'Z' : '', w.congestion ?? '',
    ].filter(Boolean).join('-');
    return {
      label, tool: 'iperf3', protocol: 'tcp', streams, reverse,
      ...(w.bidir ? { bidir: true as const } : {}),
      ...(w.blockBytes ? { blockBytes: w.blockBytes } : {}),
      ...(w.zerocopy ? { zerocopy: true as const } : {}),
      ...(w.congestion ? { congestion: w.congestion } : {}),
    };
  }
  const bitrate = w.bitrate ?? '0';
  const lengthBytes = w.lengthBytes ?? 1400;
  const senders = w.senders ?? 1;
  const label = w.name ?? `udp-${lengthBytes}B${P}${bitrate === '0' ? '' : `-${bitrate}`}${senders > 1 ? `-x${senders}` : ''}`;
  return { label, tool: 'iperf3', protocol: 'udp', streams, bitrate, lengthBytes, ...(senders > 1 ? { senders } : {}) };
}

export function resolveWorkloads(w: ValidWorkloadInput): ResolvedWorkload[] {
  switch (w.tool) {
    case 'iperf3':
      return [iperf3Workload(w)];
    case 'sockperf': {
      const messageBytes = w.messageBytes ?? 64;
      const underLoad = w.underLoad ?? false;
      return [{ label: w.name ?? `pingpong-${w.protocol}-${messageBytes}B`, tool: 'sockperf', protocol: w.protocol, messageBytes, underLoad }];
    }
    case 'density': {
      const protocol = w.protocol ?? 'tcp';
      const bitrate = w.bitrate ?? '0';
      const base = w.name ?? `density-${protocol}${bitrate === '0' ? '' : `-${bitrate}`}`;
      return w.pairs.map((pairs) => ({ label: `${base}-n${pairs}`, tool: 'density', protocol, pairs, bitrate, lengthBytes: w.lengthBytes ?? 1400 }));
    }
    case 'setup-cost': {
      const pairs = w.pairs ?? 1;
      const base = w.name ?? `setup${pairs > 1 ? `-x${pairs}` : ''}`;
      return (w.modes ?? (['batched', 'one-at-a-time'] as const)).map((mode) => ({
        label: `${base}-${mode}`, tool: 'setup-cost', mode, pairs, minIterations: w.minIterations ?? 5,
      }));
    }
    case 'rr': return resolveRr(w);
    case 'crr': return resolveCrr(w);
    case 'flows': return resolveFlows(w);
    case 'pps': return resolvePps(w);
  }
}

/** Workloads that send client → server over the scenario's topology the other way round (-R). */
export function isReverse(w: ResolvedWorkload): boolean {
  return w.tool === 'iperf3' && w.protocol === 'tcp' && w.reverse;
}
