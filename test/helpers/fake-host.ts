// A Host that runs nothing: it records every command (as the line `plan` would print) and answers with
// canned outputs, which the tests take from real captures in test/fixtures.
import { readFileSync } from 'node:fs';
import type { ExecOptions, ExecResult, Host, SpawnedProcess } from '../../src/host/host.ts';
import { describeCommand } from '../../src/net/command.ts';

export interface Reply {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

/** Answers one command, given as the line describeCommand prints ("ip netns exec NS argv…"); undefined: exit 0, no output. */
export type Responder = (line: string, argv: readonly string[], options: ExecOptions) => Reply | undefined;

export class FakeHost implements Host {
  /** Every command run, in order, as describeCommand prints it (stdin included as a here-document). */
  readonly calls: string[] = [];
  constructor(private readonly respond: Responder = () => undefined) {}

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const line = describeCommand({ argv: [...argv], ...(options.netns ? { netns: options.netns } : {}), ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
    this.calls.push(line);
    const reply = this.respond(line, argv, options) ?? {};
    return { argv, exitCode: reply.exitCode ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', timedOut: false, signal: undefined, durationMs: 1 };
  }

  spawn(): SpawnedProcess {
    throw new Error('FakeHost does not start processes');
  }
}

/** The first reply whose pattern matches the command line; commands matching none succeed silently. */
export function replies(table: readonly (readonly [RegExp, Reply | ((line: string) => Reply)])[]): Responder {
  return (line) => {
    const hit = table.find(([pattern]) => pattern.test(line));
    if (!hit) return undefined;
    return typeof hit[1] === 'function' ? hit[1](line) : hit[1];
  };
}

/** A captured fixture's text, byte for byte, from test/fixtures/<path>. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}
