// veth rx/tx channel counts (ethtool -L rx N tx M). veth has separate rx and tx channels and combined is always 0,
// so `combined` is never used; the maximum is the number of possible CPUs when the device was created.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { linkFileForm } from './apply-lines.ts';
import { endsFor, runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export interface ChannelCounts {
  max: { rx?: number; tx?: number };
  current: { rx?: number; tx?: number };
}

/** Parses `ethtool -l DEV`: "Pre-set maximums:" then "Current hardware settings:", each with RX:/TX: lines. */
export function parseEthtoolChannels(text: string): ChannelCounts {
  const counts: ChannelCounts = { max: {}, current: {} };
  let section: 'max' | 'current' | undefined;
  for (const line of text.split('\n')) {
    if (/^Pre-set maximums/.test(line)) section = 'max';
    else if (/^Current hardware settings/.test(line)) section = 'current';
    const m = /^(RX|TX):\s+(\d+)\s*$/.exec(line);
    if (section && m) counts[section][m[1] === 'RX' ? 'rx' : 'tx'] = Number(m[2]);
  }
  return counts;
}

export function setChannelsCommand(end: Endpoint, settings: KnobSettings): HostCommand {
  const args = [
    ...(settings.rxChannels !== undefined ? ['rx', String(settings.rxChannels)] : []),
    ...(settings.txChannels !== undefined ? ['tx', String(settings.txChannels)] : []),
  ];
  return { argv: ['ethtool', '-L', end.iface, ...args], netns: end.netns };
}

export function showChannelsCommand(end: Endpoint): HostCommand {
  return { argv: ['ethtool', '-l', end.iface], netns: end.netns };
}

/** A value above the device's maximum, in words that name the limit and where it comes from. */
export function channelLimitProblem(iface: string, settings: KnobSettings, max: ChannelCounts['max']): string | undefined {
  for (const [knob, dir] of [['rxChannels', 'rx'], ['txChannels', 'tx']] as const) {
    const wanted = settings[knob];
    const limit = max[dir];
    if (typeof wanted === 'number' && limit !== undefined && wanted > limit) {
      return `${knob} ${wanted} exceeds the veth maximum of ${limit} on ${iface} (the number of possible CPUs on this host)`;
    }
  }
  return undefined;
}

async function applyChannels(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const end of endsFor(ctx, ctx.sides.rxChannels ?? ctx.sides.txChannels ?? 'both')) {
    const show = showChannelsCommand(end);
    const before = parseEthtoolChannels((await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 })).stdout);
    const tooMany = channelLimitProblem(end.iface, settings, before.max);
    if (tooMany) return { ...outcome, refused: tooMany };
    const set = setChannelsCommand(end, settings);
    const refused = await runKnobCommand(ctx.host, set.argv, set.netns);
    // ethtool exits 1 with "no channel parameters changed" when the counts already are the requested ones.
    if (refused && !/unmodified|not changed|no channel parameters/i.test(refused)) return { ...outcome, refused };
    const after = parseEthtoolChannels((await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 })).stdout);
    outcome.effective[end.iface] = {
      ...(settings.rxChannels !== undefined && after.current.rx !== undefined ? { rxChannels: after.current.rx } : {}),
      ...(settings.txChannels !== undefined && after.current.tx !== undefined ? { txChannels: after.current.tx } : {}),
    };
  }
  return outcome;
}

const count = z.int().min(1).max(4096);

export const channelsFamily = {
  knobs: ['rxChannels', 'txChannels'],
  // veth is created with one rx and one tx queue unless numrxqueues/numtxqueues say otherwise.
  kernelDefault: { rxChannels: 1, txChannels: 1 },
  sided: true,
  valueSchemas: {
    /** ethtool -L rx: at most the number of possible CPUs; only matters with NAPI (gro on). */
    rxChannels: count,
    /** ethtool -L tx: at most the number of possible CPUs; only matters with NAPI (gro on). */
    txChannels: count,
  },
  apply: applyChannels,
  commands: (ctx, settings) => endsFor(ctx, ctx.sides.rxChannels ?? ctx.sides.txChannels ?? 'both').flatMap((end) => [showChannelsCommand(end), setChannelsCommand(end, settings), showChannelsCommand(end)]),
  applyLines: (settings) => ([['rxChannels', 'rx', 'RxChannels', 'numrxqueues'], ['txChannels', 'tx', 'TxChannels', 'numtxqueues']] as const)
    .filter(([knob]) => settings[knob] !== undefined).map(([knob, dir, linkKey, createArg]) => ({
      knob, value: settings[knob]!, command: `ip netns exec <ns> ethtool -L <dev> ${dir} ${settings[knob]}`,
      persistent: [
        linkFileForm(linkKey, settings[knob]!),
        // The CNI tuning plugin cannot set channels; whoever creates the veth can size it.
        { form: `create the veth with enough queues: ip link add <dev> ${createArg} ${settings[knob]} type veth peer name <peer> ${createArg} ${settings[knob]}`, reachesContainers: true, note: 'the maximum is fixed when the veth is created; a CNI plugin that creates the pair must pass it (the tuning plugin cannot set channels); only matters with NAPI (gro on)' },
      ],
    })),
} satisfies KnobFamily;
