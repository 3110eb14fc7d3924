// Knobs that are iperf3 options rather than host state: the socket buffer (-w) and CPU placement (-A).
// Nothing is applied to the host; the client command carries them, and the effective buffer is read from
// iperf3's own JSON afterwards, because the kernel doubles it and caps it at net.core.*mem_max silently.
import { z } from 'zod';

import type { KnobFamily, KnobSettings } from './types.ts';

/** "same-core" pins client and server to CPU 0; "cross-core" puts them on CPUs 0 and 1; or "n,m" explicitly.
 *  "unpinned" (the default: no -A) has no argument; what 0,0 and 0,1 are on a host: src/plan/cpu-placement.ts. */
export function affinityArgument(value: string): string | undefined {
  if (value === 'unpinned') return undefined;
  if (value === 'same-core') return '0,0';
  if (value === 'cross-core') return '0,1';
  return value;
}

export function iperf3KnobArgs(settings: KnobSettings): string[] {
  return [
    ...(settings.window !== undefined ? ['-w', String(settings.window)] : []),
    ...(settings.affinity !== undefined && affinityArgument(String(settings.affinity)) !== undefined ? ['-A', affinityArgument(String(settings.affinity))!] : []),
  ];
}

/** The place the iperf3-side effective values are recorded under. */
export const IPERF3_PLACE = 'iperf3';

/** Half the smaller granted buffer: the kernel doubles SO_SNDBUF/SO_RCVBUF, so this is comparable to -w. */
export function effectiveWindow(sockets: Iperf3Sockets | undefined): number | undefined {
  const granted = [sockets?.sndbufActualBytes, sockets?.rcvbufActualBytes].filter((v): v is number => v !== undefined);
  return granted.length ? Math.min(...granted) / 2 : undefined;
}

export const iperf3Family = {
  knobs: ['window', 'affinity'],
  /** Nobody pins by default: the scheduler places client and server. */
  kernelDefault: { affinity: 'unpinned' },
  valueSchemas: {
    /** iperf3 -w: socket buffer in bytes (the kernel doubles it and caps it at *mem_max; the granted size is recorded). */
    window: z.int().min(1024).max(2 ** 30),
    /** iperf3 -A: "unpinned" (no -A, the default), "same-core", "cross-core" or "client,server" CPU numbers. */
    affinity: z.string().regex(/^(unpinned|same-core|cross-core|\d{1,4}(,\d{1,4})?)$/, { message: 'expected "unpinned", "same-core", "cross-core" or CPU numbers "client,server" such as "0,1"' }),
  },
  apply: async (_ctx, _settings) => ({ effective: {}, warnings: [] }),
  commands: (_ctx, _settings) => [],
  // Application settings, not host state: they go where the application is configured.
  applyLines: (settings) => [
    ...(settings.window === undefined ? [] : [{
      knob: 'window', value: settings.window, command: `the application's SO_SNDBUF/SO_RCVBUF = ${settings.window} bytes (iperf3 -w ${settings.window})`,
      persistent: [{ form: 'the application\'s own configuration', reachesContainers: true, note: 'capped by the global net.core.wmem_max/rmem_max, doubled by the kernel; setting it switches TCP autotuning off for that socket' }],
    }]),
    ...(settings.affinity === undefined || affinityArgument(String(settings.affinity)) === undefined ? [] : [{
      knob: 'affinity', value: settings.affinity, command: `taskset -c <cpus> <application> (client,server CPUs ${affinityArgument(String(settings.affinity))!})`,
      persistent: [{ form: 'CPUAffinity= in the service\'s systemd unit, or the container\'s cpuset (--cpuset-cpus)', reachesContainers: true }],
    }]),
  ],
} satisfies KnobFamily;

export interface Iperf3Sockets {
  /** -w as iperf3 passed it to setsockopt (0 when not given). */
  requestedBytes?: number;
  /** What getsockopt returned: the kernel doubles the request and caps it at net.core.wmem_max / rmem_max. */
  sndbufActualBytes?: number;
  rcvbufActualBytes?: number;
}
