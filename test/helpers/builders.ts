// Small builders shared by the unit tests: scenario definitions, validated scenarios, run settings, samples.
import type { KindSupport } from '../../src/topology/kernel-kinds.ts';
import type { Plan, RunSettings } from '../../src/plan/expand.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import { SCHEMA_VERSION, type RunResults, type Sample } from '../../src/results/schema.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import type { ScenarioDefinition } from '../../src/scenario/types.ts';
import { validateScenario } from '../../src/scenario/validate.ts';

export const SCENARIO_FILE = 'scenarios/test.ts';
export const SHA = 'ab'.repeat(32);

/** The smallest valid scenario definition: a pair and one TCP workload. */
export function definition(over: Partial<ScenarioDefinition> = {}): ScenarioDefinition {
  return { name: 'test', topology: { kind: 'pair' }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }], ...over };
}

/** A validated scenario (every default filled in, but no warm-up round unless asked: trial counts stay simple). */
export function scenario(over: Partial<ScenarioDefinition> = {}): Scenario {
  return validateScenario({ warmupRepetitions: 0, ...definition(over) }, SCENARIO_FILE, SHA);
}

/** GRO × TSO, TCP and UDP: 2 × 2 × 2 = 8 points, like scenarios/gro.ts. */
export function groScenario(): Scenario {
  return scenario({
    name: 'gro',
    matrix: { gro: ['off', 'on'], tso: ['on', 'off'] },
    workloads: [{ tool: 'iperf3', protocol: 'tcp' }, { tool: 'iperf3', protocol: 'udp' }],
  });
}

export function settings(over: Partial<RunSettings> = {}): RunSettings {
  return { repetitions: 2, durationS: 5, omitS: 1, seed: 42, filter: {}, ...over };
}

/** A sample as the runner records it; ok with no metrics unless told otherwise. */
export function sample(over: Partial<Sample> & Pick<Sample, 'pointId' | 'trial'>): Sample {
  return { repetition: 0, status: 'ok', startedAt: '2025-01-01T00:00:00.000Z', durationMs: 6000, ...over };
}

/** What probeLinkKinds reports on the development VM: kernel 6.18 without ipvlan and netkit, iproute2 6.1. */
export const CAPABILITIES_HERE: KindSupport[] = [
  { kind: 'veth', supported: true },
  { kind: 'macvlan', supported: true },
  { kind: 'ipvlan', supported: false, reason: 'kernel lacks CONFIG_IPVLAN (module ipvlan not available)' },
  { kind: 'netkit', supported: false, reason: 'iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8)' },
  { kind: 'bridge', supported: true },
  { kind: 'vxlan', supported: true },
];

/** A complete run of `plan` with these samples, as the runner would assemble it (no host facts). */
export function runResultsOf(plan: Plan, samples: Sample[]): RunResults {
  return {
    schemaVersion: SCHEMA_VERSION, tool: { name: 'vethbench', version: '0.1.0' },
    run: { id: 'r', prefix: 'vb5a04', status: 'complete', startedAt: '', finishedAt: '', settings: plan.settings, estimatedSeconds: 1, port: 20000 },
    scenario: { name: 'test', description: '', file: SCENARIO_FILE, sourceSha256: '', topology: { kind: 'pair', path: '' } },
    host: undefined, capabilities: [], points: assemblePoints(plan.points, samples),
  };
}

/** The cells of each body row of an unbounded terminal table (one line per row). */
export const tableRows = (table: string): string[][] => table.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
