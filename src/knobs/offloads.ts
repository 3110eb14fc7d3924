// Offload knobs (gro, gso, tso) via ethtool -K on every veth end, read back with ethtool -k.
import type { HostCommand } from '../net/command.ts';
import type { OnOff } from '../scenario/types.ts';
import type { Endpoint } from '../topology/resolve.ts';

export const OFFLOAD_KNOBS = ['gro', 'gso', 'tso'] as const;
export type OffloadKnob = (typeof OFFLOAD_KNOBS)[number];
export type OffloadSettings = Partial<Record<OffloadKnob, OnOff>>;

/** ethtool -K short names, and the -k feature that tells what took effect. */
const FEATURE: Record<OffloadKnob, { set: string; readBack: string[] }> = {
  gro: { set: 'gro', readBack: ['generic-receive-offload'] },
  gso: { set: 'gso', readBack: ['generic-segmentation-offload'] },
  // The "tcp-segmentation-offload" summary line reads "on" while any tx-tcp-* sub-feature is on (6.18 adds
  // tx-tcp-accecn-segmentation, which stays on with tx checksumming off), so IPv4 TSO is read from its own line.
  tso: { set: 'tso', readBack: ['tx-tcp-segmentation', 'tcp-segmentation-offload'] },
};

export interface FeatureState {
  enabled: boolean;
  fixed: boolean;
  /** "[requested on]": asked for, but a dependency keeps it off. */
  requested?: boolean;
}

/** Parses `ethtool -k DEV` ("name: on|off [fixed] [requested on]", sub-features indented; names may hold "_", e.g. tx-udp_tnl-segmentation). */
export function parseEthtoolFeatures(text: string): Map<string, FeatureState> {
  const features = new Map<string, FeatureState>();
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z0-9_-]+):\s+(on|off)(.*)$/.exec(line);
    if (!m) continue;
    const rest = m[3] ?? '';
    const requested = /\[requested (on|off)\]/.exec(rest);
    features.set(m[1]!, {
      enabled: m[2] === 'on',
      fixed: rest.includes('[fixed]'),
      ...(requested ? { requested: requested[1] === 'on' } : {}),
    });
  }
  return features;
}

export function setOffloadsCommand(end: Endpoint, settings: OffloadSettings): HostCommand | undefined {
  const args = OFFLOAD_KNOBS.flatMap((k) => (settings[k] ? [FEATURE[k].set, settings[k]] : []));
  return args.length ? { argv: ['ethtool', '-K', end.iface, ...args], netns: end.netns } : undefined;
}

export function showFeaturesCommand(end: Endpoint): HostCommand {
  return { argv: ['ethtool', '-k', end.iface], netns: end.netns };
}

/** What is really on, for the knobs that were asked for. A knob ethtool does not list is left out. */
export function effectiveOffloads(features: Map<string, FeatureState>, knobs: readonly OffloadKnob[]): OffloadSettings {
  const effective: OffloadSettings = {};
  for (const knob of knobs) {
    const state = FEATURE[knob].readBack.map((name) => features.get(name)).find((s) => s !== undefined);
    if (state) effective[knob] = state.enabled ? 'on' : 'off';
  }
  return effective;
}
