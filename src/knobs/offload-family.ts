// Offloads as a knob family: one `ethtool -K` per interface for all requested features, then `ethtool -k`.
import { z } from 'zod';
import type { Endpoint } from '../topology/resolve.ts';
import { endsFor, runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';
import { effectiveOffloads, OFFLOAD_KNOBS, parseEthtoolFeatures, setOffloadsCommand, showFeaturesCommand, type OffloadKnob, type OffloadSettings } from './offloads.ts';
import { linkFileForm, udevForm } from './apply-lines.ts';

/** systemd.link's name of the offloads it can set (the others have none). */
const LINK_FILE_KEYS: Partial<Record<OffloadKnob, string>> = { gro: 'GenericReceiveOffload', gso: 'GenericSegmentationOffload', tso: 'TCPSegmentationOffload', tx: 'TransmitChecksumOffload' };

/** Groups the knobs by side, so each interface gets one ethtool -K with exactly the knobs meant for it. */
function perInterface(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): { end: Endpoint; knobs: OffloadSettings }[] {
  const perIface = new Map<string, { end: Endpoint; knobs: OffloadSettings }>();
  for (const knob of OFFLOAD_KNOBS.filter((k) => settings[k] !== undefined)) {
    for (const end of endsFor(ctx, ctx.sides[knob] ?? 'both')) {
      const entry = perIface.get(end.iface) ?? { end, knobs: {} };
      entry.knobs[knob] = settings[knob] as 'on' | 'off';
      perIface.set(end.iface, entry);
    }
  }
  return [...perIface.values()];
}

async function applyOffloads(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const { end, knobs } of perInterface(ctx, settings)) {
    const set = setOffloadsCommand(end, knobs)!;
    const refused = await runKnobCommand(ctx.host, set.argv, set.netns);
    // ethtool exits non-zero for "Could not change any device features"; the read-back tells what happened.
    if (refused) outcome.warnings.push(refused);
    const show = showFeaturesCommand(end);
    const r = await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 });
    if (r.exitCode !== 0) return { ...outcome, refused: `ethtool -k ${end.iface}: ${r.stderr.trim()}` };
    const effective = effectiveOffloads(parseEthtoolFeatures(r.stdout), Object.keys(knobs) as OffloadKnob[]);
    outcome.effective[end.iface] = { ...outcome.effective[end.iface], ...effective };
    for (const [knob, wanted] of Object.entries(knobs)) {
      const got = effective[knob as OffloadKnob];
      if (got !== wanted) outcome.warnings.push(`${end.iface}: ${knob} requested ${wanted} but is ${got ?? 'not reported by ethtool'}`);
    }
  }
  return outcome;
}

const onOff = z.enum(['on', 'off']);

export const offloadFamily = {
  knobs: OFFLOAD_KNOBS,
  // A fresh veth: GRO and its variants off, segmentation and checksum offloads on.
  kernelDefault: { gro: 'off', gso: 'on', tso: 'on', tx: 'on', sg: 'on', 'rx-udp-gro-forwarding': 'off', 'rx-gro-list': 'off', 'tx-udp-segmentation': 'on' },
  sided: true,
  // Written out (not mapped from OFFLOAD_KNOBS) so each knob's documentation shows in scenario authors' editors;
  // `satisfies` keeps the keys exactly the knobs.
  valueSchemas: {
    /** ethtool -K gro: veth's NAPI receive path (off by default on veth). */
    gro: onOff,
    /** ethtool -K gso: generic segmentation offload. */
    gso: onOff,
    /** ethtool -K tso: TCP segmentation offload (read back from tx-tcp-segmentation). */
    tso: onOff,
    /** ethtool -K tx: tx checksumming; turning it off also turns TSO off. */
    tx: onOff,
    /** ethtool -K sg: scatter-gather. */
    sg: onOff,
    /** ethtool -K rx-udp-gro-forwarding: GRO for forwarded UDP. */
    'rx-udp-gro-forwarding': onOff,
    /** ethtool -K rx-gro-list: GRO by frame lists (fraglist GRO). */
    'rx-gro-list': onOff,
    /** ethtool -K tx-udp-segmentation: UDP GSO. */
    'tx-udp-segmentation': onOff,
  } satisfies Record<OffloadKnob, typeof onOff>,
  apply: applyOffloads,
  commands: (ctx, settings) => perInterface(ctx, settings).flatMap(({ end, knobs }) => [setOffloadsCommand(end, knobs)!, showFeaturesCommand(end)]),
  applyLines: (settings) => OFFLOAD_KNOBS.filter((k) => settings[k] !== undefined).map((knob) => {
    const value = settings[knob]!;
    const linkKey = LINK_FILE_KEYS[knob];
    return {
      knob, value, command: `ip netns exec <ns> ethtool -K <dev> ${knob} ${value}`,
      persistent: [udevForm(`RUN+="/usr/sbin/ethtool -K %k ${knob} ${value}"`), ...(linkKey ? [linkFileForm(linkKey, value === 'on' ? 'true' : 'false')] : [])],
    };
  }),
} satisfies KnobFamily;
