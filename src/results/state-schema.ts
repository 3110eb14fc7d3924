// The state files of running and killed runs, as zod schemas with their types derived: the live-state record of
// each run (/run/vethbench/<prefix>.json) and the global-sysctl journal. cleanup acts on them as root, so they are
// validated before anything is trusted (src/run/state-files.ts reads them).
import { z } from 'zod';
import type { ResolvedTopology } from '../topology/resolve.ts';

export const STATE_SCHEMA_VERSION = 1;

/** Every vethbench run prefix is "vb" + 4 hex digits; its namespaces are "<prefix>-<role>". */
export const RUN_PREFIX = /^vb[0-9a-f]{4}$/;
export const RUN_NAMESPACE = /^(vb[0-9a-f]{4})-[a-z0-9]+$/;

/** The resolved topology a `vethbench up` left running; its shape belongs to topology/, the reader needs its namespaces. */
const topologySchema = z.looseObject({ namespaces: z.array(z.looseObject({ name: z.string() })) })
  .transform((t) => t as unknown as ResolvedTopology);

export const liveStateSchema = z.object({
  /** Absent in files written before state files carried a version (main of 2026-12-01): version 1. */
  schemaVersion: z.literal(STATE_SCHEMA_VERSION).optional(),
  prefix: z.string().regex(RUN_PREFIX, 'is not a vethbench run prefix (vb + 4 hex digits)'),
  /** The vethbench process that owns the run; cleanup leaves a run alone while it lives. */
  pid: z.int().min(1),
  startedAt: z.string(),
  /** Only namespaces of the run's own prefix: cleanup deletes what this lists. */
  namespaces: z.array(z.string().regex(RUN_NAMESPACE, 'is not a vethbench namespace (<prefix>-<role>)')),
  outDir: z.string(),
  /**
   * Set for a topology `vethbench up` left running: it has no owning process (pid is that of the `up` that built it),
   * so `cleanup` never removes it — `vethbench down` does. Holds what `diagnose` and `down` need.
   */
  live: z.object({ name: z.string(), scenario: z.string(), topology: topologySchema }).optional(),
}).refine((s) => s.namespaces.every((n) => n.startsWith(`${s.prefix}-`)), { message: 'names a namespace of another run', path: ['namespaces'] });

export const sysctlJournalSchema = z.object({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION).optional(),
  ownerPid: z.int().min(1),
  /** Original value of every key the owner changed, as `sysctl -n` printed it. */
  originals: z.record(z.string(), z.string()),
});

export type LiveState = z.infer<typeof liveStateSchema>;
export type LiveTopologyRecord = NonNullable<LiveState['live']>;
export type SysctlJournal = z.infer<typeof sysctlJournalSchema>;
