// The connection-rate workload: iperf2 --connect-only — back-to-back connect()+close() (the three-way handshake,
// no request and reply: TCP_CC rather than netperf's TCP_CRR), with TIME_WAIT reuse and the wide port range set
// in the client namespace for the trial, `ss -s` recorded with each sample.
import { HostCommandError } from '../errors.ts';
import { cpuMetrics } from '../results/cpu.ts';
import { parseConnectOnlyOutput, parseSocketSummary } from '../tools/iperf2-connect-parse.ts';
import { applyPointKnobs, kindMetrics, trialInput, writeRaw, type Measured, type WorkloadContext } from './context.ts';
import { crrTrial } from './crr-plan.ts';
import type { CrrWorkload } from '../scenario/crr-spec.ts';
import type { CrrSampleMetrics } from '../results/metrics.ts';
import { iperf2Killed, runIperf2 } from './iperf2-run.ts';

export async function runCrr(ctx: WorkloadContext, workload: CrrWorkload): Promise<Measured | undefined> {
  const { host } = ctx;
  const knobs = await applyPointKnobs(ctx, ctx.session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;
  const durationS = ctx.timing.durationS;
  const trial = crrTrial(trialInput(ctx, workload));
  const exec = async (c: typeof trial.readSysctls, what: string) => {
    const r = await host.exec(c.argv, { netns: c.netns, timeoutMs: 10_000 });
    if (r.exitCode !== 0) throw new HostCommandError(r.argv, `${what} (exit code ${r.exitCode ?? r.signal})`, r.stderr);
    return r.stdout;
  };
  const found = (await exec(trial.readSysctls, 'reading the client namespace\'s sysctls')).split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
  await exec(trial.setSysctls, 'setting tcp_tw_reuse and ip_local_port_range in the client namespace');
  try {
    const run = await runIperf2(ctx, trial, durationS);
    if (!run) return undefined;
    const ss = await host.exec(trial.socketSummary.argv, { netns: trial.socketSummary.netns, timeoutMs: 10_000 });
    const ssRaw = writeRaw(ctx, ss.stdout, '-ss', 'txt');
    const base = { rawOutput: run.rawOutput, rawOutputs: [run.rawOutput, ssRaw], effective, warnings };
    const parsed = parseConnectOnlyOutput(run.text, durationS);
    const killed = iperf2Killed(run, durationS);
    if (killed) return { ...base, status: 'failed', reason: killed };
    if (!parsed.ok) return { ...base, status: 'failed', reason: `iperf2 --connect-only: ${parsed.reason}` };
    warnings.push(...parsed.warnings);
    const cpu = cpuMetrics(run.usage);
    const cps = parsed.metrics.connectionsPerSecond;
    const perCpu = cps !== undefined && cpu.cpuCoresBusy ? { connectionsPerCpuSecond: cps / cpu.cpuCoresBusy } : {};
    const figures: CrrSampleMetrics = { ...parsed.metrics, ...parseSocketSummary(ss.stdout), flows: workload.flows, ...cpu, ...perCpu };
    const metrics = kindMetrics(figures);
    return { ...base, toolVersion: 'iperf 2', status: 'ok', metrics };
  } finally {
    await exec(trial.restoreSysctls(found), 'restoring the client namespace\'s sysctls').catch((e: unknown) => {
      warnings.push(`could not restore the client namespace's sysctls: ${e instanceof Error ? e.message : String(e)}`);
    });
  }
}
