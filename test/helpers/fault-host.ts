// Fault injection: a real Host whose commands can be swapped or preceded by something that breaks the run.
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { ExecOptions, ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';

export interface Faults {
  /** Replace the argv of the n-th (0-based) iperf3 client run; undefined keeps it. */
  client?: (argv: readonly string[], n: number) => readonly string[] | undefined;
  /** Called before the n-th server spawn, e.g. to take its port first. */
  beforeServer?: (argv: readonly string[], options: ExecOptions | undefined, n: number) => Promise<void>;
}

export class FaultHost implements Host {
  readonly real = new ExecaHost();
  private clients = 0;
  private servers = 0;
  constructor(private readonly faults: Faults) {}

  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    if (argv[0] === 'iperf3' && argv[1] === '-c') {
      const replaced = this.faults.client?.(argv, this.clients++);
      if (replaced) return this.real.exec(replaced, options);
    }
    return this.real.exec(argv, options);
  }

  spawn(argv: readonly string[], options?: Omit<ExecOptions, 'timeoutMs'>): SpawnedProcess {
    if (argv[0] === 'iperf3' && argv[1] === '-s' && this.faults.beforeServer) {
      // spawn() is synchronous; the fault runs first by deferring the real spawn behind it.
      const n = this.servers++;
      const pending = this.faults.beforeServer(argv, options, n).then(() => this.real.spawn(argv, options));
      return deferred(argv, pending);
    }
    return this.real.spawn(argv, options);
  }
}

function deferred(argv: readonly string[], pending: Promise<SpawnedProcess>): SpawnedProcess {
  let proc: SpawnedProcess | undefined;
  void pending.then((p) => { proc = p; });
  return {
    get pid() { return proc?.pid; },
    argv,
    output: () => proc?.output() ?? { stdout: '', stderr: '' },
    exited: pending.then((p) => p.exited),
    stop: async (graceMs?: number) => (await pending).stop(graceMs),
  };
}
