// Pure: the shared wording of apply lines (what `vethbench tune` prints), so every new family says the same thing
// about where a persistent form reaches.
import type { ApplyLine } from './types.ts';

type Persistent = ApplyLine['persistent'][number];

/** A per-namespace sysctl: /etc/sysctl.d sets the root namespace at boot only. */
export function sysctlDForm(key: string, value: string | number, note?: string): Persistent {
  return { form: `/etc/sysctl.d/90-vethbench.conf: ${key} = ${value}`, reachesContainers: false, note: note ?? 'sets the root namespace at boot; a container namespace keeps its own value' };
}

/** A device attribute set by a udev rule: udev does not run for devices in other network namespaces. */
export function udevRunForm(command: string): Persistent {
  return {
    form: `/etc/udev/rules.d/90-vethbench.rules: ACTION=="add", SUBSYSTEM=="net", KERNEL=="<dev>", RUN+="${command.replace(/<dev>/g, '%k')}"`,
    reachesContainers: false,
    note: 'udev rules (and systemd .link files) fire only for devices in the root namespace; inside a container run the command from its start-up (a CNI plugin or the runtime hook)',
  };
}

/** A sysfs file of a device, written inside the device's namespace (ip netns exec remounts /sys for it). */
export function sysfsCommand(file: string, value: string | number): string {
  return `echo ${value} | ip netns exec <ns> tee /sys/class/net/<dev>/${file}`;
}
