// Pure: the link kinds a scenario compares (its `links` dimension). Parses names such as "macvlan:bridge", says
// which probed kernel features each kind needs and which knobs cannot apply to it, and names its namespaces.
import type { KindSupport, LinkKind } from './kernel-kinds.ts';

/** macvlan modes that can carry client ⇄ server traffic between two children of one parent. */
export const MACVLAN_MODES = ['bridge', 'vepa'] as const;
export const IPVLAN_MODES = ['l2', 'l3', 'l3s'] as const;
export const NETKIT_MODES = ['l2', 'l3'] as const;

export type MacvlanMode = (typeof MACVLAN_MODES)[number];
export type IpvlanMode = (typeof IPVLAN_MODES)[number];
export type NetkitMode = (typeof NETKIT_MODES)[number];

/** ipvlan always runs with its `bridge` flag: the only one under which two children of one parent talk directly. */
export type LinkSpec =
  | { kind: 'veth' }
  | { kind: 'macvlan'; mode: MacvlanMode }
  | { kind: 'ipvlan'; mode: IpvlanMode }
  | { kind: 'netkit'; mode: NetkitMode }
  | { kind: 'loopback' };

export const VETH: LinkSpec = { kind: 'veth' };

/**
 * A link kind to measure as a scenario names it, always with an explicit mode (docs/scenarios.md, "Link kinds"):
 * - `veth`: the topology's veth pairs.
 * - `macvlan:bridge`: client and server are two macvlan children of one veth in a parent namespace; their traffic is
 *   switched inside the macvlan driver and never crosses the parent. `macvlan:vepa`: the same children, but every
 *   frame leaves through the parent veth and comes back through a hairpin bridge (the external switch vepa needs).
 * - `ipvlan:l2|l3|l3s`: two ipvlan children of one parent veth, bridge flag (`ipvlan:l2:bridge` is the same).
 * - `netkit:l2|l3`: a netkit pair without BPF programs (kernel ≥ 6.7, iproute2 ≥ 6.8).
 * - `loopback`: client and server in one namespace over `lo`: the upper bound without any virtual link.
 * Kinds other than veth need `topology: { kind: 'pair' }`. A kind this host lacks is skipped with the reason.
 */
export type LinkName =
  | 'veth'
  | `macvlan:${MacvlanMode}`
  | `ipvlan:${IpvlanMode}`
  | `ipvlan:${IpvlanMode}:bridge`
  | `netkit:${NetkitMode}`
  | 'loopback';

/** Every link a scenario can name, in the order doctor and docs/scenarios.md list them. */
export const ALL_LINKS: readonly LinkSpec[] = [
  VETH,
  ...MACVLAN_MODES.map((mode) => ({ kind: 'macvlan', mode }) as const),
  ...IPVLAN_MODES.map((mode) => ({ kind: 'ipvlan', mode }) as const),
  ...NETKIT_MODES.map((mode) => ({ kind: 'netkit', mode }) as const),
  { kind: 'loopback' },
];

const FORMS = 'veth, macvlan:bridge, macvlan:vepa, ipvlan:l2, ipvlan:l3, ipvlan:l3s, netkit:l2, netkit:l3 or loopback';

/** Modes that exist but cannot carry traffic between the client and server children of one parent. */
const UNMEASURABLE: Readonly<Record<string, string>> = {
  'macvlan:private': 'macvlan private mode drops all traffic between children of one parent, even through a hairpin switch, so client and server could not talk; use macvlan:bridge (direct) or macvlan:vepa (through the parent and a hairpin bridge)',
  'macvlan:passthru': 'macvlan passthru mode allows a single child per parent, but client and server are two children of one parent; use macvlan:bridge or macvlan:vepa',
  'ipvlan:private': 'the ipvlan private flag drops traffic between children of one parent, so client and server could not talk; use the bridge flag (the default: ipvlan:<mode>)',
  'ipvlan:vepa': 'the ipvlan vepa flag sends sibling traffic out through the parent to an external switch (in l3/l3s mode routed in the parent\'s namespace), which vethbench only models for macvlan:vepa; use the bridge flag (the default: ipvlan:<mode>)',
};

function oneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/** "macvlan:bridge" → spec, or a problem text that says what to write instead. `ipvlan:l2:bridge` is ipvlan:l2. */
export function parseLinkSpec(text: string): LinkSpec | string {
  const [kind, mode, flag, ...extra] = text.split(':');
  const modeless = (k: 'veth' | 'loopback'): LinkSpec | string => (mode === undefined ? { kind: k } : `${k} takes no mode; write "${k}"`);
  const needsMode = (k: string, modes: readonly string[]): string =>
    `"${text}": ${k} needs an explicit mode: ${modes.map((m) => `${k}:${m}`).join(', ')}`;
  if (extra.length) return `"${text}" has too many parts; use one of ${FORMS}`;
  if (kind === 'veth' || kind === 'loopback') return modeless(kind);
  if (kind === 'macvlan') {
    if (flag !== undefined) return `"${text}": macvlan takes a mode only, e.g. macvlan:bridge`;
    if (oneOf(MACVLAN_MODES, mode)) return { kind, mode };
    return UNMEASURABLE[`macvlan:${mode}`] ?? `${needsMode(kind, MACVLAN_MODES)} (the kernel's default, vepa, silently needs a hairpin switch, so vethbench never picks one for you)`;
  }
  if (kind === 'ipvlan') {
    if (!oneOf(IPVLAN_MODES, mode)) return needsMode(kind, IPVLAN_MODES);
    if (flag === undefined || flag === 'bridge') return { kind, mode };
    return UNMEASURABLE[`ipvlan:${flag}`] ?? `"${text}": ipvlan flags are bridge, private and vepa`;
  }
  if (kind === 'netkit') {
    if (flag !== undefined) return `"${text}": netkit takes a mode only, e.g. netkit:l3`;
    return oneOf(NETKIT_MODES, mode) ? { kind, mode } : needsMode(kind, NETKIT_MODES);
  }
  return `"${text}" is not a link kind; use one of ${FORMS}`;
}

/** The canonical name: in point keys, labels, --filter link=… and results. */
export function linkName(spec: LinkSpec): string {
  return spec.kind === 'veth' || spec.kind === 'loopback' ? spec.kind : `${spec.kind}:${spec.mode}`;
}

/**
 * Put between the run prefix and the role in namespace names, so every kind of a run has its own namespaces and
 * all can be up at once: vb1a2b-cli (veth), vb1a2b-mvbridgecli, vb1a2b-ivl3ssrv, vb1a2b-lo. Only [a-z0-9], so the
 * names keep matching the cleanup pattern vb<hex4>-<[a-z0-9]+>.
 */
export function namespaceTag(spec: LinkSpec): string {
  switch (spec.kind) {
    case 'veth': return '';
    case 'macvlan': return `mv${spec.mode}`;
    case 'ipvlan': return `iv${spec.mode}`;
    case 'netkit': return `nk${spec.mode}`;
    case 'loopback': return 'lo';
  }
}

/** The probed kinds (src/host/capabilities.ts) a link needs: children hang off a veth parent; vepa's hairpin is a bridge. */
export function requiredKinds(spec: LinkSpec): LinkKind[] {
  switch (spec.kind) {
    case 'veth': return ['veth'];
    case 'macvlan': return spec.mode === 'vepa' ? ['veth', 'macvlan', 'bridge'] : ['veth', 'macvlan'];
    case 'ipvlan': return ['veth', 'ipvlan'];
    case 'netkit': return ['netkit'];
    case 'loopback': return [];
  }
}

/** Why this host cannot build the link (the probe's own reason), or undefined. A kind that was not probed is tried. */
export function unsupportedReason(spec: LinkSpec, capabilities: readonly KindSupport[]): string | undefined {
  for (const kind of requiredKinds(spec)) {
    const support = capabilities.find((c) => c.kind === kind);
    if (support && !support.supported) return `needs ${kind}: ${support.reason ?? 'not supported on this host'}`;
  }
  return undefined;
}

/** Knobs that have nothing to act on for a kind, with the reason (every knob applies to veth). */
function inapplicable(spec: LinkSpec): Readonly<Record<string, string>> {
  if (spec.kind === 'veth') return {};
  const device = spec.kind === 'loopback' ? 'lo' : spec.kind;
  const channels = `${device} has no rx/tx channels (ethtool -L: Operation not supported); only veth has them`;
  const napi = spec.kind === 'netkit'
    ? 'netkit has no NAPI instance to thread: it hands packets to the peer directly'
    : `${device} has no NAPI instance to thread: it delivers through the per-CPU receive backlog`;
  const timing = `${device} has no NAPI instance whose GRO flush or IRQ deferral could be timed`;
  const xdp = `${device} has no native (driver-mode) XDP here; the xdp knob measures veth's XDP NAPI path`;
  return { rxChannels: channels, txChannels: channels, threaded: napi, groFlushTimeout: timing, napiDeferHardIrqs: timing, xdp };
}

/** Why a point's knobs cannot apply to its link kind (the point is skipped with this), or undefined. */
export function inapplicableKnobReason(spec: LinkSpec, knobs: Readonly<Record<string, unknown>>): string | undefined {
  const limits = inapplicable(spec);
  const knob = Object.keys(knobs).find((k) => limits[k] !== undefined);
  return knob ? `${knob} does not apply to ${linkName(spec)}: ${limits[knob]}` : undefined;
}
