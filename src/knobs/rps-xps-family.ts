// RPS/XPS: per-queue CPU masks (/sys/class/net/<dev>/queues/rx-N/rps_cpus, tx-N/xps_cpus), written in every queue of
// the device from inside its namespace and read back. Masks are hex as the kernel prints them ("3", "ff",
// "ffffffff,ffffffff"); a mask naming a CPU the host does not have is refused before anything is built.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { sysfsCommand, udevRunForm } from './apply-lines.ts';
import { listSysfsCommand, readSysfs, readSysfsCommand, writeSysfs, writeSysfsCommand } from './sysfs.ts';
import { endsFor, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export const QUEUE_MASKS = {
  rpsCpus: { prefix: 'rx-', file: 'rps_cpus' },
  xpsCpus: { prefix: 'tx-', file: 'xps_cpus' },
} as const;
type MaskKnob = keyof typeof QUEUE_MASKS;
const present = (settings: KnobSettings): MaskKnob[] => (Object.keys(QUEUE_MASKS) as MaskKnob[]).filter((k) => settings[k] !== undefined);

const MASK = /^[0-9a-f]{1,8}(,[0-9a-f]{8})*$/i;

/** The mask's value; the kernel's comma-separated 32-bit groups joined. */
export function maskValue(mask: string): bigint {
  return BigInt(`0x${mask.replace(/,/g, '') || '0'}`);
}

/** The mask as vethbench records it: lower-case hex without leading zeros or group commas ("00000003" → "3"). */
export function normalizeMask(mask: string): string {
  return maskValue(mask).toString(16);
}

/** Why `mask` names a CPU this host lacks, or undefined. */
export function maskCpuProblem(mask: string, possibleCpus: number): string | undefined {
  const value = maskValue(mask);
  const highest = value.toString(2).length - 1;
  if (value === 0n || highest < possibleCpus) return undefined;
  const all = ((1n << BigInt(possibleCpus)) - 1n).toString(16);
  return `mask ${mask} names CPU ${highest}, but this host has CPUs 0–${possibleCpus - 1}; use at most ${all} (0 turns it off)`;
}

/** Queue names (rx-0, tx-0 …) of `ls /sys/class/net/<dev>/queues`, for one direction. */
export function parseQueues(text: string, prefix: 'rx-' | 'tx-'): string[] {
  return text.split(/\s+/).filter((q) => q.startsWith(prefix) && /^\w+-\d+$/.test(q)).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
}

const endsOf = (ctx: Omit<KnobContext, 'host'>, knob: MaskKnob): Endpoint[] => endsFor(ctx, ctx.sides[knob] ?? 'both');

/** plan's view: queue 0 stands for every queue the device has when applied (listed first). */
function commandsFor(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): HostCommand[] {
  return present(settings).flatMap((knob) => endsOf(ctx, knob).flatMap((end) => {
    const file = `queues/${QUEUE_MASKS[knob].prefix}0/${QUEUE_MASKS[knob].file}`;
    return [listSysfsCommand(end, 'queues'), writeSysfsCommand(end, file, String(settings[knob])), readSysfsCommand(end, file)];
  }));
}

async function possibleCpus(ctx: KnobContext): Promise<number | undefined> {
  const r = await ctx.host.exec(['cat', '/sys/devices/system/cpu/possible'], { timeoutMs: 10_000 });
  const m = /^(?:\d+-)?(\d+)\s*$/.exec(r.stdout.trim());
  return r.exitCode === 0 && m ? Number(m[1]) + 1 : undefined;
}

async function applyMasks(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  const cpus = await possibleCpus(ctx);
  for (const knob of present(settings)) {
    const mask = String(settings[knob]);
    const tooWide = cpus === undefined ? undefined : maskCpuProblem(mask, cpus);
    if (tooWide) return { ...outcome, refused: `${knob}: ${tooWide}` };
    const { prefix, file } = QUEUE_MASKS[knob];
    for (const end of endsOf(ctx, knob)) {
      const list = listSysfsCommand(end, 'queues');
      const queues = parseQueues((await ctx.host.exec(list.argv, { netns: list.netns, timeoutMs: 10_000 })).stdout, prefix);
      if (!queues.length) return { ...outcome, refused: `${end.iface}: no ${prefix}N queues in /sys/class/net/${end.iface}/queues (inside ${end.netns})` };
      const got = new Set<string>();
      for (const queue of queues) {
        const refused = await writeSysfs(ctx, end, `queues/${queue}/${file}`, mask);
        if (refused) return { ...outcome, refused };
        const text = await readSysfs(ctx, end, `queues/${queue}/${file}`);
        got.add(text === undefined ? 'unreadable' : normalizeMask(text));
      }
      const effective = got.size === 1 ? [...got][0]! : [...got].join('|');
      outcome.effective[end.iface] = { ...outcome.effective[end.iface], [knob]: effective };
      if (effective !== normalizeMask(mask)) outcome.warnings.push(`${end.iface}: ${knob} requested ${mask} but is ${effective}`);
    }
  }
  return outcome;
}

export function rpsXpsApplyLines(settings: KnobSettings): ApplyLine[] {
  return present(settings).map((knob) => {
    const { prefix, file } = QUEUE_MASKS[knob];
    const value = String(settings[knob]);
    return {
      knob,
      value,
      command: `for q in /sys/class/net/<dev>/queues/${prefix}*; do ${sysfsCommand(`queues/$(basename $q)/${file}`, value)}; done`,
      persistent: [udevRunForm(`/bin/sh -c 'for q in /sys/class/net/<dev>/queues/${prefix}*; do echo ${value} > $q/${file}; done'`)],
    };
  });
}

const mask = z.string().regex(MASK, { message: 'expected a hex CPU mask as the kernel prints it, e.g. "1" (CPU 0), "3" (CPUs 0–1), "0" (off), or 32-bit groups "ffffffff,ffffffff"' });

export const rpsXpsFamily = {
  knobs: Object.keys(QUEUE_MASKS) as MaskKnob[],
  kernelDefault: { rpsCpus: '0', xpsCpus: '0' },
  sided: true,
  valueSchemas: {
    /** /sys/class/net/<dev>/queues/rx-N/rps_cpus of every rx queue: hex CPU mask ("0" off, "3" CPUs 0–1), within the host's CPUs. */
    rpsCpus: mask,
    /** /sys/class/net/<dev>/queues/tx-N/xps_cpus of every tx queue: hex CPU mask, within the host's CPUs; matters with txChannels > 1. */
    xpsCpus: mask,
  },
  apply: applyMasks,
  commands: commandsFor,
  applyLines: rpsXpsApplyLines,
} satisfies KnobFamily;
