// The `--json` documents of live mode as zod schemas, with their builders: `vethbench ls --json` (the live
// topologies) and `vethbench diagnose --json` (one topology's findings). Pure: the commands (src/cli/live-command.ts)
// read the state and capture the topology, then print what these build.
import { z } from 'zod';
import type { LiveState } from '../results/state-schema.ts';
import type { Finding } from '../topology/findings.ts';

/** Version of every `--json` document live mode prints (ls, diagnose); bump it when a field changes meaning or goes away. */
export const LIVE_JSON_SCHEMA_VERSION = 1;

const text = z.string();

export const lsJsonSchema = z.object({
  schemaVersion: z.literal(LIVE_JSON_SCHEMA_VERSION),
  topologies: z.array(z.object({
    name: text.describe('The name `vethbench up` gave it (or the one given with --name).'),
    prefix: text.describe('The run prefix (vb + 4 hex digits) its namespaces and links carry.'),
    scenario: text.describe('The scenario file it was built from.'),
    kind: text.describe('The topology kind (pair, bridge, router, nat …).'),
    path: text.describe("What the measured traffic crosses, in words."),
    namespaces: z.array(text),
    startedAt: text,
  })),
});

// Finding's unions (src/topology/findings.ts) as lists: `satisfies` keeps every listed word one of Finding's and
// diagnoseJson's typing keeps every Finding inside the schema, so the two cannot drift apart.
const SEVERITIES = ['problem', 'warning'] as const satisfies readonly Finding['severity'][];
const CHECKS = ['namespace', 'link', 'address', 'route', 'forwarding', 'neighbour', 'firewall', 'qdisc', 'counters', 'reachability'] as const satisfies readonly Finding['check'][];

/** What a check found (src/topology/findings.ts). */
export const findingSchema = z.object({
  severity: z.enum(SEVERITIES),
  check: z.enum(CHECKS),
  message: text,
  fix: text.optional().describe('The exact command that fixes it (argv joined for printing), when one does.'),
});

export const diagnoseJsonSchema = z.object({
  schemaVersion: z.literal(LIVE_JSON_SCHEMA_VERSION),
  name: text,
  healthy: z.boolean().describe('No finding is a problem (warnings do not count).'),
  findings: z.array(findingSchema),
});

export type LsJson = z.infer<typeof lsJsonSchema>;
export type DiagnoseJson = z.infer<typeof diagnoseJsonSchema>;

/** `ls --json`: every live topology (states without `live` are runs, not topologies, and are left out). */
export function lsJson(states: readonly LiveState[]): LsJson {
  return {
    schemaVersion: LIVE_JSON_SCHEMA_VERSION,
    topologies: states.flatMap((s) => (s.live ? [{
      name: s.live.name, prefix: s.prefix, scenario: s.live.scenario, kind: s.live.topology.kind, path: s.live.topology.path,
      namespaces: s.namespaces, startedAt: s.startedAt,
    }] : [])),
  };
}

export function diagnoseJson(name: string, findings: readonly Finding[], healthy: boolean): DiagnoseJson {
  return { schemaVersion: LIVE_JSON_SCHEMA_VERSION, name, healthy, findings: [...findings] };
}
