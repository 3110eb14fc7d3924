// A device's sysfs files, written and read from inside its namespace: `ip netns exec` remounts /sys for that
// namespace, so /sys/class/net/<dev>/ there is the device's own (from the root namespace it does not exist).
import type { HostCommand } from '../net/command.ts';
import type { Device } from '../topology/resolve.ts';
import { runKnobCommand, type KnobContext } from './types.ts';

/** `relative` below /sys/class/net/<dev>/, e.g. "gro_flush_timeout" or "queues/rx-0/rps_cpus". */
export function sysfsPath(end: Device, relative: string): string {
  return `/sys/class/net/${end.iface}/${relative}`;
}

export function writeSysfsCommand(end: Device, relative: string, value: string | number): HostCommand {
  return { argv: ['tee', sysfsPath(end, relative)], stdin: `${value}\n`, netns: end.netns };
}

export function readSysfsCommand(end: Device, relative: string): HostCommand {
  return { argv: ['cat', sysfsPath(end, relative)], netns: end.netns };
}

/** Lists a directory below /sys/class/net/<dev>/ inside the namespace (the queues: rx-0, tx-0 …). */
export function listSysfsCommand(end: Device, relative: string): HostCommand {
  return { argv: ['ls', sysfsPath(end, relative)], netns: end.netns };
}

/** Writes the value; returns the refusal in the kernel's words (tee prints them), or undefined. */
export async function writeSysfs(ctx: Pick<KnobContext, 'host'>, end: Device, relative: string, value: string | number): Promise<string | undefined> {
  const c = writeSysfsCommand(end, relative, value);
  return runKnobCommand(ctx.host, c.argv, c.netns, c.stdin);
}

/** The file's text, trimmed; undefined when it cannot be read. */
export async function readSysfs(ctx: Pick<KnobContext, 'host'>, end: Device, relative: string): Promise<string | undefined> {
  const c = readSysfsCommand(end, relative);
  const r = await ctx.host.exec(c.argv, { netns: c.netns, timeoutMs: 10_000 });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}
