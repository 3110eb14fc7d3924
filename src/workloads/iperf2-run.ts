// What the iperf2 runners (rr, crr, flows) share: start the trial's server, run the one client under a kill timer
// with the CPU window around it, store its text as raw output, stop the server.
import type { ExecResult } from '../host/host.ts';
import type { CpuUsage } from '../results/cpu.ts';
import { iperf2TimeoutMs } from '../tools/iperf2-args.ts';
import { startServers, stopServers } from '../tools/server-process.ts';
import { withCpuWindow, writeRaw, type WorkloadContext } from './context.ts';
import type { Iperf2Trial } from './rr-plan.ts';

export interface Iperf2Run {
  result: ExecResult;
  /** stdout and stderr together, as stored. */
  text: string;
  rawOutput: string;
  usage?: CpuUsage;
}

/** undefined when the run was interrupted; a server that never listens throws (the trial records it as failed). */
export async function runIperf2(ctx: WorkloadContext, trial: Iperf2Trial, durationS: number): Promise<Iperf2Run | undefined> {
  const servers = await startServers(ctx.host, [trial.server]);
  try {
    const c = trial.client;
    const { result, usage } = await withCpuWindow(() => ctx.host.exec(c.argv, { netns: c.netns, timeoutMs: iperf2TimeoutMs(durationS), signal: ctx.signal }));
    if (ctx.signal.aborted) return undefined;
    const text = `${result.stdout}${result.stderr}`;
    return { result, text, rawOutput: writeRaw(ctx, text, '', 'txt'), ...(usage ? { usage } : {}) };
  } finally {
    await stopServers(servers);
  }
}

/** Several server/client pairs at once (the flows workload's processes): every client measured in one CPU window. */
export async function runIperf2Many(ctx: WorkloadContext, trials: readonly Iperf2Trial[], durationS: number): Promise<Iperf2Run[] | undefined> {
  const servers = await startServers(ctx.host, trials.map((t) => t.server));
  try {
    const { result, usage } = await withCpuWindow(() => Promise.all(trials.map(({ client: c }) => ctx.host.exec(c.argv, { netns: c.netns, timeoutMs: iperf2TimeoutMs(durationS), signal: ctx.signal }))));
    if (ctx.signal.aborted) return undefined;
    return result.map((r, i) => {
      const text = `${r.stdout}${r.stderr}`;
      return { result: r, text, rawOutput: writeRaw(ctx, text, trials.length > 1 ? `-c${i + 1}` : '', 'txt'), ...(usage ? { usage } : {}) };
    });
  } finally {
    await stopServers(servers);
  }
}

/** Why a finished client counts as failed before its text is read: killed by the timer, or by someone else. */
export function iperf2Killed(run: Iperf2Run, durationS: number): string | undefined {
  if (run.result.timedOut) return `iperf2 client stalled and was killed ${iperf2TimeoutMs(durationS) / 1000} s after it started`;
  // crr's `timeout -s INT -k 3` (under `ip netns exec`): a client that ignored both SIGINTs is killed 3 s later.
  // Without --foreground timeout sends that KILL to its whole process group, itself included, so the parent sees
  // SIGKILL (captured in CI) — or 137 where a shell stood between.
  if (run.result.argv.includes('timeout') && (run.result.signal === 'SIGKILL' || run.result.exitCode === 137)) return `iperf2 ignored the SIGINTs that end the trial and was killed 3 s later (its last lines may be lost)${lastLine(run.text)}`;
  // 134 = abort(): captured with -P 1000 ("free(): double free detected"); its rows cannot be trusted.
  if (run.result.signal || (run.result.exitCode ?? 0) >= 128) return `iperf2 client crashed (${run.result.signal ?? `exit code ${run.result.exitCode}`})${lastLine(run.text)}`;
  return undefined;
}

function lastLine(text: string): string {
  const last = text.trim().split('\n').pop()?.trim();
  return last ? `: ${last}` : '';
}
