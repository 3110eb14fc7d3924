// The machine-readable summary `vethbench run --json` prints on stdout.
import { compareLinkKinds, comparesLinks } from '../report/terminal/link-comparison.ts';
import { capacityAnswers } from '../results/density.ts';
import type { RunOutcome } from '../run/runner.ts';

/** Version of the `run --json` document; bump it when a field changes meaning or goes away. */
export const RUN_JSON_SCHEMA_VERSION = 1;

export function jsonSummary(outcomes: readonly RunOutcome[]) {
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
      /** Every effect the run decided (or could not), as results.json holds them. */
      effects: results.effects ?? [],
      /** Density sweeps with a per-pair target: the largest pair count that met it. */
      capacity: capacityAnswers(results.points),
    })),
  };
}
