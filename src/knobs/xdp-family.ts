// XDP on veth: attaches the project's XDP_PASS program in native mode (`ip link set dev X xdpdrv obj … sec xdp`), which
// switches that end's receive side to veth's NAPI path; "drop" attaches XDP_DROP instead (every frame is dropped at
// the driver: only the pps workload can measure that, at the receiver's rx_packets); "off" detaches it. While it is attached the kernel strips
// TSO/GSO from the peer (veth_fix_features) and caps the peer's MTU near 3.5 KB (one page without multi-buffer
// support), and it needs rx queues ≥ the peer's tx queues (the kernel refuses otherwise, in its words). The peer's
// TSO is read back and recorded, so a comparison can be made against a reference with the same TSO.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint, ResolvedTopology } from '../topology/resolve.ts';
import { XDP_MAX_MTU } from './knob-conflicts.ts';
import { parseIpLinkJson, setMtuCommand, showLinkCommand } from './mtu-family.ts';
import { effectiveOffloads, parseEthtoolFeatures, showFeaturesCommand } from './offloads.ts';
import { endsFor, runKnobCommand, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings, type XdpProgram } from './types.ts';

/** Each program's name in the kernel (its function name): what the read-back looks for. */
export const XDP_PROGRAM_NAMES: Record<XdpProgram, string> = { pass: 'xdp_pass', drop: 'xdp_drop' };

const programOf = (settings: KnobSettings): XdpProgram => (settings.xdp === 'drop' ? 'drop' : 'pass');

export function attachXdpCommand(end: Endpoint, object: string): HostCommand {
  return { argv: ['ip', '-n', end.netns, 'link', 'set', 'dev', end.iface, 'xdpdrv', 'obj', object, 'sec', 'xdp'] };
}

export function detachXdpCommand(end: Endpoint): HostCommand {
  return { argv: ['ip', '-n', end.netns, 'link', 'set', 'dev', end.iface, 'xdpdrv', 'off'] };
}

/** "pass" / "drop" when that program of ours is attached in native (driver) mode, "off" when nothing is, else what is there. */
export function parseXdpState(link: Record<string, unknown> | undefined): string | undefined {
  if (!link) return undefined;
  const xdp = link.xdp as { mode?: unknown; prog?: { name?: unknown } } | undefined;
  if (!xdp) return 'off';
  // XDP_ATTACHED_DRV = 1 (native); 2 is generic (skb) mode, 3 offloaded.
  const ours = (Object.keys(XDP_PROGRAM_NAMES) as XdpProgram[]).find((p) => XDP_PROGRAM_NAMES[p] === xdp.prog?.name);
  if (xdp.mode === 1 && ours) return ours;
  return `other(mode ${String(xdp.mode)}, ${String(xdp.prog?.name ?? 'unknown program')})`;
}

/** The other end of `end`'s veth pair in the topology, if it is one of the measured links. */
export function peerOf(topology: ResolvedTopology, end: Endpoint): Endpoint | undefined {
  for (const { a, b } of topology.links) {
    if (a.iface === end.iface && a.netns === end.netns) return b;
    if (b.iface === end.iface && b.netns === end.netns) return a;
  }
  return undefined;
}

const endsOf = (ctx: Omit<KnobContext, 'host'>): Endpoint[] => endsFor(ctx, ctx.sides.xdp ?? 'both');

function commandsFor(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings, object: string): HostCommand[] {
  return endsOf(ctx).flatMap((end) => {
    const peer = peerOf(ctx.topology, end);
    return [
      settings.xdp === 'off' ? detachXdpCommand(end) : attachXdpCommand(end, object),
      showLinkCommand(end),
      ...(peer ? [showFeaturesCommand(peer), showLinkCommand(peer)] : []),
    ];
  });
}

