// Pure: one connection-rate trial — TIME_WAIT reuse and the widest local port range in the client namespace
// (per-namespace sysctls: the root namespace's are never touched; the values found are put back after), an
// iperf2 server, the --connect-only client, and `ss -s` in the client namespace, recorded with the sample.
// The topology stays up across trials, so without reuse TIME_WAIT exhausts the ports after a few thousand
// connections. The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import { flowsOption, iperf2ClientCommand, iperf2ServerSpec, IPERF2_PORT_OFFSET } from '../tools/iperf2-args.ts';
import type { CrrWorkload } from '../scenario/crr-spec.ts';
import type { TrialInput } from './kind.ts';
import type { Iperf2Trial } from './rr-plan.ts';

/** Set in the client namespace for the trial; what was there before is read first and restored after. */
export const CRR_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.tcp_tw_reuse': '1',
  'net.ipv4.ip_local_port_range': '1024 65535',
};

/**
 * Without a count iperf2 2.1.8 paces connects (ten a second per flow, captured); with one it connects back to back
 * until the count is reached — -t does not end it (captured: still connecting at 8 s with -t 2). So the count is
 * out of reach and SIGINT ends the client after the duration.
 */
export const CONNECT_COUNT = 100_000_000;

/**
 * With more than one flow iperf2 2.1.8 mostly ignores the first SIGINT and keeps connecting (captured here in 9 of
 * 10 runs with -P 2); a second one ends it. So an inner `timeout` sends SIGINT at the duration and an outer one, this
 * much later, sends another that the inner passes on. Connects in that gap are counted: at most a share of
 * SECOND_INT_GAP_S / duration more (0.5 % at 10 s), against a sample lost every time.
 */
export const SECOND_INT_GAP_S = 0.05;

export function stopAfter(durationS: number, c: HostCommand): HostCommand {
  // -k: a client that ignores both (never seen) is killed 3 s later and its sample failed. The inner timeout runs in
  // the foreground (no process group of its own), so that KILL reaches the client too and none is left orphaned.
  const outer = ['timeout', '-s', 'INT', '-k', '3', String(durationS + SECOND_INT_GAP_S)];
  return { ...c, argv: [...outer, 'timeout', '--foreground', '-s', 'INT', String(durationS), ...c.argv] };
}

export interface CrrTrial extends Iperf2Trial {
  readSysctls: HostCommand;
  setSysctls: HostCommand;
  /** Restores the values `readSysctls` printed (in its order). */
  restoreSysctls(found: readonly string[]): HostCommand;
  socketSummary: HostCommand;
}

function sysctlWrite(netns: string, values: readonly (readonly [string, string])[]): HostCommand {
  return { argv: ['sysctl', '-q', '-w', ...values.map(([k, v]) => `${k}=${v}`)], netns };
}

export function crrTrial({ topology, port, workload, timing }: TrialInput<CrrWorkload>): CrrTrial {
  const p = port + IPERF2_PORT_OFFSET;
  const ns = topology.client.netns;
  const keys = Object.keys(CRR_SYSCTLS);
  return {
    readSysctls: { argv: ['sysctl', '-n', ...keys], netns: ns },
    setSysctls: sysctlWrite(ns, Object.entries(CRR_SYSCTLS)),
    restoreSysctls: (found) => sysctlWrite(ns, keys.map((k, i) => [k, found[i] ?? CRR_SYSCTLS[k]!] as const)),
    server: iperf2ServerSpec(topology.server, p, 'tcp'),
    client: stopAfter(timing.durationS, iperf2ClientCommand(topology.client, topology.server, p, timing.durationS, [`--connect-only=${CONNECT_COUNT}`, ...flowsOption(workload.flows)])),
    socketSummary: { argv: ['ss', '-s'], netns: ns },
  };
}

export function crrCommands(input: TrialInput<CrrWorkload>): HostCommand[] {
  const t = crrTrial(input);
  const defaults = Object.keys(CRR_SYSCTLS).map(() => '<value read before>');
  return [t.readSysctls, t.setSysctls, t.server.command, t.client, t.socketSummary, t.restoreSysctls(defaults)];
}
