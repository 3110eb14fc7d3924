// The packet-rate-ceiling workload: trafgen floods valid UDP frames from the client's veth end to the server's MAC
// for the duration; the rate is counted apart where it is offered (sender tx_packets, trafgen's own count) and where
// it arrives (receiver rx_packets and rx_dropped, UDP datagrams from the receiver's nstat), with the CPU share, so
// the sample shows what bounds it: the sender (offered low, CPU one core), the receive path (dropped, softirq).
import type { ExecResult } from '../host/host.ts';
import { HostCommandError } from '../errors.ts';
import { cpuMetrics } from '../results/cpu.ts';
import { delta, parseLinkStats, parseNstat, type LinkCounters } from '../tools/link-stats-parse.ts';
import { parseTrafgenOutput } from '../tools/trafgen-parse.ts';
import { trafgenEndedNormally } from '../tools/trafgen-args.ts';
import { applyPointKnobs, kindMetrics, trialInput, withCpuWindow, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { ppsTrial, ppsUnsupported, type Counters } from './pps-plan.ts';
import type { PpsWorkload } from '../scenario/pps-spec.ts';
import type { PpsSampleMetrics } from '../results/metrics.ts';

interface Snapshot { at: number; sender: LinkCounters; receiver: LinkCounters; nstat: Map<string, number>; text: string }

async function snapshot(ctx: WorkloadContext, c: Counters): Promise<Snapshot> {
  const run = async (cmd: Counters[keyof Counters]): Promise<ExecResult> => {
    const r = await ctx.host.exec(cmd.argv, { netns: cmd.netns, timeoutMs: 10_000 });
    if (r.exitCode !== 0) throw new HostCommandError(r.argv, `reading counters (exit code ${r.exitCode ?? r.signal})`, r.stderr);
    return r;
  };
  const [s, r, n] = await Promise.all([run(c.senderLink), run(c.receiverLink), run(c.receiverNstat)]);
  return { at: Date.now(), sender: parseLinkStats(s.stdout), receiver: parseLinkStats(r.stdout), nstat: parseNstat(n.stdout), text: `${s.stdout}\n${r.stdout}\n${n.stdout}` };
}

const UDP_ARRIVED = ['UdpInDatagrams', 'UdpNoPorts', 'UdpInErrors'];

/** Seconds past the duration after which processes still in the sender's namespace are trafgen's leftovers. */
const LEFTOVER_GRACE_S = 3;

/**
 * A trafgen sender that missed timeout's SIGINT (--cpus 2) keeps sending and keeps the output pipe open, so the exec
 * never ends. If the exec has not ended `afterS` seconds in, every process left in the sender's namespace — a
 * namespace of this run, where only this trial's trafgen runs — is SIGKILLed by pid. Returns the pids killed.
 */
export async function watchLeftovers(ctx: Pick<WorkloadContext, 'host'>, netns: string, afterS: number, running: Promise<unknown>): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([running.then(() => false, () => false), new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), afterS * 1000); })]);
  clearTimeout(timer);
  if (!late) return [];
  const listed = await ctx.host.exec(['ip', 'netns', 'pids', netns], { timeoutMs: 5000 });
  const pids = listed.stdout.split(/\s+/).filter((p) => /^\d+$/.test(p));
  if (pids.length) await ctx.host.exec(['kill', '-KILL', ...pids], { timeoutMs: 5000 });
  return pids;
}

export async function runPps(ctx: WorkloadContext, workload: PpsWorkload): Promise<Measured | undefined> {
  const unsupported = ppsUnsupported(ctx.session.topology);
  if (unsupported) return { status: 'skipped', reason: unsupported, warnings: [] };
  const knobs = await applyPointKnobs(ctx, ctx.session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;
  if (ctx.point.knobs.qdisc !== undefined || ctx.point.knobs.txqueuelen !== undefined) warnings.push('trafgen bypasses the qdisc (PACKET_QDISC_BYPASS): the qdisc and txqueuelen knobs do not apply to what it sends');
  const trial = ppsTrial(trialInput(ctx, workload));
  const before = await snapshot(ctx, trial.counters);
  if (!before.sender.address || !before.receiver.address) return { effective, warnings, status: 'failed', reason: 'could not read the MAC addresses of the veth ends from `ip -j link`' };
  const command = trial.trafgen({ sender: before.sender.address, receiver: before.receiver.address });
  const running = withCpuWindow(() => ctx.host.exec(command.argv, { netns: command.netns, timeoutMs: (ctx.timing.durationS + 10) * 1000, signal: ctx.signal }));
  const killedLeftovers = await watchLeftovers(ctx, command.netns!, ctx.timing.durationS + LEFTOVER_GRACE_S, running);
  const { result, usage } = await running;
  const after = await snapshot(ctx, trial.counters);
  if (ctx.signal.aborted) return undefined;
  const text = `${result.stdout}${result.stderr}`;
  const rawOutput = writeRaw(ctx, text, '', 'txt');
  const rawCounters = writeRaw(ctx, `# before\n${before.text}\n# after\n${after.text}\n`, '-counters', 'txt');
  const base = { rawOutput, rawOutputs: [rawOutput, rawCounters], effective, warnings, toolVersion: 'trafgen 0.6' };
  if (result.timedOut || !trafgenEndedNormally(result.exitCode)) {
    return { ...base, status: 'failed', reason: `trafgen ended with ${result.timedOut ? 'a kill after its timeout' : `exit code ${result.exitCode ?? result.signal}`}: ${text.trim().split('\n').slice(-2).join(' ') || 'no output'}` };
  }
  const seconds = (after.at - before.at) / 1000;
  const rate = (n: number | undefined) => (n === undefined || seconds <= 0 ? undefined : n / seconds);
  const offered = rate(delta(before.sender.txPackets, after.sender.txPackets));
  const delivered = rate(delta(before.receiver.rxPackets, after.receiver.rxPackets));
  const udp = UDP_ARRIVED.map((k) => delta(before.nstat.get(k), after.nstat.get(k)));
  const sent = parseTrafgenOutput(text);
  if (!delivered) return { ...base, status: 'failed', reason: 'no frames arrived at the receiving veth end (rx_packets did not rise)' };
  const cpu = cpuMetrics(usage, { pps: delivered });
  const figures: { [K in keyof PpsSampleMetrics]?: PpsSampleMetrics[K] | undefined } = {
    offeredPps: offered,
    trafgenSentPps: sent.packets !== undefined ? rate(sent.packets) : undefined,
    deliveredPps: delivered,
    rxDroppedPps: rate(delta(before.receiver.rxDropped, after.receiver.rxDropped)),
    udpDeliveredPps: udp.every((v) => v !== undefined) ? rate(udp.reduce((a, b) => a! + b!, 0)) : undefined,
    deliveredPercent: offered ? (delivered / offered) * 100 : undefined,
    frameBytes: workload.frameBytes,
    senders: workload.cpus,
    ...cpu,
  };
  const metrics = kindMetrics(figures);
  warnings.push(...sent.warnings);
  if (killedLeftovers.length) warnings.push('a trafgen sender ignored the SIGINT and was killed after the sample (its packets still count at the receiver; trafgen\'s own sent count may miss them)');
  return { ...base, status: 'ok', metrics };
}
