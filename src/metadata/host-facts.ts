// Facts about the host recorded with every run: what machine, kernel, tools and global network sysctls.
import { readdir, readFile } from 'node:fs/promises';
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
  const [osInfo, cpu, mem, system, sysctls, machineId, tuning] = await Promise.all([
    within(si.osInfo(), SI_CAP_MS),
    within(si.cpu(), SI_CAP_MS),
    within(si.mem(), SI_CAP_MS),
    within(si.system(), SI_CAP_MS),
    readSysctls(),
    readFile('/etc/machine-id', 'utf8').then((t) => t.trim(), () => ''),
    collectTuningFacts(),
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
    ...tuning,
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

/** The facts that move results, each read from /proc or /sys; absent where the host does not expose one. */
export type TuningFacts = Pick<HostFacts, 'cpuGovernor' | 'turbo' | 'mitigations' | 'transparentHugePages' | 'cgroupCpu'>;

/** "… mitigations=auto,nosmt quiet" → "auto,nosmt"; no parameter → "default" (the kernel's own choice). */
export function parseMitigations(cmdline: string): string {
  const m = /(?:^|\s)mitigations=(\S+)/.exec(cmdline);
  return m ? m[1]! : 'default';
}

/** "always [madvise] never" → "madvise". */
export function parseBracketed(text: string): string | undefined {
  return /\[([^\]]+)\]/.exec(text)?.[1];
}

/** /proc/self/cgroup → the cgroup v2 path ("0::/x") and the v1 cpu controller's path ("N:cpu,cpuacct:/x"). */
export function parseCgroupPaths(text: string): { v2?: string; v1Cpu?: string } {
  const out: { v2?: string; v1Cpu?: string } = {};
  for (const line of text.split('\n')) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (path === undefined) continue;
    if (controllers === '') out.v2 = path;
    else if (controllers!.split(',').includes('cpu')) out.v1Cpu = path;
  }
  return out;
}

/** cpu.stat text → nr_throttled and the throttled time in µs (v2 throttled_usec, v1 throttled_time in ns). */
export function parseCpuStat(text: string): { nrThrottled?: number; throttledUsec?: number } {
  const get = (key: string) => { const line = text.split('\n').find((l) => l.startsWith(`${key} `)); return line && /^\S+ \d+$/.test(line.trim()) ? Number(line.trim().split(' ')[1]) : undefined; };
  const usec = get('throttled_usec') ?? (get('throttled_time') === undefined ? undefined : Math.round(get('throttled_time')! / 1000));
  const nr = get('nr_throttled');
  return { ...(nr === undefined ? {} : { nrThrottled: nr }), ...(usec === undefined ? {} : { throttledUsec: usec }) };
}

/** v1 quota and period → cpu.max's form ("max 100000" when unlimited). */
export function v1CpuMax(quotaUs: string, periodUs: string): string {
  const q = Number(quotaUs.trim());
  return `${q < 0 ? 'max' : String(q)} ${periodUs.trim()}`;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function readCgroupCpu(): Promise<TuningFacts['cgroupCpu']> {
  const paths = parseCgroupPaths((await readText('/proc/self/cgroup')) ?? '');
  if (paths.v2 !== undefined) {
    const dir = join('/sys/fs/cgroup', paths.v2);
    const max = await readText(join(dir, 'cpu.max'));
    if (max) return { cpuMax: max.trim(), ...parseCpuStat((await readText(join(dir, 'cpu.stat'))) ?? '') };
  }
  if (paths.v1Cpu !== undefined) {
    const dir = join('/sys/fs/cgroup/cpu', paths.v1Cpu);
    const [quota, period] = await Promise.all([readText(join(dir, 'cpu.cfs_quota_us')), readText(join(dir, 'cpu.cfs_period_us'))]);
    if (quota && period) return { cpuMax: v1CpuMax(quota, period), ...parseCpuStat((await readText(join(dir, 'cpu.stat'))) ?? '') };
  }
  return undefined;
}

async function readGovernors(): Promise<string | undefined> {
  let cpus: string[];
  try {
    cpus = (await readdir('/sys/devices/system/cpu')).filter((n) => /^cpu\d+$/.test(n));
  } catch {
    return undefined;
  }
  const found = (await Promise.all(cpus.map((c) => readText(`/sys/devices/system/cpu/${c}/cpufreq/scaling_governor`)))).flatMap((t) => (t ? [t.trim()] : []));
  return found.length ? [...new Set(found)].sort().join(',') : undefined;
}

/** intel_pstate's no_turbo (1 = off), else cpufreq's boost (1 = on); undefined where neither exists (most VMs). */
async function readTurbo(): Promise<string | undefined> {
  const noTurbo = await readText('/sys/devices/system/cpu/intel_pstate/no_turbo');
  if (noTurbo !== undefined) return noTurbo.trim() === '1' ? 'off' : 'on';
  const boost = await readText('/sys/devices/system/cpu/cpufreq/boost');
  if (boost !== undefined) return boost.trim() === '1' ? 'on' : 'off';
  return undefined;
}

export async function collectTuningFacts(): Promise<TuningFacts> {
  const [governor, turbo, cmdline, thp, cgroupCpu] = await Promise.all([
    readGovernors(), readTurbo(), readText('/proc/cmdline'), readText('/sys/kernel/mm/transparent_hugepage/enabled'), readCgroupCpu(),
  ]);
  const thpMode = thp ? parseBracketed(thp) : undefined;
  return {
    ...(governor ? { cpuGovernor: governor } : {}),
    ...(turbo ? { turbo } : {}),
    ...(cmdline !== undefined ? { mitigations: parseMitigations(cmdline) } : {}),
    ...(thpMode ? { transparentHugePages: thpMode } : {}),
    ...(cgroupCpu ? { cgroupCpu } : {}),
  };
}
