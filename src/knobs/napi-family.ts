// Threaded NAPI (/sys/class/net/<dev>/threaded). veth has NAPI only with GRO or XDP on, so this is applied after
// the offloads; without NAPI the kernel answers "Operation not supported" and the point is skipped with that.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { udevForm } from './apply-lines.ts';
import { endsFor, runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

/** sysfs is per network namespace once `ip netns exec` remounts it, so the file is written from inside. */
export function threadedPath(end: Endpoint): string {
  return `/sys/class/net/${end.iface}/threaded`;
}

export function setThreadedCommand(end: Endpoint, on: boolean): HostCommand {
  return { argv: ['tee', threadedPath(end)], stdin: on ? '1\n' : '0\n', netns: end.netns };
}

export function showThreadedCommand(end: Endpoint): HostCommand {
  return { argv: ['cat', threadedPath(end)], netns: end.netns };
}

/** Clears a threaded flag left from an earlier point after GRO went off: GRO on, the write, GRO off again. */
export function clearThreadedCommands(end: Endpoint): HostCommand[] {
  const gro = (state: string): HostCommand => ({ argv: ['ethtool', '-K', end.iface, 'gro', state], netns: end.netns });
  return [gro('on'), setThreadedCommand(end, false), gro('off')];
}

async function readThreaded(ctx: KnobContext, end: Endpoint): Promise<'on' | 'off' | undefined> {
  const show = showThreadedCommand(end);
  const r = await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 });
  // The file reads "0"/"1" (newer kernels may print "enabled"/"disabled").
  const text = r.stdout.trim();
  return r.exitCode === 0 ? (text === '1' || text === 'enabled' ? 'on' : 'off') : undefined;
}

async function applyThreaded(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const end of endsFor(ctx, ctx.sides.threaded ?? 'both')) {
    const on = settings.threaded === 'on';
    const set = setThreadedCommand(end, on);
    const refused = await runKnobCommand(ctx.host, set.argv, set.netns, set.stdin);
    const hint = `${refused} (threaded NAPI needs NAPI: turn gro on first)`;
    if (refused && on) return { ...outcome, refused: hint };
    let read = await readThreaded(ctx, end);
    // Without NAPI (GRO off) the kernel refuses every write, "0" included, and a threaded flag set earlier sticks
    // through GRO going off (seen on 6.18). Off is cleared the only way the kernel allows: GRO on for the write.
    if (refused && read === 'on') {
      for (const c of clearThreadedCommands(end)) await runKnobCommand(ctx.host, c.argv, c.netns, c.stdin);
      read = await readThreaded(ctx, end);
    }
    if (refused && read !== 'off') return { ...outcome, refused: hint };
    if (read) outcome.effective[end.iface] = { threaded: read };
  }
  return outcome;
}

export const napiFamily = {
  knobs: ['threaded'],
  kernelDefault: { threaded: 'off' },
  sided: true,
  valueSchemas: {
    /** Threaded NAPI (/sys/class/net/<dev>/threaded); needs gro on (NAPI), applied after it. */
    threaded: z.enum(['on', 'off']),
  },
  apply: applyThreaded,
  commands: (ctx, settings) => endsFor(ctx, ctx.sides.threaded ?? 'both').flatMap((end) => [setThreadedCommand(end, settings.threaded === 'on'), showThreadedCommand(end)]),
  applyLines: (settings) => (settings.threaded === undefined ? [] : [{
    knob: 'threaded', value: settings.threaded,
    command: `ip netns exec <ns> sh -c 'echo ${settings.threaded === 'on' ? 1 : 0} > /sys/class/net/<dev>/threaded' (needs NAPI: gro on first)`,
    // No CNI tuning field: sysfs attributes are not sysctls.
    persistent: [udevForm(`ATTR{threaded}="${settings.threaded === 'on' ? 1 : 0}"`)],
  }]),
} satisfies KnobFamily;
