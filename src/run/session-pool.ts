// One open session per link kind: built on first use, kept across trials, closed after a failed trial (so the
// next one starts from a fresh build) and at the end of the run. A freshly built topology is warmed up once
// (a short discarded TCP run) when asked: caches, ARP and the NAPI/qdisc paths are then warm for the first
// measured trial, at the cost of a few seconds per build instead of a whole discarded round per point.
import type { Host } from '../host/host.ts';
import { iperf3ClientCommand } from '../tools/iperf3-args.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { closeSession, openSession, type Session } from './session.ts';

/** Seconds of the warm-up run after each build: enough for TCP to leave slow start and the caches to fill. */
export const TOPOLOGY_WARMUP_S = 2;

export class SessionPool {
  private readonly open = new Map<string, Session>();
  /** Warm-up runs done, by link kind (one per build). */
  readonly warmups: string[] = [];

  constructor(
    private readonly host: Host,
    private readonly topologyFor: (link: string) => ResolvedTopology,
    private readonly port: number,
    /** 0: no warm-up (the plan has discarded warm-up rounds per point instead). */
    private readonly warmupS = 0,
  ) {}

  async get(link: string): Promise<Session> {
    const existing = this.open.get(link);
    if (existing) return existing;
    const session = await openSession(this.host, this.topologyFor(link), this.port);
    this.open.set(link, session);
    if (this.warmupS > 0) await this.warmUp(link, session);
    return session;
  }

  /** Discarded: its result is not a sample. A failure here shows again in the first trial, which records it. */
  private async warmUp(link: string, session: Session): Promise<void> {
    const { client, server } = session.topology;
    const workload = { label: 'warm-up', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false } as const;
    const command = iperf3ClientCommand(client, server, session.port, workload, { durationS: this.warmupS, omitS: 0 });
    await this.host.exec(command.argv, { netns: command.netns, timeoutMs: (this.warmupS + 10) * 1000 });
    this.warmups.push(link);
  }

  /** Returns what could not be removed. */
  async closeAll(): Promise<string[]> {
    const problems = (await Promise.all([...this.open.values()].map((s) => closeSession(this.host, s)))).flat();
    this.open.clear();
    return problems;
  }
}
