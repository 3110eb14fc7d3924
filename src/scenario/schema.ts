// The zod schema of a scenario file's default export, with its defaults: the one source of the public scenario types
// (src/scenario/types.ts), of validation, and of the key lists in "unknown field" messages (src/scenario/known-keys.ts).
// Its parts come from the registries: knob values from src/knobs/, topology kinds from src/topology/kinds/.
import { z } from 'zod';
import { KNOB_FAMILIES, KNOB_NAMES, KNOB_VALUE_SCHEMAS, type KnobValueSchemas, type SidedKnobValueSchemas } from '../knobs/registry.ts';
import { TOPOLOGY_SCHEMAS } from '../topology/kinds/registry.ts';
import { parseLinkSpec, type LinkName } from '../topology/link-kinds.ts';
import { distinctValues } from './distinct.ts';
import { gateSchema } from './gate-schema.ts';
import { workloadSchema } from './workload-schema.ts';

export { ROLE_NAME } from '../topology/kinds/common.ts';
export type { ValidWorkloadInput } from './workload-schema.ts';

type Knob = keyof KnobValueSchemas;
const valueSchema = <K extends Knob>(knob: K): KnobValueSchemas[K] => KNOB_VALUE_SCHEMAS[knob];

/** One optional list of values per registered knob: the matrix is their cartesian product. */
const matrixSchema = z.strictObject(
  Object.fromEntries(KNOB_NAMES.map((k) => [k, distinctValues(valueSchema(k as Knob)).optional()])) as {
    [K in keyof KnobValueSchemas]: z.ZodOptional<z.ZodArray<KnobValueSchemas[K]>>
  },
);

/** A partial knob setting (plus workload label) that exclude/include rules match or add. */
const ruleSchema = z.strictObject({
  ...(Object.fromEntries(KNOB_NAMES.map((k) => [k, valueSchema(k as Knob).optional()])) as { [K in keyof KnobValueSchemas]: z.ZodOptional<KnobValueSchemas[K]> }),
  /** Only points of the workload with this label. */
  workload: z.string().optional(),
});

/** Only link knobs have sides; MTU, sysctls and iperf3 options apply where they must. */
export const SIDED_KNOBS: readonly string[] = KNOB_FAMILIES.filter((f) => f.sided).flatMap((f) => f.knobs);
const side = z.enum(['both', 'sender', 'receiver']);
const sidesSchema = z.strictObject(
  Object.fromEntries(SIDED_KNOBS.map((k) => [k, side.optional()])) as { [K in keyof SidedKnobValueSchemas]: z.ZodOptional<typeof side> },
);

const topologySchema = z.discriminatedUnion('kind', TOPOLOGY_SCHEMAS);

/** The refinement accepts exactly the LinkName type, which editors check scenario files against. */
const linkSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseLinkSpec(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
}) as unknown as z.ZodType<LinkName, LinkName>;

export const scenarioSchema = z.strictObject({
  /** Used in the report directory name: [a-z0-9-], at most 40 characters. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'scenario names are 1 to 40 characters of [a-z0-9-] (they name the report directory)' }),
  /** Free text shown in plans and reports. */
  description: z.string().max(2000).default(''),
  topology: topologySchema,
  /** Link kinds to compare on the same workloads and knobs: a dimension of the matrix. Default ['veth']. */
  links: z.array(linkSchema).min(1).optional(),
  /** Each knob lists the values to sweep; the matrix is their cartesian product (minus `exclude`, plus `include`).
   *  Link knobs apply to every veth end unless `sides` says otherwise; every value is read back after applying. */
  matrix: matrixSchema.default({}),
  /** Points matching any rule are not run. */
  exclude: z.array(ruleSchema).default([]),
  /** Extra points beyond the product; each gives a value for every swept knob. */
  include: z.array(ruleSchema).default([]),
  /** Which veth ends a link knob applies to: "both" (default), "sender" or "receiver". */
  sides: sidesSchema.default({}),
  workloads: z.array(workloadSchema).min(1),
  /** Samples per point. Default 3. */
  repetitions: z.int().min(1).max(1000).default(3),
  /** Rounds run before the measured ones and discarded (kept in results.json as `warmup`, never summarized): they
   *  absorb a run's cold start (CPU clocks ramping up, modules and binaries loading). Default 1; --quick uses 0. */
  warmupRepetitions: z.int().min(0).max(10).default(0),
  /** Seconds measured per sample. Default 10. */
  durationS: z.int().min(1).max(3600).default(10),
  /** Seconds at the start of each sample that iperf3 omits (-O), so slow start is not measured. Default 1. */
  omitS: z.int().min(0).max(60).default(1),
  /** The metrics that gate this scenario's comparisons (compare, nightly) instead of the registry's defaults, e.g.
   *  ['latencyP99Us', 'latencyP50Us']: registry metrics with a direction. Stored in results.json (`scenario.gate`);
   *  `compare --gate` still wins. Absent: the registry's defaults. */
  gate: gateSchema.optional(),
});

/** What a scenario file may write (defaults optional): defineScenario() checks against it. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** After validation, every default filled in. */
export type ValidScenario = z.output<typeof scenarioSchema>;
