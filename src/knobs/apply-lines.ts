// Shared wording of the apply lines knob families print for `vethbench tune` (KnobFamily.applyLines): the persistent
// forms and what each reaches. udev rules and systemd .link files fire for devices udev sees — the root namespace's —
// so none of them reaches a veth end inside a container; /etc/sysctl.d sets the root namespace only. Pure text.
import type { ApplyLine, KnobValue } from './types.ts';

type Persistent = ApplyLine['persistent'][number];

export const NOT_IN_CONTAINERS = 'udev and systemd-udevd see the root namespace\'s devices only: a veth end inside a container is set from inside its namespace (the command above, from the container runtime\'s hook or an init container with CAP_NET_ADMIN)';

/** A systemd .link file for the device (root namespace only). */
export function linkFileForm(key: string, value: KnobValue): Persistent {
  return { form: `/etc/systemd/network/50-<dev>.link: [Match] OriginalName=<dev> [Link] ${key}=${value}`, reachesContainers: false, note: NOT_IN_CONTAINERS };
}

/** A udev rule running a command, or setting a sysfs attribute, when the device appears (root namespace only). */
export function udevForm(action: string): Persistent {
  return { form: `/etc/udev/rules.d/70-<dev>.rules: ACTION=="add", SUBSYSTEM=="net", KERNEL=="<dev>", ${action}`, reachesContainers: false, note: NOT_IN_CONTAINERS };
}

/** A sysctl.d file: the root namespace's value. */
export function sysctlFileForm(key: string, value: KnobValue, note: string): Persistent {
  return { form: `/etc/sysctl.d/90-vethbench-tune.conf: ${key} = ${value}`, reachesContainers: false, note };
}

/** A udev rule running a command when the device appears (<dev> becomes udev's %k; root namespace only). */
export function udevRunForm(command: string): Persistent {
  return udevForm(`RUN+="${command.replace(/<dev>/g, '%k')}"`);
}

/** A sysfs file of a device, written inside the device's namespace (ip netns exec remounts /sys for it). */
export function sysfsCommand(file: string, value: KnobValue): string {
  return `echo ${value} | ip netns exec <ns> tee /sys/class/net/<dev>/${file}`;
}
