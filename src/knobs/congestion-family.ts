// TCP congestion control as a per-namespace default (net.ipv4.tcp_congestion_control), set inside every namespace
// of the run, never the root namespace. The value must be one this kernel offers in that namespace
// (tcp_available_congestion_control): checked before writing, so a missing algorithm skips the point in words
// that list what is there (a kernel without modules cannot load another one).
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import { sysctlFileForm } from './apply-lines.ts';
import { runKnobCommand, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export const CONGESTION_KEY = 'net.ipv4.tcp_congestion_control';
export const AVAILABLE_KEY = 'net.ipv4.tcp_available_congestion_control';

/** The algorithms `tcp_available_congestion_control` lists ("reno bbr cubic"). */
export function parseAvailableCongestion(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Why `wanted` cannot be set, in words naming what this kernel has; undefined when it can. */
export function congestionProblem(wanted: string, available: readonly string[], netns: string): string | undefined {
  if (available.includes(wanted)) return undefined;
  return `congestionControl ${wanted} is not available in ${netns} (${AVAILABLE_KEY}: ${available.join(' ') || 'empty'}); use one of those, or load its module on the host (modprobe tcp_${wanted})`;
}

function commandsFor(ctx: Omit<KnobContext, 'host'>, value: string): { netns: string; available: HostCommand; set: HostCommand; show: HostCommand }[] {
  return ctx.topology.namespaces.map((ns) => ({
    netns: ns.name,
    available: { argv: ['sysctl', '-n', AVAILABLE_KEY], netns: ns.name },
    set: { argv: ['sysctl', '-q', '-w', `${CONGESTION_KEY}=${value}`], netns: ns.name },
    show: { argv: ['sysctl', '-n', CONGESTION_KEY], netns: ns.name },
  }));
}

async function applyCongestion(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  const wanted = String(settings.congestionControl);
  for (const { netns, available, set, show } of commandsFor(ctx, wanted)) {
    const listed = await ctx.host.exec(available.argv, { netns, timeoutMs: 10_000 });
    if (listed.exitCode !== 0) return { ...outcome, refused: `sysctl -n ${AVAILABLE_KEY} (in ${netns}): ${listed.stderr.trim()}` };
    const problem = congestionProblem(wanted, parseAvailableCongestion(listed.stdout), netns);
    if (problem) return { ...outcome, refused: problem };
    const refused = await runKnobCommand(ctx.host, set.argv, netns);
    if (refused) return { ...outcome, refused };
    const r = await ctx.host.exec(show.argv, { netns, timeoutMs: 10_000 });
    if (r.exitCode === 0) outcome.effective[netns] = { congestionControl: r.stdout.trim() };
  }
  return outcome;
}

export function congestionApplyLines(settings: KnobSettings): ApplyLine[] {
  if (settings.congestionControl === undefined) return [];
  const value = String(settings.congestionControl);
  return [{
    knob: 'congestionControl',
    value,
    command: `ip netns exec <ns> sysctl -w ${CONGESTION_KEY}=${value}`,
    persistent: [sysctlFileForm(CONGESTION_KEY, value, 'sets the root namespace (the host\'s own default too); a namespace created afterwards copies the root namespace\'s algorithm when it is created, one created before keeps its own')],
    cniTuning: { type: 'tuning', sysctl: { [CONGESTION_KEY]: value } },
  }];
}

export const congestionFamily = {
  knobs: ['congestionControl'],
  valueSchemas: {
    /** net.ipv4.tcp_congestion_control inside the run's namespaces, e.g. "cubic", "bbr", "reno"; checked against
     *  tcp_available_congestion_control when applied. Not together with a workload's own `congestion` (iperf3 -C). */
    congestionControl: z.string().regex(/^[a-z0-9_]{1,15}$/, { message: 'expected a congestion control name such as "cubic", "reno" or "bbr"' }),
  },
  apply: applyCongestion,
  commands: (ctx, settings) => commandsFor(ctx, String(settings.congestionControl)).flatMap(({ available, set, show }) => [available, set, show]),
  applyLines: congestionApplyLines,
} satisfies KnobFamily;