async function applyXdp(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  let object = '';
  if (settings.xdp !== 'off') {
    const compiled = await ctx.shell.ensureXdpObject(ctx.host, programOf(settings));
    if ('problem' in compiled) return { ...outcome, refused: `xdp: ${compiled.problem}` };
    object = compiled.path;
  }
  for (const end of endsOf(ctx)) {
    const peer = peerOf(ctx.topology, end);
    // Applied before the MTU (registry order), so a previous point's jumbo MTU may still be up: the peer is brought
    // to the cap first, and the mtu family sets this point's MTU (validated to be within the cap) right after.
    if (settings.xdp !== 'off' && peer) {
      const peerMtu = parseIpLinkJson((await ctx.host.exec(showLinkCommand(peer).argv, { timeoutMs: 10_000 })).stdout)?.mtu;
      if (typeof peerMtu === 'number' && peerMtu > XDP_MAX_MTU) {
        const lowered = await runKnobCommand(ctx.host, setMtuCommand(peer, XDP_MAX_MTU).argv, undefined);
        if (lowered) return { ...outcome, refused: lowered };
      }
    }
    const set = settings.xdp === 'off' ? detachXdpCommand(end) : attachXdpCommand(end, object);
    const refused = await runKnobCommand(ctx.host, set.argv, undefined);
    if (refused) return { ...outcome, refused };
    const state = parseXdpState(parseIpLinkJson((await ctx.host.exec(showLinkCommand(end).argv, { timeoutMs: 10_000 })).stdout));
    if (state !== undefined) outcome.effective[end.iface] = { ...outcome.effective[end.iface], xdp: state };
    if (state !== settings.xdp) outcome.warnings.push(`${end.iface}: xdp requested ${settings.xdp} but is ${state ?? 'unreadable'}`);
    if (!peer) continue;
    const features = await ctx.host.exec(showFeaturesCommand(peer).argv, { netns: showFeaturesCommand(peer).netns, timeoutMs: 10_000 });
    const tso = features.exitCode === 0 ? effectiveOffloads(parseEthtoolFeatures(features.stdout), ['tso']).tso : undefined;
    if (tso !== undefined) outcome.effective[peer.iface] = { ...outcome.effective[peer.iface], tso };
    if (settings.xdp !== 'off' && tso === 'off') {
      const maxMtu = parseIpLinkJson((await ctx.host.exec(showLinkCommand(peer).argv, { timeoutMs: 10_000 })).stdout)?.max_mtu;
      outcome.warnings.push(`${peer.iface}: TSO is off while XDP is attached on ${end.iface} (the kernel strips it from the peer; compare against a reference with TSO off too); its MTU is capped at ${String(maxMtu ?? XDP_MAX_MTU)}`);
    }
  }
  return outcome;
}

export function xdpApplyLines(settings: KnobSettings): ApplyLine[] {
  if (settings.xdp === undefined) return [];
  const off = settings.xdp === 'off';
  return [{
    knob: 'xdp',
    value: settings.xdp,
    command: off ? 'ip -n <ns> link set dev <dev> xdpdrv off' : `ip -n <ns> link set dev <dev> xdpdrv obj xdp-${programOf(settings)}.bpf.o sec xdp   # compile: clang -target bpf -O2 -g -I/usr/include/$(gcc -dumpmachine) -c xdp-${programOf(settings)}.bpf.c`,
    persistent: [{
      form: off ? 'nothing to persist (no program attached is the default)' : 'a systemd unit or the container runtime\'s hook that runs the command after the interface exists',
      reachesContainers: false,
      note: 'an attached program lives as long as the interface; nothing re-attaches it after a reboot or a container restart unless such a hook does, and udev rules do not fire in container namespaces',
    }],
  }];
}

export const xdpFamily = {
  knobs: ['xdp'],
  kernelDefault: { xdp: 'off' },
  sided: true,
  valueSchemas: {
    /** "pass": attach vethbench's XDP_PASS program natively (veth's NAPI path; strips TSO from the peer, caps MTU at
     *  about 3.5 KB); "drop": XDP_DROP (the pps workload only); "off": detach. Needs clang and libbpf-dev to compile
     *  them, else the point is skipped. */
    xdp: z.enum(['off', 'pass', 'drop']),
  },
  apply: applyXdp,
  commands: (ctx, settings) => commandsFor(ctx, settings, ctx.shell.xdpObjectPath(programOf(settings))),
  applyLines: xdpApplyLines,
} satisfies KnobFamily;
