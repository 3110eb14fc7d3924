// The stored format of `vethbench calibrate`: this host's noise floor, one file per host (machine id + kernel) in the
// calibration directory beside the results. Every sample is kept as the run wrote it (a failed one stays failed); the
// CVs are derived from them and stored for the reader's convenience, recomputable from the samples.
import { z } from 'zod';
import { hostFactsSchema, sampleSchema } from './schema.ts';

/** Version 1: the first calibration format. */
export const CALIBRATION_SCHEMA_VERSION = 1;

const text = z.string();
const count = z.int().min(0);

/** One logical CPU as /sys/devices/system/cpu/cpuN/topology and its node link describe it. */
export const logicalCpuSchema = z.object({
  cpu: count,
  /** topology/core_id: unique within a package only. */
  core: z.int(),
  /** topology/physical_package_id (the socket). */
  package: z.int(),
  /** The NUMA node (the cpuN/nodeM link); absent where the kernel shows none (no NUMA support). */
  node: count.optional(),
  /** topology/thread_siblings_list: the logical CPUs on the same core (SMT siblings), this one included. */
  threadSiblings: z.array(count),
});

export const cpuTopologySchema = z.object({ cpus: z.array(logicalCpuSchema) });

/** How client and server were placed: no -A, or iperf3 -A with the argument the affinity knob gave. */
export const placementSchema = z.enum(['unpinned', 'same-core']);

export const calibrationConfigurationSchema = z.object({
  /** e.g. "tcp unpinned", "udp-64B same-core". */
  label: text,
  protocol: z.enum(['tcp', 'udp']),
  placement: placementSchema,
  /** The iperf3 -A argument used ("0,0"), absent when unpinned. */
  affinityArgument: text.optional(),
  /** The registry metric the CV is of (throughputBps for TCP, pps for UDP). */
  metric: text,
  /** The point's key in the calibration run's results.json. */
  pointKey: text,
  /** Every measured sample of the point, as results.json holds it. */
  samples: z.array(sampleSchema),
  /** Clean successful samples the figures below come from. */
  n: count,
  median: z.number().nullable(),
  /** Per-sample noise: the standard deviation of the log values (≈ CV); null below 3 clean samples. */
  cv: z.number().nullable(),
  /** Percentile bootstrap interval of that CV, and its level. */
  cvCiLow: z.number().nullable(),
  cvCiHigh: z.number().nullable(),
  cvCiConfidence: z.number(),
});

export const calibrationRecordSchema = z.object({
  schemaVersion: z.int().min(1),
  kind: z.literal('vethbench-calibration'),
  tool: z.object({ name: z.literal('vethbench'), version: text }),
  /** What the file is keyed by: a calibration is only read on the host and kernel it was measured on. */
  key: z.object({ machineId: text, kernel: text }),
  calibratedAt: text,
  host: hostFactsSchema,
  cpuTopology: cpuTopologySchema.optional(),
  settings: z.object({ repetitions: count, durationS: z.number(), omitS: z.number(), quick: z.boolean() }),
  /** The calibration run's directory (its results.json, raw outputs and report). */
  runDir: text,
  configurations: z.array(calibrationConfigurationSchema).min(1),
});

export type LogicalCpu = z.infer<typeof logicalCpuSchema>;
export type CpuTopology = z.infer<typeof cpuTopologySchema>;
export type Placement = z.infer<typeof placementSchema>;
export type CalibrationConfiguration = z.infer<typeof calibrationConfigurationSchema>;
export type CalibrationRecord = z.infer<typeof calibrationRecordSchema>;
