// The contract every knob family fulfils: validate values, apply them, read back what took effect.
import type { z } from 'zod';
import type { Host } from '../host/host.ts';
import type { HostCommand } from '../net/command.ts';
import { allEndpoints, type Endpoint, type ResolvedTopology } from '../topology/resolve.ts';

export type KnobValue = string | number;
/** One point's knob values, by matrix key. */
export type KnobSettings = Record<string, KnobValue>;

/** Which interfaces a link knob applies to: every veth end, or only the sending / receiving host's end. */
export type Side = 'both' | 'sender' | 'receiver';

/** The XDP programs vethbench ships (src/knobs/xdp/xdp-<program>.bpf.c). */
export type XdpProgram = 'pass' | 'drop';

/**
 * What knob families need from the shell besides running commands, so knobs/ itself does no I/O: the runner and
 * live mode pass src/files/knob-shell.ts; `plan` passes it for the paths it prints.
 */
export interface KnobShell {
  /** The running kernel's release (uname -r): BIG TCP's IPv4 sizes need 6.3. */
  kernelRelease: string;
  /** Takes the sysctl journal for this run; why not, when another live run holds it. */
  lockSysctlJournal(): string | undefined;
  /** Journals key's original value before vethbench first changes it (cleanup restores it); why not, if it cannot. */
  journalOriginal(host: Host, key: string): Promise<string | undefined>;
  /** Where a program's compiled object lives (in the state directory, keyed by its source's hash). */
  xdpObjectPath(program: XdpProgram): string;
  /** Compiles the program on first use: its object's path, or why there is none. */
  ensureXdpObject(host: Host, program: XdpProgram): Promise<{ path: string } | { problem: string }>;
}

export interface KnobContext {
  host: Host;
  shell: KnobShell;
  topology: ResolvedTopology;
  /** Per knob; absent means the family's default side. */
  sides: Partial<Record<string, Side>>;
  /** The workload sends server → client (-R): sender and receiver swap. */
  reverse: boolean;
}

export interface KnobOutcome {
  /** What was read back after applying, by place (interface name, namespace or "host") and knob. */
  effective: Record<string, KnobSettings>;
  /** The kernel refused a value (its own words): the point is skipped, the run goes on. */
  refused?: string;
  warnings: string[];
}

/** One way to set a knob's value on the user's own system: vethbench prints these, it never runs them on the host. */
export interface ApplyLine {
  knob: string;
  value: KnobValue;
  /** The command for now, with placeholders: <dev> the interface, <ns> its network namespace. */
  command: string;
  /** Forms that survive a reboot, each saying whether it reaches devices in container namespaces. */
  persistent: readonly { form: string; reachesContainers: boolean; note?: string }[];
  /** The CNI `tuning` plugin's configuration fragment, where that plugin can set the knob for containers. */
  cniTuning?: Readonly<Record<string, unknown>>;
}

export interface KnobFamily {
  /** Matrix keys this family owns, in the order they are applied. */
  readonly knobs: readonly string[];
  /** What the kernel uses when nobody sets the knob (a fresh veth): the reference level of an effect. Absent where it depends on the host. */
  readonly kernelDefault?: Readonly<Partial<Record<string, KnobValue>>>;
  /** Link knobs that can apply to the sender's or receiver's end only (`sides` in a scenario). */
  readonly sided?: boolean;
  /** Validation of one value of each knob (the matrix holds a list of them). */
  readonly valueSchemas: Readonly<Record<string, z.ZodType<KnobValue>>>;
  /** Applies the family's knobs present in `settings` and reads them back. Never throws for a refused value. */
  apply(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome>;
  /** Pure: the commands apply() runs, for `vethbench plan`. */
  commands(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): HostCommand[];
  /** Pure: how to apply `settings` on one's own interfaces (`vethbench tune` prints them). Required once every family has it. */
  applyLines?(settings: KnobSettings): ApplyLine[];
}

/** The interfaces a link knob touches for the given side (on loopback both sides are the one `lo`). */
export function endsFor(ctx: Pick<KnobContext, 'topology' | 'reverse'>, side: Side): Endpoint[] {
  const { topology, reverse } = ctx;
  if (side === 'both') return allEndpoints(topology);
  const senderIsClient = !reverse;
  return [(side === 'sender') === senderIsClient ? topology.client : topology.server];
}

/** Runs argv and turns a refusal into the kernel's or tool's own words. */
export async function runKnobCommand(host: Host, argv: string[], netns: string | undefined, stdin?: string): Promise<string | undefined> {
  const r = await host.exec(argv, { netns, stdin, timeoutMs: 10_000 });
  if (r.exitCode === 0) return undefined;
  const words = (r.stderr || r.stdout).trim().split('\n').filter(Boolean).join('; ');
  return `${argv.join(' ')}${netns ? ` (in ${netns})` : ''}: ${words || `exit code ${r.exitCode ?? r.signal}`}`;
}
