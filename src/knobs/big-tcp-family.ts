// BIG TCP: gso_max_size / gro_max_size (and the IPv4 variants gso_ipv4_max_size / gro_ipv4_max_size) via
// `ip link set`, read back from `ip -d -j link`. veth allows up to its tso_max_size (524280 here). Since 6.3 IPv4
// sockets use the ipv4 sizes and the plain ones are IPv6's (values at or below 64 KiB cap IPv4 too); the ipv4
// variants need kernel ≥ 6.3 and iproute2 ≥ 6.3, checked before applying, else the point is skipped with the reason.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { udevRunForm } from './apply-lines.ts';
import { parseIpLinkJson, showLinkCommand } from './mtu-family.ts';
import { endsFor, runKnobCommand, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

/** Knob → the `ip link set` attribute (and the `ip -d -j link` field) of the same name. */
export const BIG_TCP_ATTRIBUTES = {
  gsoMaxSize: 'gso_max_size',
  groMaxSize: 'gro_max_size',
  gsoIpv4MaxSize: 'gso_ipv4_max_size',
  groIpv4MaxSize: 'gro_ipv4_max_size',
} as const;
type BigTcpKnob = keyof typeof BIG_TCP_ATTRIBUTES;
const IPV4_KNOBS: readonly BigTcpKnob[] = ['gsoIpv4MaxSize', 'groIpv4MaxSize'];

/** GRO_MAX_SIZE and veth's tso_max_size (GSO_MAX_SIZE): 8 × 65535. */
export const BIG_TCP_MAX = 524280;

const present = (settings: KnobSettings): BigTcpKnob[] => (Object.keys(BIG_TCP_ATTRIBUTES) as BigTcpKnob[]).filter((k) => settings[k] !== undefined);

/** "ip utility, iproute2-6.1.0, libbpf 1.1.2" → [6, 1]; "6.18.44-fc" → [6, 18]. */
export function majorMinor(text: string): [number, number] | undefined {
  const m = /(?:iproute2-v?|^)(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const below63 = (v: [number, number] | undefined): boolean => v === undefined || v[0] < 6 || (v[0] === 6 && v[1] < 3);

/** Why the IPv4 sizes cannot be set here (both versions named), or undefined. */
export function ipv4SizesProblem(iproute2Text: string, kernelRelease: string): string | undefined {
  const problems: string[] = [];
  if (below63(majorMinor(iproute2Text))) problems.push(`iproute2 ${/iproute2-v?(\S+?),?\s/.exec(`${iproute2Text} `)?.[1] ?? 'of unknown version'} does not know them (needs iproute2 ≥ 6.3)`);
  if (below63(majorMinor(kernelRelease))) problems.push(`kernel ${kernelRelease} lacks them (needs Linux ≥ 6.3)`);
  return problems.length ? `gso_ipv4_max_size/gro_ipv4_max_size: ${problems.join('; ')}` : undefined;
}

/** Each interface with the sizes meant for it (a knob's `sides` may differ from another's). */
function perInterface(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): { end: Endpoint; sizes: KnobSettings }[] {
  const byIface = new Map<string, { end: Endpoint; sizes: KnobSettings }>();
  for (const knob of present(settings)) {
    for (const end of endsFor(ctx, ctx.sides[knob] ?? 'both')) {
      const entry = byIface.get(end.iface) ?? { end, sizes: {} };
      entry.sizes[knob] = settings[knob]!;
      byIface.set(end.iface, entry);
    }
  }
  return [...byIface.values()];
}

export function setBigTcpCommand(end: Endpoint, sizes: KnobSettings): HostCommand {
  const args = present(sizes).flatMap((k) => [BIG_TCP_ATTRIBUTES[k], String(sizes[k])]);
  return { argv: ['ip', '-n', end.netns, 'link', 'set', 'dev', end.iface, ...args] };
}

async function applyBigTcp(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  if (present(settings).some((k) => IPV4_KNOBS.includes(k))) {
    const version = await ctx.host.exec(['ip', '-V'], { timeoutMs: 10_000 });
    const problem = ipv4SizesProblem(version.stdout, ctx.shell.kernelRelease);
    if (problem) return { ...outcome, refused: problem };
  }
  for (const { end, sizes } of perInterface(ctx, settings)) {
    const set = setBigTcpCommand(end, sizes);
    const refused = await runKnobCommand(ctx.host, set.argv, undefined);
    if (refused) return { ...outcome, refused };
    const link = parseIpLinkJson((await ctx.host.exec(showLinkCommand(end).argv, { timeoutMs: 10_000 })).stdout);
    const effective: KnobSettings = {};
    for (const knob of present(sizes)) {
      const got = link?.[BIG_TCP_ATTRIBUTES[knob]];
      if (typeof got === 'number') effective[knob] = got;
      if (got !== sizes[knob]) outcome.warnings.push(`${end.iface}: ${knob} requested ${sizes[knob]} but is ${String(got ?? 'not reported by ip -d -j link')}`);
    }
    outcome.effective[end.iface] = effective;
  }
  return outcome;
}

export function bigTcpApplyLines(settings: KnobSettings): ApplyLine[] {
  return present(settings).map((knob) => {
    const command = `ip link set dev <dev> ${BIG_TCP_ATTRIBUTES[knob]} ${settings[knob]}`;
    return {
      knob,
      value: settings[knob]!,
      command: `ip -n <ns> link set dev <dev> ${BIG_TCP_ATTRIBUTES[knob]} ${settings[knob]}`,
      // The CNI tuning plugin sets mtu, txQLen, mac, promisc and sysctls, not these: a container needs its own hook.
      persistent: [udevRunForm(`/sbin/${command}`)],
    };
  });
}

const size = z.int().min(1, { message: 'a GSO/GRO size is at least 1 byte' }).max(BIG_TCP_MAX, { message: `veth takes GSO/GRO sizes up to ${BIG_TCP_MAX} (its tso_max_size; 512 KiB minus 8)` });

export const bigTcpFamily = {
  knobs: Object.keys(BIG_TCP_ATTRIBUTES) as BigTcpKnob[],
  kernelDefault: { gsoMaxSize: 65536, groMaxSize: 65536, gsoIpv4MaxSize: 65536, groIpv4MaxSize: 65536 },
  sided: true,
  valueSchemas: {
    /** ip link set gso_max_size, 1..524280: the largest TSO/GSO packet for IPv6 (and, at or below 65536, for IPv4 too). */
    gsoMaxSize: size,
    /** ip link set gro_max_size, 1..524280: the largest GRO packet for IPv6 (and, at or below 65536, for IPv4 too). */
    groMaxSize: size,
    /** ip link set gso_ipv4_max_size, 1..524280: IPv4 BIG TCP (kernel ≥ 6.3, iproute2 ≥ 6.3; else skipped with the reason). */
    gsoIpv4MaxSize: size,
    /** ip link set gro_ipv4_max_size, 1..524280: IPv4 BIG TCP (kernel ≥ 6.3, iproute2 ≥ 6.3; else skipped with the reason). */
    groIpv4MaxSize: size,
  },
  apply: applyBigTcp,
  commands: (ctx, settings) => perInterface(ctx, settings).flatMap(({ end, sizes }) => [setBigTcpCommand(end, sizes), showLinkCommand(end)]),
  applyLines: bigTcpApplyLines,
} satisfies KnobFamily;
