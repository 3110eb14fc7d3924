// UDP request/response (UDP_RR) on sockperf: one ping-pong client per flow against one sockperf server for the
// trial. sockperf reports half the round trip; these figures are doubled into round trips. Transactions/s come
// from sockperf's "[Valid Duration]" counts (its warm-up is left out). With several flows the percentiles are the
// worst flow's (an upper bound: per-flow percentiles cannot be merged exactly).
import { present } from '../metrics/present.ts';
import type { RrMetrics } from '../results/metrics.ts';
import { sockperfTimeoutMs } from '../tools/sockperf-args.ts';
import { parseSockperfOutput } from '../tools/sockperf-parse.ts';
import { startServers, stopServers } from '../tools/server-process.ts';
import { jainIndex } from '../stats/fairness.ts';
import { withCpuWindow, writeRaw, type WorkloadContext } from './context.ts';
import type { SockperfRrTrial } from './rr-plan.ts';

const ANSI = /\x1b\[[0-9;]*m/g;

/** "[Valid Duration] RunTime=0.550 sec; SentMessages=85117; ReceivedMessages=85117" → seconds and replies. */
export function sockperfValidCounts(text: string): { runTimeS: number; received: number } | undefined {
  const m = /\[Valid Duration\] RunTime=([\d.]+) sec; SentMessages=\d+; ReceivedMessages=(\d+)/.exec(text.replace(ANSI, ''));
  if (!m) return undefined;
  const [runTimeS, received] = [Number(m[1]), Number(m[2])];
  return runTimeS > 0 && Number.isFinite(received) ? { runTimeS, received } : undefined;
}

/** Every flow's text → the rr metrics, or why not. */
export function udpRrMetrics(texts: readonly string[]): { ok: true; metrics: RrMetrics; warnings: string[] } | { ok: false; reason: string } {
  const flows: { tps: number; received: number; latency: NonNullable<ReturnType<typeof parseSockperfOutput> & { ok: true }>['metrics'] }[] = [];
  const warnings: string[] = [];
  for (const [i, text] of texts.entries()) {
    const who = texts.length > 1 ? `sockperf flow ${i + 1} of ${texts.length}` : 'sockperf';
    const parsed = parseSockperfOutput(text);
    if (!parsed.ok) return { ok: false, reason: `${who}: ${parsed.reason}` };
    const counts = sockperfValidCounts(text);
    if (!counts) return { ok: false, reason: `${who}: no "[Valid Duration]" counts (cut short?)` };
    warnings.push(...parsed.warnings.map((w) => (texts.length > 1 ? `${who}: ${w}` : w)));
    flows.push({ tps: counts.received / counts.runTimeS, received: counts.received, latency: parsed.metrics });
  }
  const total = flows.reduce((a, f) => a + f.received, 0);
  if (total === 0) return { ok: false, reason: 'sockperf counted no replies' };
  const worst = (k: 'latencyP50Us' | 'latencyP90Us' | 'latencyP99Us' | 'latencyP999Us') => {
    const values = flows.map((f) => f.latency[k]);
    return values.every((v) => v !== undefined) ? 2 * Math.max(...(values as number[])) : undefined;
  };
  const metrics: RrMetrics = present({
    transactionsPerSecond: flows.reduce((a, f) => a + f.tps, 0),
    transactions: total,
    flows: flows.length,
    rttP50Us: worst('latencyP50Us'), rttP90Us: worst('latencyP90Us'), rttP99Us: worst('latencyP99Us'), rttP999Us: worst('latencyP999Us'),
  });
  if (flows.every((f) => f.latency.latencyMeanUs !== undefined)) metrics.transactionRttMeanUs = (2 * flows.reduce((a, f) => a + f.latency.latencyMeanUs! * f.received, 0)) / total;
  if (flows.every((f) => f.latency.latencyMinUs !== undefined)) metrics.transactionRttMinUs = 2 * Math.min(...flows.map((f) => f.latency.latencyMinUs!));
  if (flows.every((f) => f.latency.latencyMaxUs !== undefined)) metrics.transactionRttMaxUs = 2 * Math.max(...flows.map((f) => f.latency.latencyMaxUs!));
  if (flows.length === 1 && flows[0]!.latency.latencyStdDevUs !== undefined) metrics.transactionRttStdDevUs = 2 * flows[0]!.latency.latencyStdDevUs;
  if (flows.length > 1) {
    const rates = flows.map((f) => f.tps);
    metrics.flowTransactionsMinPerSecond = Math.min(...rates);
    metrics.flowTransactionsMaxPerSecond = Math.max(...rates);
    const j = jainIndex(rates);
    if (j !== undefined) metrics.flowFairnessIndex = j;
  }
  return { ok: true, metrics, warnings };
}

export interface UdpRrRun { texts: string[]; raws: string[]; timedOut: boolean; usage?: import('../results/cpu.ts').CpuUsage }

export async function runUdpRr(ctx: WorkloadContext, trial: SockperfRrTrial, durationS: number): Promise<UdpRrRun | undefined> {
  const servers = await startServers(ctx.host, [trial.server]);
  try {
    const { result, usage } = await withCpuWindow(() => Promise.all(trial.clients.map((c) => ctx.host.exec(c.argv, { netns: c.netns, timeoutMs: sockperfTimeoutMs(durationS), signal: ctx.signal }))));
    if (ctx.signal.aborted) return undefined;
    const texts = result.map((r) => `${r.stdout}${r.stderr}`);
    const raws = texts.map((t, i) => writeRaw(ctx, t, texts.length > 1 ? `-f${i + 1}` : '', 'txt'));
    return { texts, raws, timedOut: result.some((r) => r.timedOut), ...(usage ? { usage } : {}) };
  } finally {
    await stopServers(servers);
  }
}
