// Per-namespace TCP buffer sysctls (net.ipv4.tcp_rmem / tcp_wmem): set inside every namespace of the run only.
// A new namespace copies them from the root namespace, so the root's own values are never touched.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import { sysctlFileForm } from './apply-lines.ts';
import { runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export const NETNS_SYSCTLS: Record<string, string> = { tcpRmem: 'net.ipv4.tcp_rmem', tcpWmem: 'net.ipv4.tcp_wmem' };

/** "min default max" in bytes, each positive, min ≤ default ≤ max. */
const triple = z.string().superRefine((value, ctx) => {
  const parts = value.trim().split(/\s+/).map(Number);
  const ok = parts.length === 3 && parts.every((n) => Number.isInteger(n) && n > 0) && parts[0]! <= parts[1]! && parts[1]! <= parts[2]!;
  if (!ok) ctx.addIssue({ code: 'custom', message: 'expected "min default max" in bytes with min ≤ default ≤ max, e.g. "4096 131072 6291456"' });
});

/** The kernel prints the triple tab-separated; compare and record it space-separated. */
export function normalizeTriple(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

function commandsFor(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): { netns: string; knob: string; set: HostCommand; show: HostCommand }[] {
  return Object.entries(NETNS_SYSCTLS).filter(([knob]) => settings[knob] !== undefined).flatMap(([knob, key]) =>
    ctx.topology.namespaces.map((ns) => ({
      netns: ns.name,
      knob,
      set: { argv: ['sysctl', '-q', '-w', `${key}=${normalizeTriple(String(settings[knob]))}`], netns: ns.name },
      show: { argv: ['sysctl', '-n', key], netns: ns.name },
    })));
}

async function applyNetnsSysctls(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const { netns, knob, set, show } of commandsFor(ctx, settings)) {
    const refused = await runKnobCommand(ctx.host, set.argv, set.netns);
    if (refused) return { ...outcome, refused };
    const r = await ctx.host.exec(show.argv, { netns: show.netns, timeoutMs: 10_000 });
    if (r.exitCode === 0) outcome.effective[netns] = { ...outcome.effective[netns], [knob]: normalizeTriple(r.stdout) };
  }
  return outcome;
}

export const netnsSysctlFamily = {
  knobs: Object.keys(NETNS_SYSCTLS),
  valueSchemas: {
    /** net.ipv4.tcp_rmem inside the run's namespaces: "min default max" in bytes. */
    tcpRmem: triple,
    /** net.ipv4.tcp_wmem inside the run's namespaces: "min default max" in bytes. */
    tcpWmem: triple,
  },
  apply: applyNetnsSysctls,
  commands: (ctx, settings) => commandsFor(ctx, settings).flatMap(({ set, show }) => [set, show]),
  applyLines: (settings) => Object.entries(NETNS_SYSCTLS).filter(([knob]) => settings[knob] !== undefined).map(([knob, key]) => {
    const value = normalizeTriple(String(settings[knob]));
    return {
      knob, value, command: `ip netns exec <ns> sysctl -w ${key}="${value}"`,
      persistent: [
        sysctlFileForm(key, value, 'sets the root namespace; a namespace created later copies the root\'s value when it is created (kernel ≥ 4.15), existing containers keep theirs'),
        { form: `CNI tuning plugin: "sysctl": { "${key}": "${value}" }`, reachesContainers: true },
      ],
      cniTuning: { type: 'tuning', sysctl: { [key]: value } },
    };
  }),
} satisfies KnobFamily;
