// The topology warm-up of `run --until-decided`: one short discarded TCP run per topology build, on a Host that
// records commands (the server "listens" as far as ss is concerned).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExecOptions, ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';
import { SessionPool } from '../../src/run/session-pool.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { scenario } from '../helpers/builders.ts';
import { FakeHost } from '../helpers/fake-host.ts';

const PORT = 15000;
const done: ExecResult = { argv: [], exitCode: 0, stdout: '', stderr: '', timedOut: false, signal: undefined, durationMs: 1 };

/** Records commands like FakeHost; spawn starts a pretend server that ss reports as listening. */
class ListeningHost implements Host {
  readonly fake = new FakeHost((line) => (line.includes('ss -N') ? { stdout: `LISTEN 0 5 198.18.0.2:${PORT} 0.0.0.0:* users:(("iperf3",pid=4242,fd=3))` } : undefined));
  get calls(): string[] { return this.fake.calls; }
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> { return this.fake.exec(argv, options); }
  spawn(argv: readonly string[]): SpawnedProcess {
    this.fake.calls.push(`spawn ${argv.join(' ')}`);
    return { pid: 4242, argv, output: () => ({ stdout: '', stderr: '' }), exited: new Promise(() => {}), stop: async () => done };
  }
}

describe('topology warm-up: once per build, not a round per point', () => {
  const topology = resolveTopology(scenario().topology, 'vb7001');
  const clientRuns = (host: ListeningHost) => host.calls.filter((c) => /iperf3 -c /.test(c));

  it('one discarded client run of the asked seconds right after the build; an open session is not warmed again', async () => {
    const host = new ListeningHost();
    const pool = new SessionPool(host, () => topology, PORT, 2);
    await pool.get('veth');
    await pool.get('veth');
    assert.equal(clientRuns(host).length, 1);
    assert.match(clientRuns(host)[0]!, /iperf3 -c 198\.18\.0\.2 -B 198\.18\.0\.1 -p 15000 -J -t 2 -O 0 -P 1$/);
    assert.deepEqual(pool.warmups, ['veth']);
  });

  it('a rebuilt topology (after a failed trial) is warmed up again; 0 seconds means no warm-up', async () => {
    const host = new ListeningHost();
    const pool = new SessionPool(host, () => topology, PORT, 1);
    await pool.get('veth');
    await pool.closeAll();
    await pool.get('veth');
    assert.equal(clientRuns(host).length, 2);
    const cold = new ListeningHost();
    await new SessionPool(cold, () => topology, PORT).get('veth');
    assert.deepEqual(clientRuns(cold), []);
  });
});
