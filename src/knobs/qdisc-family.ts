// txqueuelen and the root qdisc, applied together: veth's default qdisc is noqueue, which ignores txqueuelen;
// pfifo/bfifo read txqueuelen when they are created, so txqueuelen is set first and the qdisc replaced after.
import { z } from 'zod';
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';
import { parseIpLinkJson, showLinkCommand } from './mtu-family.ts';
import { linkFileForm, udevForm } from './apply-lines.ts';
import { endsFor, runKnobCommand, type ApplyLine, type KnobContext, type KnobFamily, type KnobOutcome, type KnobSettings } from './types.ts';

export const QDISCS = ['noqueue', 'pfifo_fast', 'pfifo', 'bfifo', 'fq', 'fq_codel'] as const;
/** A root qdisc by name, a shaper with its rate ("tbf:5gbit", "htb:5gbit") or a netem fault ("netem:20ms:1%"). */
export type Qdisc = (typeof QDISCS)[number] | `${'tbf' | 'htb'}:${string}bit` | `netem:${string}ms` | `netem:${string}ms:${string}%`;
/** Shapers take a rate: "tbf:5gbit", "htb:5gbit". */
const SHAPER = /^(tbf|htb):(\d+(\.\d+)?[kmg]?bit)$/;
/** A netem fault: "netem:20ms" adds delay, "netem:20ms:2%" delay and random loss (WAN and fault tests). */
const NETEM = /^netem:(\d+(?:\.\d+)?)ms(?::(\d+(?:\.\d+)?)%)?$/;

export function qdiscValueProblem(value: string): string | undefined {
  if ((QDISCS as readonly string[]).includes(value)) return undefined;
  const netem = NETEM.exec(value);
  if (netem) return Number(netem[2] ?? 0) > 100 ? `netem loss ${netem[2]}% is more than 100%` : undefined;
  const shaper = SHAPER.exec(value);
  if (!shaper) return `expected one of ${QDISCS.join(', ')}, a shaper with its rate such as "tbf:5gbit" or "htb:5gbit", or a netem fault such as "netem:20ms" or "netem:20ms:1%" (delay, random loss)`;
  // tc refuses a zero rate ("Invalid rate"), and a shaper at 0 would carry nothing anyway.
  if (Number(shaper[2]!.replace(/[kmg]?bit$/, '')) === 0) {
    return `a ${shaper[1]} shaper needs a rate above 0 (tc refuses ${shaper[2]}); use e.g. "${shaper[1]}:5gbit", or "noqueue" for no shaping`;
  }
  return undefined;
}

/** The tc commands that make `qdisc` the root qdisc of `end`. */
export function qdiscCommands(end: Endpoint, qdisc: string): HostCommand[] {
  const tc = ['tc', '-n', end.netns];
  const netem = NETEM.exec(qdisc);
  if (netem) {
    // A limit far above the default 1000 packets: 20 ms of a fast stream must not add tail drops to the asked loss.
    const loss = netem[2] === undefined ? [] : ['loss', `${netem[2]}%`];
    return [{ argv: [...tc, 'qdisc', 'replace', 'dev', end.iface, 'root', 'netem', 'delay', `${netem[1]}ms`, ...loss, 'limit', '100000'] }];
  }
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

interface RootQdisc {
  kind?: unknown;
  options?: { delay?: { delay?: unknown }; 'loss-random'?: { loss?: unknown } };
}

function rootQdiscEntry(text: string): RootQdisc | undefined {
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return undefined;
    return list.find((q: { root?: boolean }) => q.root) as RootQdisc | undefined;
  } catch {
    return undefined;
  }
}

