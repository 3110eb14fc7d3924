// Global socket-buffer sysctls (net.core.rmem_max, wmem_max, rmem_default, wmem_default). They cap SO_SNDBUF /
// SO_RCVBUF (iperf3 -w) in every namespace, so they are journaled before the first change and restored after.
import { z } from 'zod';
import { GLOBAL_SYSCTLS } from './global-sysctl-keys.ts';
import { sysctlFileForm } from './apply-lines.ts';
import { runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';


/** The place their read-back values are recorded under. */
export const HOST_PLACE = 'host';

/** Sets the global sysctls of `keys` (knob → sysctl) present in `settings`, each journaled first, and reads them back. */
export async function applyJournaledSysctls(ctx: KnobContext, settings: KnobSettings, keys: Readonly<Record<string, string>>): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  const locked = ctx.shell.lockSysctlJournal();
  if (locked) return { ...outcome, refused: locked };
  for (const [knob, key] of Object.entries(keys).filter(([k]) => settings[k] !== undefined)) {
    const notJournaled = await ctx.shell.journalOriginal(ctx.host, key);
    if (notJournaled) return { ...outcome, refused: notJournaled };
    const refused = await runKnobCommand(ctx.host, ['sysctl', '-q', '-w', `${key}=${settings[knob]}`], undefined);
    if (refused) return { ...outcome, refused };
    const r = await ctx.host.exec(['sysctl', '-n', key], { timeoutMs: 10_000 });
    if (r.exitCode === 0) outcome.effective[HOST_PLACE] = { ...outcome.effective[HOST_PLACE], [knob]: Number(r.stdout.trim()) };
  }
  return outcome;
}

const bytes = z.int().min(4096).max(2 ** 31 - 1);

export const globalSysctlFamily = {
  knobs: Object.keys(GLOBAL_SYSCTLS),
  // Mapped over GLOBAL_SYSCTLS' own keys, so their documentation shows in editors.
  valueSchemas: Object.fromEntries(Object.keys(GLOBAL_SYSCTLS).map((k) => [k, bytes])) as { [K in keyof typeof GLOBAL_SYSCTLS]: typeof bytes },
  apply: (ctx, settings) => applyJournaledSysctls(ctx, settings, GLOBAL_SYSCTLS),
  commands: (_ctx, settings) => Object.entries(GLOBAL_SYSCTLS).filter(([k]) => settings[k] !== undefined)
    .flatMap(([knob, key]) => [{ argv: ['sysctl', '-n', key] }, { argv: ['sysctl', '-q', '-w', `${key}=${settings[knob]}`] }]),
  applyLines: (settings) => Object.entries(GLOBAL_SYSCTLS).filter(([k]) => settings[k] !== undefined).map(([knob, key]) => ({
    knob, value: settings[knob]!, command: `sysctl -w ${key}=${settings[knob]} (global: in the root namespace, for every namespace)`,
    // One value for the whole host: the sysctl.d file reaches containers; the CNI tuning plugin cannot set it.
    persistent: [{ ...sysctlFileForm(key, settings[knob]!, ''), reachesContainers: true, note: 'global: one value shared by every network namespace, containers included; a container cannot set it itself' }],
  })),
} satisfies KnobFamily;
