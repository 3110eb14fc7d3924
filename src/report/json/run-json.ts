// `vethbench run --json` as a zod schema with its pure builder: per run, each point's sample counts and summary, the
// link kinds side by side, the effects and the density capacity answers. src/cli/run-command.ts prints what it builds.
import { z } from 'zod';
import { capacityAnswers } from '../../results/density.ts';
import { effectSchema, knobValueSchema, pointSchema, runResultsSchema, type RunResults } from '../../results/schema.ts';
import { compareLinkKinds, comparesLinks, type LinkComparisonRow } from '../terminal/link-comparison.ts';

/** Version of the `run --json` document; bump it when a field changes meaning or goes away. */
export const RUN_JSON_SCHEMA_VERSION = 1;

const text = z.string();
const count = z.int().min(0);

const LINK_STATUSES = ['measured', 'skipped', 'failed', 'not run'] as const satisfies readonly LinkComparisonRow['status'][];

/** A row of the link-kind comparison (src/report/terminal/link-comparison.ts); the builder keeps every row inside it. */
const linkComparisonRowSchema = z.object({
  case: text.describe('Workload label and knob values: the rows that share it are compared with each other.'),
  link: text,
  status: z.enum(LINK_STATUSES),
  reason: text.optional().describe("Why it was skipped or failed (the first sample's reason)."),
  throughputBps: z.number().optional().describe("Medians over the point's ok samples."),
  pps: z.number().optional().describe('UDP only: datagrams delivered per second.'),
  cpuPercentPerGbps: z.number().optional().describe("iperf3's CPU % of the client plus the server process, per Gbit/s delivered (median over samples)."),
  vsLoopback: z.number().optional().describe("Median throughput ÷ the same case's loopback (upper bound) median."),
  vsVeth: z.number().optional().describe("Median throughput ÷ the same case's veth median."),
});

/** A density sweep with a per-pair target (src/results/density.ts). */
const capacityAnswerSchema = z.object({
  workload: text.describe('The density workload\'s label without its "-n<N>" suffix.'),
  targetBps: z.number(),
  largestPairs: count.optional().describe('Largest pair count before the first one that missed the target; absent when the smallest already missed.'),
  tried: z.array(z.object({ pairs: count, met: z.boolean() })).describe('Pair counts tried, in order, with whether all their samples met it.'),
});

const runPointSchema = z.object({
  id: text,
  key: text,
  label: text,
  link: text,
  requested: z.record(text, knobValueSchema),
  effective: pointSchema.shape.effective,
  samples: z.object({ ok: count, failed: count, skipped: count }),
  summary: pointSchema.shape.summary,
});

export const runJsonSchema = z.object({
  schemaVersion: z.literal(RUN_JSON_SCHEMA_VERSION),
  runs: z.array(z.object({
    scenario: text,
    status: runResultsSchema.shape.run.shape.status,
    resultsFile: text,
    points: z.array(runPointSchema),
    links: runResultsSchema.shape.scenario.shape.topology.shape.links.unwrap().optional()
      .describe('Runs that measure several link kinds: what each kind\'s traffic crosses.'),
    linkComparison: z.array(linkComparisonRowSchema).optional().describe('Runs that measure several link kinds: the kinds side by side.'),
    effects: z.array(effectSchema).describe('Every effect the run decided (or could not), as results.json holds them.'),
    capacity: z.array(capacityAnswerSchema).describe('Density sweeps with a per-pair target: the largest pair count that met it.'),
  })),
});

export type RunJson = z.output<typeof runJsonSchema>;

export function runJson(outcomes: readonly { runDir: string; results: RunResults }[]): RunJson {
  return {
    schemaVersion: RUN_JSON_SCHEMA_VERSION,
    runs: outcomes.map(({ runDir, results }) => ({
      scenario: results.scenario.name,
      status: results.run.status,
      resultsFile: `${runDir}/results.json`,
      points: results.points.map((p) => ({
        id: p.id, key: p.key, label: p.label, link: p.link, requested: p.requested, effective: p.effective,
        samples: { ok: p.samples.filter((s) => s.status === 'ok').length, failed: p.samples.filter((s) => s.status === 'failed').length, skipped: p.samples.filter((s) => s.status === 'skipped').length },
        summary: p.summary,
      })),
      ...(comparesLinks(results) ? { links: results.scenario.topology.links, linkComparison: compareLinkKinds(results.points) } : {}),
      effects: results.effects ?? [],
      capacity: capacityAnswers(results.points),
    })),
  };
}
