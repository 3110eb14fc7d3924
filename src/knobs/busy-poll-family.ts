// Busy polling and the backlog: global net.core.busy_poll, busy_read (µs) and netdev_max_backlog (packets). They are
// shared by every namespace, so, like rmem_max, the original is journaled on disk before the first change and the
// run (or `vethbench cleanup` after a crash) restores it byte for byte.
import { z } from 'zod';
import { applyJournaledSysctls } from './global-sysctl-family.ts';
import { BUSY_POLL_SYSCTLS } from './global-sysctl-keys.ts';
import { sysctlFileForm } from './apply-lines.ts';
import type { ApplyLine, KnobFamily, KnobSettings } from './types.ts';

type BusyKnob = keyof typeof BUSY_POLL_SYSCTLS;
const present = (settings: KnobSettings): [BusyKnob, string][] =>
  (Object.entries(BUSY_POLL_SYSCTLS) as [BusyKnob, string][]).filter(([k]) => settings[k] !== undefined);


export function busyPollApplyLines(settings: KnobSettings): ApplyLine[] {
  return present(settings).map(([knob, key]) => ({
    knob,
    value: settings[knob]!,
    command: `sysctl -w ${key}=${settings[knob]}`,
    // Global: one value for the whole host, container namespaces included (they cannot set their own).
    persistent: [sysctlFileForm(key, settings[knob]!, 'a global sysctl: one value for the host and every container namespace (they cannot set their own, so the CNI tuning plugin cannot either)')]
      .map((p) => ({ ...p, reachesContainers: true })),
  }));
}

const micros = z.int().min(0).max(1_000_000, { message: 'busy polling time is in µs; 0 (off) to 1,000,000' });

export const busyPollFamily = {
  knobs: Object.keys(BUSY_POLL_SYSCTLS) as BusyKnob[],
  kernelDefault: { busyPoll: 0, busyRead: 0, netdevMaxBacklog: 1000 },
  valueSchemas: {
    /** Global net.core.busy_poll in µs (0 = off) for poll/select/epoll; journaled and restored. Needs NAPI (gro on or XDP). */
    busyPoll: micros,
    /** Global net.core.busy_read in µs (0 = off) for blocking reads; journaled and restored. Needs NAPI (gro on or XDP). */
    busyRead: micros,
    /** Global net.core.netdev_max_backlog in packets: the per-CPU queue veth's non-NAPI path (gro off) feeds; journaled and restored. */
    netdevMaxBacklog: z.int().min(1).max(1_000_000_000),
  },
  apply: (ctx, settings) => applyJournaledSysctls(ctx, settings, BUSY_POLL_SYSCTLS),
  commands: (_ctx, settings) => present(settings).flatMap(([knob, key]) => [{ argv: ['sysctl', '-n', key] }, { argv: ['sysctl', '-q', '-w', `${key}=${settings[knob]}`] }]),
  applyLines: busyPollApplyLines,
} satisfies KnobFamily;
