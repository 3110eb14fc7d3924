// Pure: the default export of a scenario file → a Scenario, or a ScenarioError listing every problem.
import { ScenarioError, type ScenarioProblem } from '../errors.ts';
import { knobConflictProblems } from '../knobs/knob-conflicts.ts';
import { parseLinkSpec, VETH, type LinkSpec } from '../topology/link-kinds.ts';
import { linkProblems, topologyProblems } from '../topology/resolve.ts';
import { problemsFromZod } from './problems.ts';
import { scenarioSchema } from './schema.ts';
import type { KnobRule, ResolvedWorkload, Scenario } from './scenario.ts';
import { resolveWorkloads } from './workloads.ts';

/** By entry: an entry that failed the schema resolves to nothing, which keeps the others' indices right. */
function duplicateLabelProblems(workloads: readonly ResolvedWorkload[][]): ScenarioProblem[] {
  const seen = new Map<string, number>();
  return workloads.flatMap((resolved, i) => resolved.flatMap((w) => {
    const first = seen.get(w.label);
    seen.set(w.label, first ?? i);
    return first === undefined || first === i ? [] : [{ path: `workloads[${i}]`, message: `has the same label "${w.label}" as workloads[${first}]; give one of them a distinct name` }];
  }));
}

/** Checks across fields (topology names and pool, links, workload labels), run on every part that is valid on its own,
 *  so they are reported together with the schema's problems rather than after those are fixed. */
function crossFieldProblems(input: Record<string, unknown>): ScenarioProblem[] {
  const topology = scenarioSchema.shape.topology.safeParse(input.topology);
  const workload = scenarioSchema.shape.workloads.element;
  const workloads = Array.isArray(input.workloads)
    ? input.workloads.map((w: unknown) => {
        const parsed = workload.safeParse(w);
        return parsed.success ? resolveWorkloads(parsed.data) : [];
      })
    : [];
  return [
    ...(topology.success ? [...topologyProblems(topology.data), ...linkProblems(topology.data, validLinks(input.links))] : []),
    ...duplicateLabelProblems(workloads),
  ];
}

/** The entries of `links` that parse, with their index (the others are reported by the schema). */
function validLinks(links: unknown): { index: number; link: LinkSpec }[] {
  if (!Array.isArray(links)) return [];
  return links.flatMap((text: unknown, index) => {
    const link = typeof text === 'string' ? parseLinkSpec(text) : undefined;
    return link && typeof link !== 'string' ? [{ index, link }] : [];
  });
}

/** Rules may only name swept knobs and known workloads; an include rule gives every swept knob a value, so a
 *  trial never inherits a knob from the previous one on a topology that stays up between trials. */
function ruleProblems(field: 'exclude' | 'include', rules: KnobRule[], matrix: Scenario['matrix'], workloads: ResolvedWorkload[], complete: boolean): ScenarioProblem[] {
  const swept = Object.keys(matrix);
  return rules.flatMap((rule, i) => {
    const problems: ScenarioProblem[] = [];
    for (const knob of Object.keys(rule).filter((k) => k !== 'workload' && !swept.includes(k))) {
      problems.push({ path: `${field}[${i}].${knob}`, message: `"${knob}" is not swept in matrix; rules may name ${[...swept, 'workload'].join(', ')}` });
    }
    if (rule.workload !== undefined && !workloads.some((w) => w.label === rule.workload)) {
      problems.push({ path: `${field}[${i}].workload`, message: `no workload is labelled "${rule.workload}"; labels are ${workloads.map((w) => w.label).join(', ')}` });
    }
    const missing = swept.filter((k) => rule[k] === undefined);
    if (complete && missing.length) problems.push({ path: `${field}[${i}]`, message: `gives no value for ${missing.join(', ')}; an include rule sets every swept knob` });
    return problems;
  });
}

export function validateScenario(input: unknown, file: string, sourceSha256: string): Scenario {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError(file, [{ path: '', message: 'the default export must be a scenario object: export default defineScenario({ ... })' }]);
  }
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  const crossField = crossFieldProblems(input as Record<string, unknown>);
  if (!parsed.success) throw new ScenarioError(file, [...problemsFromZod(parsed.error.issues, { schema: scenarioSchema, input }), ...crossField]);
  if (crossField.length) throw new ScenarioError(file, crossField);
  const s = parsed.data;
  const workloads = s.workloads.flatMap(resolveWorkloads);
  const matrix = s.matrix as Scenario['matrix'];
  const exclude = s.exclude as KnobRule[];
  const include = s.include as KnobRule[];
  const rules = [
    ...ruleProblems('exclude', exclude, matrix, workloads, false), ...ruleProblems('include', include, matrix, workloads, true),
    ...knobConflictProblems({ matrix, exclude, include, workloads: s.workloads }),
  ];
  if (rules.length) throw new ScenarioError(file, rules);
  return {
    file,
    sourceSha256,
    name: s.name,
    description: s.description,
    topology: s.topology,
    links: s.links ? validLinks(s.links).map((l) => l.link) : [VETH],
    matrix,
    exclude,
    include,
    sides: s.sides,
    workloads,
    repetitions: s.repetitions,
    warmupRepetitions: s.warmupRepetitions,
    durationS: s.durationS,
    omitS: s.omitS,
    ...(s.gate ? { gate: s.gate } : {}),
  };
}
