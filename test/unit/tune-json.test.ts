// `tune --json` (src/tune/tune-json.ts): the stdout of a real tune run (test/fixtures/results/tune-2026-12-01) parses
// through tuneJsonSchema, the pure builder gives the same document from that run's results.json, and wrong types are named.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readResults } from '../../src/files/read-results.ts';
import { TUNE_JSON_SCHEMA_VERSION, tuneJson, tuneJsonSchema } from '../../src/tune/tune-json.ts';

const DIR = 'test/fixtures/results/tune-2026-12-01';
const printed = (): Record<string, unknown> => JSON.parse(readFileSync(`${DIR}/tune-json.stdout.json`, 'utf8'));
const problems = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

test('the captured tune --json output parses through tuneJsonSchema, nothing stripped', () => {
  const json = printed();
  const parsed = tuneJsonSchema.safeParse(json);
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.deepEqual(parsed.data, json);
  assert.equal(parsed.data.schemaVersion, TUNE_JSON_SCHEMA_VERSION);
  assert.equal(parsed.data.objective.metric, 'throughputBps');
  assert.equal(parsed.data.confirmation, null);
  assert.match(parsed.data.confirmationNote!, /confirmation round/);
});

test('the builder gives the printed document again from the stored results.json', () => {
  const json = printed();
  const runDir = String(json.resultsFile).replace(/\/results\.json$/, '');
  const built = JSON.parse(JSON.stringify(tuneJson(readResults(`${DIR}/results.json`), runDir)));
  assert.deepEqual(built, json);
  assert.ok(tuneJsonSchema.safeParse(built).success);
});

test('a results.json without a tune record gives no tune document', () => {
  assert.equal(tuneJson(readResults('test/fixtures/results/gro-quick/results.json'), '/r'), undefined);
});

test('tuneJsonSchema refuses wrong-typed fields by name', () => {
  const json = printed() as { recommended: { knobs: Record<string, unknown> }; samples: { race: unknown }; confirmationNote: unknown };
  json.recommended.knobs.gro = true;
  assert.match(problems(tuneJsonSchema.safeParse(json).error!), /^recommended\.knobs\.gro: /);
  json.recommended.knobs.gro = 'on';
  json.samples.race = '15';
  assert.match(problems(tuneJsonSchema.safeParse(json).error!), /^samples\.race: .*number/);
  json.samples.race = 15;
  delete json.confirmationNote;
  assert.match(problems(tuneJsonSchema.safeParse(json).error!), /^confirmationNote: /);
});
