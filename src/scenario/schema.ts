// The zod schema of a scenario file's default export, and the defaults that turn it into a Scenario.
import { z } from 'zod';
import { KNOB_FAMILIES } from '../knobs/registry.ts';
import { parseLinkSpec } from '../topology/link-kinds.ts';
import { crrSchema } from '../workloads/crr-spec.ts';
import { flowsSchema } from '../workloads/flows-spec.ts';
import { ppsSchema } from '../workloads/pps-spec.ts';
import { rrSchema } from '../workloads/rr-spec.ts';

export const ROLE_NAME = /^[a-z][a-z0-9]{0,7}$/;
const roleName = z.string().regex(ROLE_NAME, {
  message: 'role names are 1 to 8 characters of [a-z0-9], starting with a letter (with the run prefix and link index they make interface names, which the kernel limits to 15 characters)',
});
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { message: 'expected an IPv4 CIDR such as "198.18.0.0/15"' });

/** One optional list of values per registered knob: the matrix is their cartesian product. */
const matrixSchema = z.strictObject(
  Object.fromEntries(KNOB_FAMILIES.flatMap((f) => f.knobs.map((k) => [k, z.array(f.valueSchemas[k]!).min(1).optional()]))),
);
/** A partial knob setting (plus workload label) that exclude/include rules match or add. */
const ruleSchema = z.strictObject({
  ...Object.fromEntries(KNOB_FAMILIES.flatMap((f) => f.knobs.map((k) => [k, f.valueSchemas[k]!.optional()]))),
  workload: z.string().optional(),
});
/** Only link knobs have sides; MTU, sysctls and iperf3 options apply where they must. */
export const SIDED_KNOBS: readonly string[] = KNOB_FAMILIES.filter((f) => f.sided).flatMap((f) => f.knobs);
const sidesSchema = z.strictObject(Object.fromEntries(SIDED_KNOBS.map((k) => [k, z.enum(['both', 'sender', 'receiver']).optional()])));

const topologySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pair'),
    addressPool: cidr.optional(),
    names: z.strictObject({ client: roleName.optional(), server: roleName.optional() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('router'),
    addressPool: cidr.optional(),
    names: z.strictObject({ client: roleName.optional(), router: roleName.optional(), server: roleName.optional() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('bridge'),
    containers: z.int().min(2).max(16).optional(),
    addressPool: cidr.optional(),
    names: z.strictObject({ host: roleName.optional(), container: roleName.optional() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('hostContainer'),
    addressPool: cidr.optional(),
    names: z.strictObject({ container: roleName.optional(), host: roleName.optional(), remote: roleName.optional() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('chain'),
    hops: z.int().min(1).max(8).optional(),
    addressPool: cidr.optional(),
    names: z.strictObject({ client: roleName.optional(), router: roleName.optional(), server: roleName.optional() }).optional(),
  }),
]);

const linkSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseLinkSpec(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

const label = z.string().min(1).max(40);
const streams = z.int().min(1).max(128);
const rate = z.string().regex(/^\d+(\.\d+)?[KMGkmg]?$/, { message: 'expected an iperf3 rate such as "0" (unlimited), "500M" or "1G"' });
const udpLength = z.int().min(16).max(65507);
const iperf3Schema = z.discriminatedUnion('protocol', [
  z.strictObject({
    tool: z.literal('iperf3'),
    protocol: z.literal('tcp'),
    name: label.optional(),
    streams: streams.optional(),
    reverse: z.boolean().optional(),
    bidir: z.boolean().optional(),
    blockBytes: z.int().min(1).max(1024 * 1024).optional(),
    zerocopy: z.boolean().optional(),
    congestion: z.string().regex(/^[a-z0-9_]{1,15}$/, { message: 'expected a congestion control name such as "cubic", "reno" or "bbr"' }).optional(),
  }),
  z.strictObject({
    tool: z.literal('iperf3'),
    protocol: z.literal('udp'),
    name: label.optional(),
    streams: streams.optional(),
    bitrate: rate.optional(),
    lengthBytes: udpLength.optional(),
    senders: z.int().min(1).max(16).optional(),
  }),
]);
const workloadSchema = z.discriminatedUnion('tool', [
  iperf3Schema,
  z.strictObject({
    tool: z.literal('sockperf'),
    protocol: z.enum(['tcp', 'udp']),
    name: label.optional(),
    messageBytes: z.int().min(14).max(65000).optional(),
    underLoad: z.boolean().optional(),
  }),
  z.strictObject({
    tool: z.literal('density'),
    name: label.optional(),
    pairs: z.array(z.int().min(1).max(256)).min(1),
    protocol: z.enum(['tcp', 'udp']).optional(),
    bitrate: rate.optional(),
    lengthBytes: udpLength.optional(),
  }),
  z.strictObject({
    tool: z.literal('setup-cost'),
    name: label.optional(),
    modes: z.array(z.enum(['batched', 'one-at-a-time'])).min(1).optional(),
    pairs: z.int().min(1).max(256).optional(),
    minIterations: z.int().min(1).max(100_000).optional(),
  }),
  rrSchema, crrSchema, flowsSchema, ppsSchema,
]);

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'scenario names are 1 to 40 characters of [a-z0-9-] (they name the report directory)' }),
  description: z.string().max(2000).optional(),
  topology: topologySchema,
  links: z.array(linkSchema).min(1).optional(),
  matrix: matrixSchema.optional(),
  exclude: z.array(ruleSchema).optional(),
  include: z.array(ruleSchema).optional(),
  sides: sidesSchema.optional(),
  workloads: z.array(workloadSchema).min(1),
  repetitions: z.int().min(1).max(1000).optional(),
  warmupRepetitions: z.int().min(0).max(10).optional(),
  durationS: z.int().min(1).max(3600).optional(),
  omitS: z.int().min(0).max(60).optional(),
});

export type ValidScenarioInput = z.infer<typeof scenarioSchema>;
export type ValidWorkloadInput = z.infer<typeof workloadSchema>;
