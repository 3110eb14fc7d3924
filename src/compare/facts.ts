// Pure: which facts differ between two runs. A delta between two kernels or iperf3 versions may be theirs, not
// the knob's; the comparison says so instead of letting the reader guess.
import type { RunResults } from '../results/schema.ts';
import type { FactDifference } from './types.ts';

type Facts = Map<string, string>;

function factsOf(results: RunResults): Facts {
  const facts: Facts = new Map();
  const h = results.host;
  if (h) {
    facts.set('hostname', h.hostname);
    facts.set('CPU model', h.cpu.brand);
    facts.set('CPU cores', String(h.cpu.cores));
    facts.set('kernel', h.kernel);
    facts.set('OS', `${h.os.distro} ${h.os.release} ${h.os.arch}`);
    if (h.memoryBytes !== undefined) facts.set('memory', `${(h.memoryBytes / 2 ** 30).toFixed(1)} GiB`);
    if (h.virtualization) facts.set('virtualization', h.virtualization.virtual ? (h.virtualization.host ?? 'virtual') : 'bare metal');
    for (const [tool, version] of Object.entries(h.toolVersions)) facts.set(`${tool} version`, version);
    for (const [name, value] of Object.entries(h.sysctls ?? {})) facts.set(`sysctl ${name}`, value);
    if (h.cpuGovernor) facts.set('CPU frequency governor', h.cpuGovernor);
    if (h.turbo) facts.set('turbo', h.turbo);
    if (h.mitigations) facts.set('mitigations (kernel command line)', h.mitigations);
    if (h.transparentHugePages) facts.set('transparent huge pages', h.transparentHugePages);
    if (h.cgroupCpu) facts.set('cgroup cpu.max', h.cgroupCpu.cpuMax);
  } else {
    facts.set('host facts', 'not recorded');
  }
  facts.set('vethbench version', results.tool.version);
  facts.set('scenario', results.scenario.name);
  facts.set('scenario source (sha256)', results.scenario.sourceSha256.slice(0, 12));
  const s = results.run.settings;
  facts.set('seconds per sample', String(s.durationS));
  facts.set('seconds omitted (-O)', String(s.omitS));
  facts.set('warm-up rounds', String(s.warmupRepetitions ?? 0));
  return facts;
}

export function factDifferences(base: RunResults, next: RunResults): FactDifference[] {
  const a = factsOf(base);
  const b = factsOf(next);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names.flatMap((fact) => {
    const was = a.get(fact) ?? '(absent)';
    const now = b.get(fact) ?? '(absent)';
    return was === now ? [] : [{ fact, base: was, new: now }];
  });
}
