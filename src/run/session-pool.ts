// One open session per link kind: built on first use, kept across trials, closed after a failed trial (so the
// next one starts from a fresh build) and at the end of the run.
import type { Host } from '../host/host.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { closeSession, openSession, type Session } from './session.ts';

export class SessionPool {
  private readonly open = new Map<string, Session>();

  constructor(
    private readonly host: Host,
    private readonly topologyFor: (link: string) => ResolvedTopology,
    private readonly port: number,
  ) {}

  async get(link: string): Promise<Session> {
    const existing = this.open.get(link);
    if (existing) return existing;
    const session = await openSession(this.host, this.topologyFor(link), this.port);
    this.open.set(link, session);
    return session;
  }

  /** Returns what could not be removed. */
  async closeAll(): Promise<string[]> {
    const problems = (await Promise.all([...this.open.values()].map((s) => closeSession(this.host, s)))).flat();
    this.open.clear();
    return problems;
  }
}
