// txqueuelen and the root qdisc, applied together: veth's default qdisc is noqueue, which ignores txqueuelen;
// pfifo/bfifo read txqueuelen when they are created, so txqueuelen is set first and the qdisc replaced after.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { parseIpLinkJson, showLinkCommand } from './mtu-family.ts';
import { endsFor, runKnobCommand, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export const QDISCS = ['noqueue', 'pfifo_fast', 'pfifo', 'bfifo', 'fq', 'fq_codel'] as const;
/** A root qdisc by name, or a shaper with its rate: "tbf:5gbit", "htb:5gbit". */
export type Qdisc = (typeof QDISCS)[number] | `${'tbf' | 'htb'}:${string}bit`;
/** Shapers take a rate: "tbf:5gbit", "htb:5gbit". */
const SHAPER = /^(tbf|htb):(\d+(\.\d+)?[kmg]?bit)$/;

export function qdiscValueProblem(value: string): string | undefined {
  if ((QDISCS as readonly string[]).includes(value)) return undefined;
  const shaper = SHAPER.exec(value);
  if (!shaper) return `expected one of ${QDISCS.join(', ')}, or a shaper with its rate such as "tbf:5gbit" or "htb:5gbit"`;
  // tc refuses a zero rate ("Invalid rate"), and a shaper at 0 would carry nothing anyway.
  if (Number(shaper[2]!.replace(/[kmg]?bit$/, '')) === 0) {
    return `a ${shaper[1]} shaper needs a rate above 0 (tc refuses ${shaper[2]}); use e.g. "${shaper[1]}:5gbit", or "noqueue" for no shaping`;
  }
  return undefined;
}

/** The tc commands that make `qdisc` the root qdisc of `end`. */
export function qdiscCommands(end: Endpoint, qdisc: string): HostCommand[] {
  const tc = ['tc', '-n', end.netns];
  const shaper = SHAPER.exec(qdisc);
  if (!shaper) return [{ argv: [...tc, 'qdisc', 'replace', 'dev', end.iface, 'root', qdisc] }];
  const rate = shaper[2]!;
  if (shaper[1] === 'tbf') {
    // burst: enough for a 64 KB TSO segment several times over; latency bounds the queue.
    return [{ argv: [...tc, 'qdisc', 'replace', 'dev', end.iface, 'root', 'tbf', 'rate', rate, 'burst', '256kb', 'latency', '10ms'] }];
  }
  return [
    { argv: [...tc, 'qdisc', 'replace', 'dev', end.iface, 'root', 'handle', '1:', 'htb', 'default', '10'] },
    { argv: [...tc, 'class', 'replace', 'dev', end.iface, 'parent', '1:', 'classid', '1:10', 'htb', 'rate', rate] },
  ];
}

export function setTxqueuelenCommand(end: Endpoint, length: number): HostCommand {
  return { argv: ['ip', '-n', end.netns, 'link', 'set', 'dev', end.iface, 'txqueuelen', String(length)] };
}

export function showQdiscCommand(end: Endpoint): HostCommand {
  return { argv: ['tc', '-n', end.netns, '-j', 'qdisc', 'show', 'dev', end.iface, 'root'] };
}

/** The root qdisc's kind from `tc -j qdisc show dev X root`. */
export function parseRootQdisc(text: string): string | undefined {
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return undefined;
    const root = list.find((q: { root?: boolean }) => q.root) as { kind?: unknown } | undefined;
    return typeof root?.kind === 'string' ? root.kind : undefined;
  } catch {
    return undefined;
  }
}

function commandsFor(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): { end: Endpoint; commands: HostCommand[] }[] {
  const side = ctx.sides.qdisc ?? ctx.sides.txqueuelen ?? 'both';
  return endsFor(ctx, side).map((end) => ({
    end,
    commands: [
      ...(settings.txqueuelen !== undefined ? [setTxqueuelenCommand(end, settings.txqueuelen as number)] : []),
      ...(settings.qdisc !== undefined ? qdiscCommands(end, settings.qdisc as string) : []),
    ],
  }));
}

async function applyQdisc(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const outcome: KnobOutcome = { effective: {}, warnings: [] };
  for (const { end, commands } of commandsFor(ctx, settings)) {
    for (const c of commands) {
      const refused = await runKnobCommand(ctx.host, c.argv, undefined);
      if (refused) return { ...outcome, refused };
    }
    const link = parseIpLinkJson((await ctx.host.exec(showLinkCommand(end).argv, { timeoutMs: 10_000 })).stdout);
    const kind = parseRootQdisc((await ctx.host.exec(showQdiscCommand(end).argv, { timeoutMs: 10_000 })).stdout);
    const effective: KnobSettings = {};
    if (settings.txqueuelen !== undefined && typeof link?.txqlen === 'number') effective.txqueuelen = link.txqlen;
    if (settings.qdisc !== undefined && kind) effective.qdisc = SHAPER.test(settings.qdisc as string) && kind === settings.qdisc.toString().split(':')[0] ? settings.qdisc : kind;
    outcome.effective[end.iface] = effective;
  }
  return outcome;
}

export const qdiscFamily = {
  knobs: ['txqueuelen', 'qdisc'],
  kernelDefault: { txqueuelen: 1000, qdisc: 'noqueue' },
  sided: true,
  valueSchemas: {
    // 0 is refused: it blocks traffic as soon as a queueing qdisc is attached.
    /** 1..1,000,000. Only matters with a qdisc that reads it: sweep it together with `qdisc`. */
    txqueuelen: z.int().min(1, { message: 'txqueuelen must be at least 1 (0 stops traffic once a qdisc queues)' }).max(1_000_000),
    /** Root qdisc of the interface; veth's default is noqueue. Shapers take a rate: "tbf:5gbit", "htb:5gbit". */
    // The refinement accepts exactly the Qdisc type, which scenario authors' editors check against.
    qdisc: z.string().superRefine((v, ctx) => {
      const problem = qdiscValueProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }) as unknown as z.ZodType<Qdisc, Qdisc>,
  },
  apply: applyQdisc,
  commands: (ctx, settings) => commandsFor(ctx, settings).flatMap(({ end, commands }) => [...commands, showLinkCommand(end), showQdiscCommand(end)]),
} satisfies KnobFamily;
