// Busy polling and the backlog: global net.core.busy_poll, busy_read (µs) and netdev_max_backlog (packets). They are
// shared by every namespace, so, like rmem_max, the original is journaled on disk before the first change and the
// run (or `vethbench cleanup` after a crash) restores it byte for byte.
import { z } from 'zod';
import { HOST_PLACE } from './global-sysctl-family.ts';
import { BUSY_POLL_SYSCTLS } from './global-sysctl-keys.ts';
import { sysctlDForm } from './apply-line-forms.ts';
import { journalOriginal, lockSysctlJournal } from './sysctl-journal.ts';
import { runKnobCommand, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

type BusyKnob = keyof typeof BUSY_POLL_SYSCTLS;
const present = (settings: KnobSettings): [BusyKnob, string][] =>
  (Object.entries(BUSY_POLL_SYSCTLS) as [BusyKnob, string][]).filter(([k]) => settings[k] !== undefined);

async function applyBusyPoll(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  const locked = lockSysctlJournal();
  if (locked) return { ...outcome, refused: locked };
  for (const [knob, key] of present(settings)) {
    const notJournaled = await journalOriginal(ctx.host, key);
    if (notJournaled) return { ...outcome, refused: notJournaled };
    const refused = await runKnobCommand(ctx.host, ['sysctl', '-q', '-w', `${key}=${settings[knob]}`], undefined);
    if (refused) return { ...outcome, refused };
    const r = await ctx.host.exec(['sysctl', '-n', key], { timeoutMs: 10_000 });
    if (r.exitCode === 0) outcome.effective[HOST_PLACE] = { ...outcome.effective[HOST_PLACE], [knob]: Number(r.stdout.trim()) };
  }
  return outcome;
}

export function busyPollApplyLines(settings: KnobSettings): ApplyLine[] {
  return present(settings).map(([knob, key]) => ({
    knob,
    value: settings[knob]!,
    command: `sysctl -w ${key}=${settings[knob]}`,
    // Global: one value for the whole host, container namespaces included (they cannot set their own).
    persistent: [sysctlDForm(key, settings[knob]!, 'a global sysctl: one value for the host and every container namespace (they cannot set their own, so the CNI tuning plugin cannot either)')]
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
  apply: applyBusyPoll,
  commands: (_ctx, settings) => present(settings).flatMap(([knob, key]) => [{ argv: ['sysctl', '-n', key] }, { argv: ['sysctl', '-q', '-w', `${key}=${settings[knob]}`] }]),
  applyLines: busyPollApplyLines,
} satisfies KnobFamily;
