// Pure: the default export of a scenario file → a Scenario, or a ScenarioError listing every problem.
import { ScenarioError, type ScenarioProblem } from '../errors.ts';
import { topologyProblems } from '../topology/resolve.ts';
import { problemsFromZod } from './problems.ts';
import { scenarioSchema, type ValidScenarioInput } from './schema.ts';
import type { ResolvedWorkload, Scenario } from './scenario.ts';

function resolveWorkload(w: ValidScenarioInput['workloads'][number]): ResolvedWorkload {
  const streams = w.streams ?? 1;
  if (w.protocol === 'tcp') {
    const reverse = w.reverse ?? false;
    return { label: w.name ?? `tcp${streams > 1 ? `-P${streams}` : ''}${reverse ? '-R' : ''}`, tool: 'iperf3', protocol: 'tcp', streams, reverse };
  }
  const bitrate = w.bitrate ?? '0';
  const lengthBytes = w.lengthBytes ?? 1400;
  const label = w.name ?? `udp-${lengthBytes}B${streams > 1 ? `-P${streams}` : ''}${bitrate === '0' ? '' : `-${bitrate}`}`;
  return { label, tool: 'iperf3', protocol: 'udp', streams, bitrate, lengthBytes };
}

function duplicateLabelProblems(workloads: ResolvedWorkload[]): ScenarioProblem[] {
  const seen = new Map<string, number>();
  return workloads.flatMap((w, i) => {
    const first = seen.get(w.label);
    seen.set(w.label, first ?? i);
    return first === undefined ? [] : [{ path: `workloads[${i}]`, message: `has the same label "${w.label}" as workloads[${first}]; give one of them a distinct name` }];
  });
}

export function validateScenario(input: unknown, file: string, sourceSha256: string): Scenario {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError(file, [{ path: '', message: 'the default export must be a scenario object: export default defineScenario({ ... })' }]);
  }
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ScenarioError(file, problemsFromZod(parsed.error.issues));
  const s = parsed.data;
  const workloads = s.workloads.map(resolveWorkload);
  const problems = [...topologyProblems(s.topology), ...duplicateLabelProblems(workloads)];
  if (problems.length) throw new ScenarioError(file, problems);
  return {
    file,
    sourceSha256,
    name: s.name,
    description: s.description ?? '',
    topology: s.topology,
    matrix: s.matrix ?? {},
    workloads,
    repetitions: s.repetitions ?? 3,
    warmupRepetitions: s.warmupRepetitions ?? 1,
    durationS: s.durationS ?? 10,
    omitS: s.omitS ?? 1,
  };
}
