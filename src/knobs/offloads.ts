// Offload knobs via ethtool -K, read back with ethtool -k (pure: argv builders and parsing).
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';

/** An ethtool feature state as scenarios write it. */
type OnOff = 'on' | 'off';

/** Matrix keys are ethtool's own names, so what a user writes is what `ethtool -K` takes. */
export const OFFLOAD_KNOBS = ['gro', 'gso', 'tso', 'tx', 'sg', 'rx-udp-gro-forwarding', 'rx-gro-list', 'tx-udp-segmentation'] as const;
export type OffloadKnob = (typeof OFFLOAD_KNOBS)[number];
export type OffloadSettings = Partial<Record<OffloadKnob, OnOff>>;

/**
 * The `ethtool -k` line that tells what took effect, first match wins. Summary lines ("tcp-segmentation-offload",
 * "tx-checksumming", "scatter-gather") read "on" while ANY sub-feature is on — on 6.18, tx-tcp-accecn-segmentation
 * keeps TSO's summary "on" with IPv4 TSO off — so the sub-feature veth really uses is read first.
 */
const READ_BACK: Record<OffloadKnob, string[]> = {
  gro: ['generic-receive-offload'],
  gso: ['generic-segmentation-offload'],
  tso: ['tx-tcp-segmentation', 'tcp-segmentation-offload'],
  tx: ['tx-checksum-ip-generic', 'tx-checksumming'],
  sg: ['tx-scatter-gather', 'scatter-gather'],
  'rx-udp-gro-forwarding': ['rx-udp-gro-forwarding'],
  'rx-gro-list': ['rx-gro-list'],
  'tx-udp-segmentation': ['tx-udp-segmentation'],
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
  const args = OFFLOAD_KNOBS.flatMap((k) => (settings[k] ? [k, settings[k]] : []));
  return args.length ? { argv: ['ethtool', '-K', end.iface, ...args], netns: end.netns } : undefined;
}

export function showFeaturesCommand(end: Endpoint): HostCommand {
  return { argv: ['ethtool', '-k', end.iface], netns: end.netns };
}

/** What is really on, for the knobs that were asked for. A knob ethtool does not list is left out. */
export function effectiveOffloads(features: Map<string, FeatureState>, knobs: readonly OffloadKnob[]): OffloadSettings {
  const effective: OffloadSettings = {};
  for (const knob of knobs) {
    const state = READ_BACK[knob].map((name) => features.get(name)).find((s) => s !== undefined);
    if (state) effective[knob] = state.enabled ? 'on' : 'off';
  }
  return effective;
}
