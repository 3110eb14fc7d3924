// Preflight: can this host run vethbench? Root (or the two capabilities), the binaries, their versions.
// The checks that touch the machine are thin; deciding what a result means is pure and unit-tested.
import { constants as fsConstants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { PreflightError } from '../errors.ts';
import type { Host } from './host.ts';

export interface ToolRequirement {
  binary: string;
  debianPackage: string;
  purpose: string;
  /** Only some workloads need it; the caller decides whether to ask for it. */
  optional: boolean;
}

export const TOOL_REQUIREMENTS: readonly ToolRequirement[] = [
  { binary: 'ip', debianPackage: 'iproute2', purpose: 'creates namespaces, links, addresses and routes', optional: false },
  { binary: 'ss', debianPackage: 'iproute2', purpose: 'waits until a server listens', optional: false },
  { binary: 'tc', debianPackage: 'iproute2', purpose: 'attaches and reads back qdiscs', optional: false },
  { binary: 'ethtool', debianPackage: 'ethtool', purpose: 'sets and reads back offloads and channels', optional: false },
  { binary: 'iperf3', debianPackage: 'iperf3', purpose: 'throughput workloads', optional: false },
  { binary: 'sysctl', debianPackage: 'procps', purpose: 'turns on forwarding inside router namespaces', optional: false },
  { binary: 'kill', debianPackage: 'procps', purpose: 'stops processes left inside a run\'s namespaces', optional: false },
  { binary: 'sockperf', debianPackage: 'sockperf', purpose: 'latency workloads', optional: true },
  { binary: 'ping', debianPackage: 'iputils-ping', purpose: 'reachability checks (diagnose)', optional: true },
  { binary: 'nft', debianPackage: 'nftables', purpose: 'hostContainer topologies (their NAT rule); required by them', optional: true },
  { binary: 'tcpdump', debianPackage: 'tcpdump', purpose: 'vethbench capture', optional: true },
];

export function toolRequirement(binary: string): ToolRequirement | undefined {
  return TOOL_REQUIREMENTS.find((t) => t.binary === binary);
}

// ---------------------------------------------------------------------------------------------
// Privileges

const CAP_NET_ADMIN = 12n;
const CAP_SYS_ADMIN = 21n;

/** True when CapEff in a /proc/<pid>/status text holds both CAP_NET_ADMIN and CAP_SYS_ADMIN. */
export function hasNetAdminCaps(statusText: string): boolean {
  const m = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(statusText);
  if (!m) return false;
  const eff = BigInt(`0x${m[1]!}`);
  return ((eff >> CAP_NET_ADMIN) & 1n) === 1n && ((eff >> CAP_SYS_ADMIN) & 1n) === 1n;
}

// ---------------------------------------------------------------------------------------------
// Binaries: a PATH search in Node (no `which`, which may be missing or a shell builtin)

/** The directories searched, in order: $PATH, then /usr/sbin and /sbin (often missing from a user's PATH). */
export function searchDirs(pathEnv: string | undefined): string[] {
  const dirs = (pathEnv ?? '').split(delimiter).filter((d) => d !== '');
  for (const extra of ['/usr/sbin', '/sbin']) if (!dirs.includes(extra)) dirs.push(extra);
  return dirs;
}

/** The first executable regular file named `binary` in `dirs`, or undefined. */
export async function findBinary(binary: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = join(dir, binary);
    try {
      if (!(await stat(candidate)).isFile()) continue;
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Versions: pure parsers, tolerant (undefined when the text is not what we know)

export interface ToolVersion {
  /** The version as printed, e.g. "3.12", "6.1.0", "3.7-no.git". */
  text: string;
  major: number;
  minor: number;
  patch?: number;
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

function versionFrom(m: RegExpExecArray | null): ToolVersion | undefined {
  if (!m) return undefined;
  const v: ToolVersion = { text: m[1]!, major: Number(m[2]), minor: Number(m[3]) };
  if (m[4] !== undefined) v.patch = Number(m[4]);
  return v;
}

/** "iperf 3.12 (cJSON 1.7.15)" → 3.12; also "iperf 3.17.1 (…)". */
export function parseIperf3Version(text: string): ToolVersion | undefined {
  return versionFrom(/^iperf\s+v?((\d+)\.(\d+)(?:\.(\d+))?[^\s(]*)/.exec(firstLine(text)));
}

/**
 * "ip utility, iproute2-6.1.0, libbpf 1.1.2" → 6.1.0. Old snapshot tags ("iproute2-ss200127") carry no
 * version number and give undefined.
 */
export function parseIproute2Version(text: string): ToolVersion | undefined {
  return versionFrom(/iproute2-v?((\d+)\.(\d+)(?:\.(\d+))?[^\s,]*)/.exec(firstLine(text)));
}

/** "ethtool version 6.1" → 6.1. */
export function parseEthtoolVersion(text: string): ToolVersion | undefined {
  return versionFrom(/^ethtool\s+version\s+v?((\d+)\.(\d+)(?:\.(\d+))?\S*)/.exec(firstLine(text)));
}

/** "sockperf, version 3.7-no.git" → 3.7 (text keeps the suffix). */
export function parseSockperfVersion(text: string): ToolVersion | undefined {
  return versionFrom(/^sockperf,?\s+version\s+v?((\d+)\.(\d+)(?:\.(\d+))?\S*)/.exec(firstLine(text)));
}

interface VersionProbe {
  tool: string;
  binary: string;
  args: string[];
  parse: (text: string) => ToolVersion | undefined;
}

const VERSION_PROBES: readonly VersionProbe[] = [
  { tool: 'iproute2', binary: 'ip', args: ['-V'], parse: parseIproute2Version },
  { tool: 'ethtool', binary: 'ethtool', args: ['--version'], parse: parseEthtoolVersion },
  { tool: 'iperf3', binary: 'iperf3', args: ['--version'], parse: parseIperf3Version },
  { tool: 'sockperf', binary: 'sockperf', args: ['--version'], parse: parseSockperfVersion },
];

// ---------------------------------------------------------------------------------------------
// The report

export interface BinaryCheck {
  binary: string;
  found: boolean;
  path?: string;
}

export interface ToolVersionInfo {
  binary: string;
  /** The first line the tool printed, kept even when it could not be parsed. */
  line: string;
  parsed?: ToolVersion;
}

export interface PreflightReport {
  needRoot: boolean;
  /** Effective uid 0, or CAP_NET_ADMIN and CAP_SYS_ADMIN both effective. */
  isRoot: boolean;
  euid: number | undefined;
  netAdminCaps: boolean;
  binaries: BinaryCheck[];
  /** By tool name: iproute2, ethtool, iperf3, sockperf (only tools that were asked for and found). */
  versions: Record<string, ToolVersionInfo>;
}

export async function checkPreflight(
  host: Host,
  opts: { needRoot: boolean; binaries: string[] },
): Promise<PreflightReport> {
  const euid = process.geteuid?.();
  let statusText = '';
  try {
    statusText = await readFile('/proc/self/status', 'utf8');
  } catch {
    // not Linux or /proc not mounted: only the uid counts
  }
  const netAdminCaps = hasNetAdminCaps(statusText);

  const dirs = searchDirs(process.env.PATH);
  const unique = [...new Set(opts.binaries)];
  const binaries: BinaryCheck[] = await Promise.all(unique.map(async (binary) => {
    const path = await findBinary(binary, dirs);
    return path ? { binary, found: true, path } : { binary, found: false };
  }));

  const versions: Record<string, ToolVersionInfo> = {};
  await Promise.all(VERSION_PROBES.map(async (probe) => {
    const path = binaries.find((b) => b.binary === probe.binary)?.path;
    if (!path) return;
    const r = await host.exec([path, ...probe.args], { timeoutMs: 5000 });
    const text = r.stdout.trim() !== '' ? r.stdout : r.stderr;
    const line = firstLine(text);
    if (line === '') return;
    const parsed = probe.parse(text);
    versions[probe.tool] = parsed ? { binary: probe.binary, line, parsed } : { binary: probe.binary, line };
  }));

  return { needRoot: opts.needRoot, isRoot: euid === 0 || netAdminCaps, euid, netAdminCaps, binaries, versions };
}

/** Tool versions as plain strings for the host metadata: the parsed version, else the raw first line. */
export function toolVersionTexts(report: PreflightReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tool, info] of Object.entries(report.versions)) out[tool] = info.parsed?.text ?? info.line;
  return out;
}

export interface PreflightProblem {
  problem: string;
  fix: string;
}

/** Everything that stops a run, each with the command that fixes it. Missing packages share one apt-get line. */
export function preflightProblems(report: PreflightReport): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  if (report.needRoot && !report.isRoot) {
    problems.push({
      problem: 'vethbench run needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN to create namespaces)',
      fix: 'run it with sudo',
    });
  }
  const missing = report.binaries.filter((b) => !b.found);
  const known = missing.flatMap((b) => { const t = toolRequirement(b.binary); return t ? [t] : []; });
  const unknown = missing.filter((b) => !toolRequirement(b.binary)).map((b) => b.binary);
  if (known.length > 0) {
    const what = known.map((t) => `${t.binary} (${t.purpose})`).join(', ');
    const packages = [...new Set(known.map((t) => t.debianPackage))];
    problems.push({
      problem: `missing program${known.length > 1 ? 's' : ''}: ${what}`,
      fix: `apt-get install -y ${packages.join(' ')}`,
    });
  }
  if (unknown.length > 0) {
    problems.push({
      problem: `missing program${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (searched $PATH, /usr/sbin and /sbin)`,
      fix: `install ${unknown.join(', ')} or put ${unknown.length > 1 ? 'them' : 'it'} on $PATH`,
    });
  }
  return problems;
}

/** Throws one PreflightError naming every problem and its fix. */
export function assertPreflight(report: PreflightReport): void {
  const problems = preflightProblems(report);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${p.problem}\n    fix: ${p.fix}`);
  throw new PreflightError(
    problems.length === 1
      ? `${problems[0]!.problem}; fix: ${problems[0]!.fix}`
      : `this host cannot run vethbench yet (${problems.length} problems):\n  - ${lines.join('\n  - ')}`,
  );
}