/** The root qdisc's kind from `tc -j qdisc show dev X root`. */
export function parseRootQdisc(text: string): string | undefined {
  const root = rootQdiscEntry(text);
  return typeof root?.kind === 'string' ? root.kind : undefined;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** A netem root qdisc as a knob value ("netem:20ms:1%"), from tc's JSON (delay in seconds, loss as a fraction). */
export function parseNetemValue(text: string): string | undefined {
  const root = rootQdiscEntry(text);
  if (root?.kind !== 'netem') return undefined;
  const delay = root.options?.delay?.delay;
  const loss = root.options?.['loss-random']?.loss;
  const ms = typeof delay === 'number' ? round3(delay * 1000) : 0;
  return `netem:${ms}ms${typeof loss === 'number' && loss > 0 ? `:${round3(loss * 100)}%` : ''}`;
}

/** What to record as the effective qdisc: a shaper keeps its rate, netem its read-back delay and loss. */
function effectiveQdisc(requested: string, kind: string, showText: string): string {
  if (SHAPER.test(requested) && kind === requested.split(':')[0]) return requested;
  const netem = kind === 'netem' ? parseNetemValue(showText) : undefined;
  if (netem === undefined) return kind;
  // tc stores loss as a fraction of 2^32 and delay in ticks: equal to 3 decimals is what was asked.
  const asked = NETEM.exec(requested);
  const got = NETEM.exec(netem);
  const same = asked && got && round3(Number(asked[1])) === round3(Number(got[1])) && round3(Number(asked[2] ?? 0)) === round3(Number(got[2] ?? 0));
  return same ? requested : netem;
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
    const shown = (await ctx.host.exec(showQdiscCommand(end).argv, { timeoutMs: 10_000 })).stdout;
    const kind = parseRootQdisc(shown);
    const effective: KnobSettings = {};
    if (settings.txqueuelen !== undefined && typeof link?.txqlen === 'number') effective.txqueuelen = link.txqlen;
    if (settings.qdisc !== undefined && kind) effective.qdisc = effectiveQdisc(settings.qdisc as string, kind, shown);
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
    /** Root qdisc of the interface; veth's default is noqueue. Shapers take a rate: "tbf:5gbit", "htb:5gbit"; netem faults a delay and optional loss: "netem:20ms:1%". */
    // The refinement accepts exactly the Qdisc type, which scenario authors' editors check against.
    qdisc: z.string().superRefine((v, ctx) => {
      const problem = qdiscValueProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }) as unknown as z.ZodType<Qdisc, Qdisc>,
  },
  apply: applyQdisc,
  commands: (ctx, settings) => commandsFor(ctx, settings).flatMap(({ end, commands }) => [...commands, showLinkCommand(end), showQdiscCommand(end)]),
  applyLines: (settings) => {
    const placeholder = { netns: '<ns>', iface: '<dev>' } as Endpoint;
    const lines: ApplyLine[] = [];
    if (settings.txqueuelen !== undefined) {
      const n = settings.txqueuelen;
      lines.push({
        knob: 'txqueuelen', value: n, command: setTxqueuelenCommand(placeholder, n as number).argv.join(' '),
        persistent: [linkFileForm('TransmitQueueLength', n), udevForm(`ATTR{tx_queue_len}="${n}"`), { form: `CNI tuning plugin: "txQLen": ${n}`, reachesContainers: true, note: 'CNI plugins ≥ 1.4.0; it only matters once a qdisc that reads it is attached' }],
        cniTuning: { type: 'tuning', txQLen: n },
      });
    }
    if (settings.qdisc !== undefined) {
      const tc = qdiscCommands(placeholder, settings.qdisc as string).map((c) => c.argv.join(' '));
      // The CNI tuning plugin has no qdisc field, and net.core.default_qdisc does not apply to veth (IFF_NO_QUEUE).
      lines.push({
        knob: 'qdisc', value: settings.qdisc, command: tc.join(' && '),
        persistent: [udevForm(`RUN+="/bin/sh -c '${tc.map((c) => c.replace('-n <ns> ', '').replaceAll('<dev>', '%k')).join(' && ')}'"`)],
      });
    }
    return lines;
  },
} satisfies KnobFamily;
