// Facts about the host recorded with every run: what machine, kernel, tools and global network sysctls.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import si from 'systeminformation';
import type { Host } from '../host/host.ts';
import type { HostFacts } from '../results/schema.ts';

export type { HostFacts };

/** Root-namespace sysctls that shape veth throughput, read (never written) from /proc/sys. */
export const RECORDED_SYSCTLS: readonly string[] = [
  'net.core.rmem_max',
  'net.core.wmem_max',
  'net.core.rmem_default',
  'net.core.wmem_default',
  'net.core.netdev_max_backlog',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_congestion_control',
  'net.core.default_qdisc',
];

/** "net.ipv4.tcp_rmem" → "/proc/sys/net/ipv4/tcp_rmem". */
export function sysctlPath(name: string): string {
  return join('/proc/sys', ...name.split('.'));
}

/** "4096\t131072\t6291456\n" → "4096 131072 6291456" (the form `sysctl -n` prints, minus the tabs). */
export function normalizeSysctlValue(raw: string): string {
  return raw.trim().split(/\s+/).join(' ');
}

/** Reads the sysctls of this process's namespace; unreadable or missing ones are left out. */
export async function readSysctls(names: readonly string[] = RECORDED_SYSCTLS): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(names.map(async (name) => {
    try {
      out[name] = normalizeSysctlValue(await readFile(sysctlPath(name), 'utf8'));
    } catch {
      // absent on this kernel (or not readable): simply not recorded
    }
  }));
  // Stable key order, whatever order the reads finished in.
  return Object.fromEntries(names.filter((n) => n in out).map((n) => [n, out[n]!]));
}

/** Resolves to undefined if `promise` rejects or takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Measured on a 2-vCPU KVM guest (Debian 12): osInfo ~60 ms, cpu ~25 ms, mem ~3 ms, system ~30 ms,
// all four in parallel ~80 ms. The calls run in parallel and each is capped so a slow probe (dmidecode,
// lsb_release on odd hosts) can never hold a run up: past the cap, node:os values stand in.
// Deliberately not called: si.cpuCurrentSpeed / si.currentLoad (sample over time), si.graphics,
// si.diskLayout, si.networkInterfaces (slow, irrelevant, or would describe the root namespace's links).
const SI_CAP_MS = 1500;

/** `host` is the seam for commands; today every fact comes from systeminformation, node:os and /proc. */
export async function collectHostFacts(host: Host, toolVersions: Record<string, string>): Promise<HostFacts> {
  void host;
  const [osInfo, cpu, mem, system, sysctls, machineId] = await Promise.all([
    within(si.osInfo(), SI_CAP_MS),
    within(si.cpu(), SI_CAP_MS),
    within(si.mem(), SI_CAP_MS),
    within(si.system(), SI_CAP_MS),
    readSysctls(),
    readFile('/etc/machine-id', 'utf8').then((t) => t.trim(), () => ''),
  ]);

  const cpus = os.cpus();
  const facts: HostFacts = {
    hostname: os.hostname(),
    kernel: os.release(),
    os: {
      distro: osInfo?.distro || os.type(),
      release: osInfo?.release || 'unknown',
      arch: os.machine(),
    },
    cpu: {
      manufacturer: cpu?.manufacturer || 'unknown',
      brand: cpu?.brand || cpus[0]?.model || 'unknown',
      cores: cpu?.cores || cpus.length || os.availableParallelism(),
      physicalCores: cpu?.physicalCores || cpu?.cores || cpus.length || os.availableParallelism(),
    },
    memoryBytes: mem?.total || os.totalmem(),
    toolVersions: { ...toolVersions },
    sysctls,
  };
  if (osInfo?.codename) facts.os.codename = osInfo.codename;
  if (machineId) facts.machineId = machineId;
  // systeminformation reports 0 when the CPU does not tell (common in VMs): leave it out rather than lie.
  if (cpu && cpu.speed > 0) facts.cpu.speedGHz = cpu.speed;
  if (system) {
    facts.virtualization = system.virtualHost ? { virtual: system.virtual, host: system.virtualHost } : { virtual: system.virtual };
  }
  return facts;
}
