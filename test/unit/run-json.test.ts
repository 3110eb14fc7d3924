// `run --json` (src/report/run-json.ts) built from captured results (test/fixtures/results: gro-quick, gro-until-decided
// with its effects, the density sweep of ab-2026-12-01 with its capacity answer, and a two-link variant of gro-quick
// derived in code) parses through runJsonSchema after a JSON round trip; wrong-typed fields are refused by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readResults } from '../../src/files/read-results.ts';
import { RUN_JSON_SCHEMA_VERSION, runJson, runJsonSchema } from '../../src/report/json/run-json.ts';
import type { RunResults } from '../../src/results/schema.ts';

const FIXTURES = 'test/fixtures/results';
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const problems = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/** gro-quick as if it had measured veth and macvlan: the same points twice, the second set on macvlan:bridge. */
function twoLinks(results: RunResults): RunResults {
  const macvlan = results.points.map((p) => ({ ...p, id: `${p.id}-macvlan`, key: `macvlan:bridge ${p.key}`, link: 'macvlan:bridge' }));
  const topology = { ...results.scenario.topology, links: [{ link: 'veth', path: 'veth pair' }, { link: 'macvlan:bridge', path: 'macvlan over a dummy' }] };
  return { ...results, scenario: { ...results.scenario, topology }, points: [...results.points, ...macvlan] };
}

function parsedRunJson(runs: { runDir: string; results: RunResults }[]) {
  const json = roundTrip(runJson(runs));
  const parsed = runJsonSchema.safeParse(json);
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.deepEqual(parsed.data, json, 'nothing stripped: every printed field is in the schema');
  assert.equal(parsed.data.schemaVersion, RUN_JSON_SCHEMA_VERSION);
  return parsed.data;
}

test('run --json of captured runs parses through runJsonSchema', () => {
  const gro = readResults(`${FIXTURES}/gro-quick/results.json`);
  const decided = readResults(`${FIXTURES}/gro-until-decided/results.json`);
  const capacity = readResults(`${FIXTURES}/ab-2026-12-01/capacity-a.json`);
  const data = parsedRunJson([{ runDir: '/r/gro', results: gro }, { runDir: '/r/decided', results: decided }, { runDir: '/r/cap', results: capacity }]);
  assert.deepEqual(data.runs.map((r) => r.resultsFile), ['/r/gro/results.json', '/r/decided/results.json', '/r/cap/results.json']);
  assert.equal(data.runs[0]!.points.length, gro.points.length);
  assert.ok(data.runs[0]!.points.every((p) => p.summary.throughputBps !== undefined));
  assert.equal(data.runs[1]!.effects.length, decided.effects!.length);
  assert.ok(data.runs[1]!.effects.length > 0);
  assert.ok(data.runs[2]!.capacity.length > 0 && data.runs[2]!.capacity[0]!.tried.length > 0);
  assert.equal(data.runs[0]!.linkComparison, undefined);
});

test('run --json of a run over two link kinds carries links and the comparison, and parses', () => {
  const data = parsedRunJson([{ runDir: '/r/two', results: twoLinks(readResults(`${FIXTURES}/gro-quick/results.json`)) }]);
  assert.deepEqual(data.runs[0]!.links?.map((l) => l.link), ['veth', 'macvlan:bridge']);
  assert.ok(data.runs[0]!.linkComparison!.some((row) => row.link === 'macvlan:bridge' && row.status === 'measured'));
});

test('runJsonSchema refuses wrong-typed fields by name', () => {
  const json = roundTrip(runJson([{ runDir: '/r', results: readResults(`${FIXTURES}/gro-until-decided/results.json`) }])) as
    { runs: { points: { samples: { ok: unknown } }[]; effects: { verdict: unknown }[]; status: unknown }[] };
  json.runs[0]!.points[0]!.samples.ok = -1;
  assert.match(problems(runJsonSchema.safeParse(json).error!), /^runs\.0\.points\.0\.samples\.ok: /);
  json.runs[0]!.points[0]!.samples.ok = 3;
  json.runs[0]!.effects[0]!.verdict = 'improved';
  assert.match(problems(runJsonSchema.safeParse(json).error!), /^runs\.0\.effects\.0\.verdict: /);
  json.runs[0]!.effects[0]!.verdict = 'better';
  json.runs[0]!.status = 'done';
  assert.match(problems(runJsonSchema.safeParse(json).error!), /^runs\.0\.status: /);
});
