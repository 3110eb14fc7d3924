// NAPI timing per device: gro_flush_timeout (ns) and napi_defer_hard_irqs (/sys/class/net/<dev>/), written from
// inside the device's namespace and read back. veth has NAPI only with GRO or XDP on; without it the files are
// accepted but nothing polls, which `plan` warns about. The topology's namespaces go away with the run, so nothing
// outside them is changed.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { sysfsCommand, udevRunForm } from './apply-lines.ts';
import { readSysfs, readSysfsCommand, writeSysfs, writeSysfsCommand } from './sysfs.ts';
import { endsFor, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

/** Knob → its sysfs file below /sys/class/net/<dev>/. */
export const NAPI_TIMING_FILES = { groFlushTimeout: 'gro_flush_timeout', napiDeferHardIrqs: 'napi_defer_hard_irqs' } as const;
type TimingKnob = keyof typeof NAPI_TIMING_FILES;

function present(settings: KnobSettings): TimingKnob[] {
  return (Object.keys(NAPI_TIMING_FILES) as TimingKnob[]).filter((k) => settings[k] !== undefined);
}

function endsOf(ctx: Omit<KnobContext, 'host'>, knob: TimingKnob): Endpoint[] {
  return endsFor(ctx, ctx.sides[knob] ?? 'both');
}

function commandsFor(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): HostCommand[] {
  return present(settings).flatMap((knob) => endsOf(ctx, knob).flatMap((end) => [
    writeSysfsCommand(end, NAPI_TIMING_FILES[knob], settings[knob]!),
    readSysfsCommand(end, NAPI_TIMING_FILES[knob]),
  ]));
}

async function applyNapiTiming(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const knob of present(settings)) {
    for (const end of endsOf(ctx, knob)) {
      const refused = await writeSysfs(ctx, end, NAPI_TIMING_FILES[knob], settings[knob]!);
      if (refused) return { ...outcome, refused };
      const text = await readSysfs(ctx, end, NAPI_TIMING_FILES[knob]);
      const got = text === undefined ? undefined : Number(text);
      if (got !== undefined && Number.isFinite(got)) outcome.effective[end.iface] = { ...outcome.effective[end.iface], [knob]: got };
      if (got !== settings[knob]) outcome.warnings.push(`${end.iface}: ${knob} requested ${settings[knob]} but is ${text ?? 'unreadable'}`);
    }
  }
  return outcome;
}

export function napiTimingApplyLines(settings: KnobSettings): ApplyLine[] {
  return present(settings).map((knob) => {
    const value = settings[knob]!;
    const file = NAPI_TIMING_FILES[knob];
    return {
      knob,
      value,
      command: sysfsCommand(file, value),
      persistent: [udevRunForm(`/bin/sh -c 'echo ${value} > /sys/class/net/<dev>/${file}'`)],
    };
  });
}

export const napiTimingFamily = {
  knobs: Object.keys(NAPI_TIMING_FILES) as TimingKnob[],
  kernelDefault: { groFlushTimeout: 0, napiDeferHardIrqs: 0 },
  sided: true,
  valueSchemas: {
    /** /sys/class/net/<dev>/gro_flush_timeout in ns (0 = flush GRO at the end of every poll); 0..1,000,000,000.
     *  Only matters with NAPI (gro on or XDP). */
    groFlushTimeout: z.int().min(0).max(1_000_000_000, { message: 'gro_flush_timeout is in nanoseconds; at most 1,000,000,000 (1 s)' }),
    /** /sys/class/net/<dev>/napi_defer_hard_irqs: polls to defer re-arming after an empty one (needs groFlushTimeout > 0
     *  and NAPI); 0..2,147,483,647. */
    napiDeferHardIrqs: z.int().min(0).max(2 ** 31 - 1, { message: 'napi_defer_hard_irqs is at most 2147483647 (the kernel refuses more)' }),
  },
  apply: applyNapiTiming,
  commands: commandsFor,
  applyLines: napiTimingApplyLines,
} satisfies KnobFamily;
