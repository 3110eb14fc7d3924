// Pure: the identity of a compared run and its host, as shown in headers.
import type { RunResults, HostFacts, PointResult } from '../results/schema.ts';
import type { HostSummary, PointRef, RunRef } from './types.ts';
import { hostQuietness } from './quietness.ts';

function hostSummary(host: HostFacts): HostSummary {
  return {
    hostname: host.hostname,
    cpuModel: host.cpu.brand,
    cores: host.cpu.cores,
    kernel: host.kernel,
    os: `${host.os.distro} ${host.os.release}`.trim(),
    ...(host.memoryBytes !== undefined ? { memoryBytes: host.memoryBytes } : {}),
    toolVersions: { ...host.toolVersions },
  };
}

export function runRef(file: string, results: RunResults): RunRef {
  const s = results.run.settings;
  return {
    file,
    runId: results.run.id,
    scenario: results.scenario.name,
    startedAt: results.run.startedAt,
    status: results.run.status,
    toolVersion: results.tool.version,
    settings: { repetitions: s.repetitions, warmupRepetitions: s.warmupRepetitions ?? 0, durationS: s.durationS, omitS: s.omitS },
    ...(results.host ? { host: hostSummary(results.host) } : {}),
    quietness: hostQuietness(results),
  };
}

export function pointRef(point: PointResult): PointRef {
  return { key: point.key, label: point.label, link: point.link, workload: point.workload.label, requested: point.requested };
}
