// MTU on both ends of every measured link (a link with two MTUs drops frames), read back from `ip -d -j link`.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import { allEndpoints, type Device } from '../topology/resolve.ts';
import { linkFileForm } from './apply-lines.ts';
import { runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export function setMtuCommand(end: Device, mtu: number): HostCommand {
  return { argv: ['ip', '-n', end.netns, 'link', 'set', 'dev', end.iface, 'mtu', String(mtu)] };
}

export function showLinkCommand(end: Device): HostCommand {
  return { argv: ['ip', '-n', end.netns, '-d', '-j', 'link', 'show', 'dev', end.iface] };
}

/** The first device of `ip -j link show` output, or undefined when the text is not that. */
export function parseIpLinkJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed[0] && typeof parsed[0] === 'object' ? (parsed[0] as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A macvlan/ipvlan child's MTU cannot exceed its parent's, so the parent veth ends come first (the kernel
 *  clamps children when a parent shrinks); then every measured end. */
function allEnds(ctx: Pick<KnobContext, 'topology'>): Device[] {
  return [...ctx.topology.lowers, ...allEndpoints(ctx.topology), ...(ctx.topology.extras ?? [])];
}

async function applyMtu(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const mtu = settings.mtu as number;
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const end of allEnds(ctx)) {
    const set = setMtuCommand(end, mtu);
    const refused = await runKnobCommand(ctx.host, set.argv, undefined);
    if (refused) return { ...outcome, refused };
    const r = await ctx.host.exec(showLinkCommand(end).argv, { timeoutMs: 10_000 });
    const got = parseIpLinkJson(r.stdout)?.mtu;
    if (typeof got === 'number') outcome.effective[end.iface] = { mtu: got };
    if (got !== mtu) outcome.warnings.push(`${end.iface}: mtu requested ${mtu} but is ${String(got ?? 'unreadable')}`);
  }
  return outcome;
}

export const mtuFamily = {
  knobs: ['mtu'],
  kernelDefault: { mtu: 1500 },
  valueSchemas: {
    /** 68..65535, on both ends of every link; read back from `ip -d link`. */
    mtu: z.int().min(68, { message: 'veth takes an MTU from 68 to 65535' }).max(65535, { message: 'veth takes an MTU from 68 to 65535' }),
  },
  apply: applyMtu,
  commands: (ctx, settings) => allEnds(ctx).flatMap((end) => [setMtuCommand(end, settings.mtu as number), showLinkCommand(end)]),
  applyLines: (settings) => (settings.mtu === undefined ? [] : [{
    knob: 'mtu', value: settings.mtu, command: `${setMtuCommand({ netns: '<ns>', iface: '<dev>' } as Device, settings.mtu as number).argv.join(' ')} (both ends of the link: a link with two MTUs drops frames)`,
    persistent: [linkFileForm('MTUBytes', settings.mtu), { form: `CNI: "mtu": ${settings.mtu} in the main plugin (bridge, ptp …) or the tuning plugin`, reachesContainers: true, note: 'set the host end of the pair too' }],
    cniTuning: { type: 'tuning', mtu: settings.mtu },
  }]),
} satisfies KnobFamily;
