// Pure: is the baseline from this host and these tools? A baseline measured on another machine (machine id, CPU
// model or count) or with another major version of iperf3 or sockperf measures something else: the night refuses
// it unless --allow-foreign-baseline. A different kernel is NOT refused: "what a new kernel changes" is one of the
// nightly's jobs, so it is gated and listed.
import type { HostFacts, RunResults } from '../results/schema.ts';

export interface BaselineCheck {
  /** Why the baseline is foreign; empty when it is not. */
  foreign: string[];
  /** The kernels when they differ: the night is gated and its changes are listed as this kernel's. */
  kernelChange?: { base: string; new: string };
}

const major = (version: string | undefined) => version?.match(/\d+/)?.[0];

export function hostDifferences(base: HostFacts, night: HostFacts): string[] {
  const out: string[] = [];
  if (base.machineId && night.machineId && base.machineId !== night.machineId) out.push(`machine id ${base.machineId} → ${night.machineId} (/etc/machine-id)`);
  if (base.cpu.brand !== night.cpu.brand) out.push(`CPU model ${base.cpu.brand} → ${night.cpu.brand}`);
  if (base.cpu.cores !== night.cpu.cores) out.push(`CPU count ${base.cpu.cores} → ${night.cpu.cores}`);
  for (const tool of ['iperf3', 'sockperf']) {
    const was = base.toolVersions[tool];
    const now = night.toolVersions[tool];
    if (was && now && major(was) !== major(now)) out.push(`${tool} major version ${was} → ${now}`);
  }
  return out;
}

export function checkBaseline(base: RunResults, night: RunResults): BaselineCheck {
  if (!base.host || !night.host) return { foreign: [`host facts not recorded in the ${base.host ? 'night' : 'baseline'}: it cannot be told to be this host's`] };
  const foreign = hostDifferences(base.host, night.host);
  return { foreign, ...(base.host.kernel !== night.host.kernel ? { kernelChange: { base: base.host.kernel, new: night.host.kernel } } : {}) };
}
