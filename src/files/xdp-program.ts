// The XDP knob's programs: the project's own C sources (src/knobs/xdp/xdp-{pass,drop}.bpf.c), compiled on first use with
// Debian's clang and libbpf-dev into the state directory, keyed by the source's hash. Where clang or libbpf's
// headers are missing, the reason names the packages (scripts/setup.sh installs them).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { machine } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host } from '../host/host.ts';
import { stateDir } from '../host/state-dir.ts';
import type { XdpProgram } from '../knobs/types.ts';

/** Two levels up from src/files/ (tsx) and from dist/files/ (the build) is the checkout, which ships src/. */
export const xdpSource = (program: XdpProgram): string => fileURLToPath(new URL(`../../src/knobs/xdp/xdp-${program}.bpf.c`, import.meta.url));
export const BPF_HELPERS_HEADER = '/usr/include/bpf/bpf_helpers.h';

/** Debian's multiarch include directory for `uname -m` (asm/types.h lives there, which clang -target bpf needs). */
export function multiarchTriplet(unameMachine: string): string {
  const known: Record<string, string> = {
    x86_64: 'x86_64-linux-gnu', aarch64: 'aarch64-linux-gnu', armv7l: 'arm-linux-gnueabihf', i686: 'i386-linux-gnu',
    ppc64le: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu', riscv64: 'riscv64-linux-gnu',
  };
  return known[unameMachine] ?? `${unameMachine}-linux-gnu`;
}

export function compileArgv(source: string, output: string, unameMachine = machine()): string[] {
  return ['clang', '-target', 'bpf', '-O2', '-g', `-I/usr/include/${multiarchTriplet(unameMachine)}`, '-c', source, '-o', output];
}

export function xdpObjectPath(program: XdpProgram = 'pass'): string {
  const source = xdpSource(program);
  const hash = existsSync(source) ? createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12) : 'missing';
  return join(stateDir(), 'xdp', `xdp-${program}-${hash}.bpf.o`);
}

/** The compiled object's path, or why there is none (the point is then skipped with that reason). */
export async function ensureXdpObject(host: Host, program: XdpProgram = 'pass'): Promise<{ path: string } | { problem: string }> {
  const path = xdpObjectPath(program);
  const source = xdpSource(program);
  if (existsSync(path)) return { path };
  if (!existsSync(source)) return { problem: `the XDP program's source ${source} is missing from this installation` };
  const clang = await host.exec(['clang', '--version'], { timeoutMs: 10_000 }).catch(() => undefined);
  if (!clang || clang.exitCode !== 0) return { problem: 'clang is not installed; the xdp knob compiles its program with it (apt-get install clang libbpf-dev, or scripts/setup.sh)' };
  if (!existsSync(BPF_HELPERS_HEADER)) return { problem: `libbpf-dev is not installed (${BPF_HELPERS_HEADER} is missing); the xdp knob needs its headers (apt-get install libbpf-dev, or scripts/setup.sh)` };
  mkdirSync(join(stateDir(), 'xdp'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  const r = await host.exec(compileArgv(source, tmp), { timeoutMs: 60_000 });
  if (r.exitCode !== 0) return { problem: `${compileArgv(source, tmp).join(' ')}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join('; ')}` };
  renameSync(tmp, path);
  return { path };
}
