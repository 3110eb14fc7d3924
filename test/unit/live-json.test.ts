// `ls --json` and `diagnose --json` (src/live/live-json.ts) built from the captured router topology of
// test/fixtures/live/ and its findings parse through their schemas, JSON round trip included; wrong types are named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { diagnose, healthy, type TopologyCapture } from '../../src/live/diagnose.ts';
import { diagnoseJson, diagnoseJsonSchema, LIVE_JSON_SCHEMA_VERSION, lsJson, lsJsonSchema } from '../../src/live/live-json.ts';
import { liveStateSchema, type LiveState } from '../../src/results/state-schema.ts';
import type { ResolvedTopology } from '../../src/topology/resolve.ts';

function fixture(name: string): { topology: ResolvedTopology; capture: TopologyCapture } {
  return JSON.parse(readFileSync(new URL(`../fixtures/live/${name}.json`, import.meta.url), 'utf8'));
}

/** The state file `vethbench up` writes for the captured topology, validated as cleanup validates it. */
function stateOf(topology: ResolvedTopology, name: string): LiveState {
  return liveStateSchema.parse({
    schemaVersion: 1, prefix: topology.prefix, pid: 4242, startedAt: '2026-12-01T12:00:00.000Z', outDir: '/tmp/vb',
    namespaces: topology.namespaces.map((n) => n.name), live: { name, scenario: 'scenarios/chain.ts', topology },
  });
}

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const problems = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

test('ls --json of a live router and a nat topology parses through lsJsonSchema', () => {
  const router = fixture('router-healthy').topology;
  const nat = fixture('nat-healthy').topology;
  const json = roundTrip(lsJson([stateOf(router, 'r1'), stateOf(nat, 'n1')]));
  const parsed = lsJsonSchema.safeParse(json);
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.deepEqual(parsed.data, json);
  assert.equal(parsed.data.schemaVersion, LIVE_JSON_SCHEMA_VERSION);
  assert.deepEqual(parsed.data.topologies.map((t) => [t.name, t.kind, t.prefix]), [['r1', 'router', router.prefix], ['n1', nat.kind, nat.prefix]]);
  assert.deepEqual(parsed.data.topologies[0]!.namespaces, router.namespaces.map((n) => n.name));
});

test('diagnose --json of a broken router (a link down) parses through diagnoseJsonSchema', () => {
  const { topology, capture } = fixture('router-link-down');
  const findings = diagnose(topology, capture);
  const json = roundTrip(diagnoseJson('r1', findings, healthy(findings)));
  const parsed = diagnoseJsonSchema.safeParse(json);
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.deepEqual(parsed.data, json);
  assert.equal(parsed.data.healthy, false);
  assert.ok(parsed.data.findings.some((f) => f.check === 'link' && f.fix !== undefined));
});

test('the live schemas refuse wrong-typed fields by name', () => {
  const { topology, capture } = fixture('router-link-down');
  const findings = diagnose(topology, capture);
  const diag = roundTrip(diagnoseJson('r1', findings, false)) as { healthy: unknown; findings: { check: unknown }[] };
  diag.findings[0]!.check = 'vibes';
  assert.match(problems(diagnoseJsonSchema.safeParse(diag).error!), /^findings\.0\.check: /);
  diag.healthy = 'no';
  assert.match(problems(diagnoseJsonSchema.safeParse(diag).error!), /healthy: .*boolean/);
  const ls = roundTrip(lsJson([stateOf(topology, 'r1')])) as { topologies: { namespaces: unknown }[] };
  ls.topologies[0]!.namespaces = 'vba230-cli';
  assert.match(problems(lsJsonSchema.safeParse(ls).error!), /^topologies\.0\.namespaces: .*array/);
});
