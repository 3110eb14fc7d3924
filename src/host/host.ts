// The one interface through which vethbench touches the machine. Everything else is pure.

/** Fields may be passed as undefined: "not given" (callers forward optional values as they are). */
export interface ExecOptions {
  /** Run inside this network namespace (via `ip netns exec`); the host's own namespace when absent. */
  netns?: string | undefined;
  stdin?: string | undefined;
  timeoutMs?: number | undefined;
  /** Aborting kills the process (SIGTERM, then SIGKILL). */
  signal?: AbortSignal | undefined;
  /** Write stdout (binary, e.g. a pcap) to this file, opened by vethbench, instead of collecting it as text. */
  stdoutFile?: string | undefined;
}

export interface ExecResult {
  argv: readonly string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Killed by a signal (including our own timeout or abort). */
  signal: string | undefined;
  durationMs: number;
}

export interface SpawnedProcess {
  readonly pid: number | undefined;
  readonly argv: readonly string[];
  /** Output collected so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<ExecResult>;
  /** SIGTERM, then SIGKILL after graceMs; resolves once it is gone. */
  stop(graceMs?: number): Promise<ExecResult>;
}

export interface Host {
  /** Runs argv to completion. Never throws on a non-zero exit: callers judge the result. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Starts a long-lived process (a server) that the caller must stop. */
  spawn(argv: readonly string[], options?: Omit<ExecOptions, 'timeoutMs'>): SpawnedProcess;
}

/** Prefix argv so it runs inside a namespace. `ip netns exec` execs the command, so the pid stays the command's. */
export function inNetns(argv: readonly string[], netns: string | undefined): string[] {
  return netns ? ['ip', 'netns', 'exec', netns, ...argv] : [...argv];
}
