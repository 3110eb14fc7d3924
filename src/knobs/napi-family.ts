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

async function applyThreaded(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const end of endsFor(ctx, ctx.sides.threaded ?? 'both')) {
    const set = setThreadedCommand(end, settings.threaded === 'on');
    const refused = await runKnobCommand(ctx.host, set.argv, set.netns, set.stdin);
    if (refused) return { ...outcome, refused: `${refused} (threaded NAPI needs NAPI: turn gro on first)` };
    const show = showThreadedCommand(end);
    const r = await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 });
    // The file reads "0"/"1" (newer kernels may print "enabled"/"disabled").
    const text = r.stdout.trim();
    if (r.exitCode === 0) outcome.effective[end.iface] = { threaded: text === '1' || text === 'enabled' ? 'on' : 'off' };
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
