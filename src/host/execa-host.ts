// The real Host: execa with argument arrays only (never a shell string).
import { execa } from 'execa';
import { inNetns, type ExecOptions, type ExecResult, type Host, type SpawnedProcess } from './host.ts';

function toResult(argv: readonly string[], r: {
  exitCode?: number | undefined; stdout?: unknown; stderr?: unknown; timedOut?: boolean; signal?: string | undefined;
}, startedAt: number): ExecResult {
  return {
    argv,
    exitCode: r.exitCode,
    stdout: typeof r.stdout === 'string' ? r.stdout : '',
    stderr: typeof r.stderr === 'string' ? r.stderr : '',
    timedOut: r.timedOut ?? false,
    signal: r.signal,
    durationMs: Date.now() - startedAt,
  };
}

/** A spawn failure (binary missing) becomes a result with exitCode undefined and the reason in stderr. */
function spawnFailure(argv: readonly string[], error: unknown, startedAt: number): ExecResult {
  const e = error as { code?: string; message?: string; shortMessage?: string; stdout?: unknown; stderr?: unknown; timedOut?: boolean; signal?: string; exitCode?: number };
  const reason = e.code === 'ENOENT' ? `${argv[0]}: command not found` : (e.shortMessage ?? e.message ?? String(error));
  const stderr = typeof e.stderr === 'string' && e.stderr ? e.stderr : reason;
  return toResult(argv, { ...e, stderr }, startedAt);
}

// Children run in their own process group (detached): a Ctrl-C at the terminal reaches vethbench alone, which
// then stops the measurement and tears down in order, instead of every iperf3 dying mid-write at once.
export class ExecaHost implements Host {
  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const full = inNetns(argv, options.netns);
    const startedAt = Date.now();
    try {
      const r = await execa(full[0]!, full.slice(1), {
        reject: false,
        ...(options.stdin === undefined ? {} : { input: options.stdin }),
        ...(options.stdoutFile ? { stdout: { file: options.stdoutFile }, buffer: { stdout: false } } : {}),
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
        ...(options.signal === undefined ? {} : { cancelSignal: options.signal }),
        forceKillAfterDelay: 2000,
        detached: true,
        stripFinalNewline: false,
        env: { LC_ALL: 'C' },
      });
      if (r.exitCode === undefined && r.failed && !r.timedOut && !r.isCanceled && !r.signal) {
        return spawnFailure(full, r, startedAt);
      }
      return toResult(full, r, startedAt);
    } catch (error) {
      return spawnFailure(full, error, startedAt);
    }
  }

  spawn(argv: readonly string[], options: Omit<ExecOptions, 'timeoutMs'> = {}): SpawnedProcess {
    const full = inNetns(argv, options.netns);
    const startedAt = Date.now();
    const child = execa(full[0]!, full.slice(1), {
      reject: false,
      ...(options.signal === undefined ? {} : { cancelSignal: options.signal }),
      stripFinalNewline: false,
      buffer: true,
      detached: true,
      env: { LC_ALL: 'C' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited: Promise<ExecResult> = child.then(
      (r) => (r.exitCode === undefined && r.failed && !r.signal ? spawnFailure(full, r, startedAt) : toResult(full, r, startedAt)),
      (error: unknown) => spawnFailure(full, error, startedAt),
    );
    return {
      pid: child.pid,
      argv: full,
      output: () => ({ stdout, stderr }),
      exited,
      async stop(graceMs = 2000) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          try {
            return await exited;
          } finally {
            clearTimeout(timer);
          }
        }
        return exited;
      },
    };
  }
}
