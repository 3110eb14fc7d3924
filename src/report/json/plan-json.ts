// `vethbench plan --json` as a zod schema with its pure builder: each resolved plan (scenario, settings, points,
// trials in execution order, the estimate), its warnings and the exact commands of one trial. The parts whose shape
// belongs to scenario/ and topology/ (the resolved topology, link specs, sides, workloads) are checked for what
// identifies them and kept whole; their types are the resolved ones.
import { z } from 'zod';
import { describeCommand } from '../../net/command.ts';
import { knobValueSchema, pointSchema, runSettingsSchema } from '../../results/schema.ts';
import type { Scenario } from '../../scenario/scenario.ts';
import { allPlanWarnings, oneTrialCommands } from '../terminal/plan-text.ts';
import type { Plan } from '../../plan/expand.ts';
import type { HostLimits } from '../../plan/host-limits.ts';
import type { KnobShell } from '../../knobs/types.ts';

/** Version of the `plan --json` document; bump it when a field changes meaning or goes away. */
export const PLAN_JSON_SCHEMA_VERSION = 1;

const text = z.string();
const count = z.int().min(0);
const knobSettings = z.record(text, knobValueSchema);
/** A part of the resolved scenario whose shape scenario/ or topology/ owns: checked for `key`, kept whole. */
const owned = <T>(key: string) => z.looseObject({ [key]: text }).transform((v) => v as unknown as T);
const knobRule = z.record(text, knobValueSchema.optional()).transform((r) => r as Scenario['exclude'][number]);

const resolvedScenarioSchema = z.object({
  name: text,
  description: text,
  file: text.describe('The path as the user gave it.'),
  sourceSha256: text.describe("sha256 of the file's text."),
  topology: owned<Scenario['topology']>('kind'),
  links: z.array(owned<Scenario['links'][number]>('kind')).describe('Link kinds to measure, parsed, in the order given.'),
  matrix: z.record(text, z.array(knobValueSchema)).describe('Swept knobs only: knob → values, in the order given.'),
  exclude: z.array(knobRule),
  include: z.array(knobRule),
  sides: z.record(text, z.unknown()).transform((s) => s as Scenario['sides']),
  workloads: z.array(pointSchema.shape.workload),
  repetitions: count.optional(),
  warmupRepetitions: count.optional(),
  durationS: z.number().optional(),
  omitS: z.number().optional(),
  gate: z.array(text).optional(),
});

const planPointSchema = z.object({
  id: text,
  key: text.describe('Canonical identity (link, knobs, workload): what compare matches across runs.'),
  link: text,
  knobs: knobSettings,
  workload: pointSchema.shape.workload,
  label: text,
});

const trialSchema = z.object({
  index: count.describe('0-based position in execution order.'),
  pointId: text,
  repetition: count.describe('Counted separately for warm-up and measured rounds, from 0.'),
  warmup: z.literal(true).optional(),
});

const commandSchema = z.object({
  argv: z.array(text),
  stdin: text.optional(),
  netns: text.optional(),
  line: text.describe('The line a person could paste into a root shell to do the same.'),
});

export const planJsonSchema = z.object({
  schemaVersion: z.literal(PLAN_JSON_SCHEMA_VERSION),
  plans: z.array(z.object({
    scenario: resolvedScenarioSchema,
    settings: runSettingsSchema,
    points: z.array(planPointSchema),
    trials: z.array(trialSchema),
    estimatedSeconds: z.number(),
    warnings: z.array(text),
    commands: z.object({ point: text, prefix: text, list: z.array(commandSchema) }).optional()
      .describe('The commands of one trial of the first point (under the prefix shown; a run picks a fresh one).'),
  })),
});

export type PlanJson = z.output<typeof planJsonSchema>;

export function planJson(plans: readonly Plan[], prefix: string, port: number, shell: KnobShell, hostLimits?: HostLimits): PlanJson {
  return {
    schemaVersion: PLAN_JSON_SCHEMA_VERSION,
    plans: plans.map((plan) => {
      const trial = oneTrialCommands(plan, prefix, port, shell);
      return {
        ...plan,
        warnings: allPlanWarnings(plan, hostLimits),
        commands: trial ? { point: trial.label, prefix, list: trial.commands.map((c) => ({ ...c, line: describeCommand(c) })) } : undefined,
      };
    }),
  };
}
