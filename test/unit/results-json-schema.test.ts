// docs/results.schema.json is the zod schema's JSON Schema, current; and real captured results.json files (the
// fixtures, from real runs) have the shape it describes: every required field present, no field it does not name.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resultsJsonSchema, resultsJsonSchemaText } from '../../src/results/json-schema.ts';
import { SCHEMA_VERSION } from '../../src/results/schema.ts';
import { RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';

const KINDS = 'test/fixtures/results/kinds-2026-12-01';

describe('the published JSON Schema of results.json', () => {
  it('docs/results.schema.json is current (regenerate: node --import tsx scripts/results-json-schema.ts)', () => {
    assert.equal(readFileSync('docs/results.schema.json', 'utf8'), resultsJsonSchemaText());
  });

  it('describes the stored fields: the top level and run.settings name what captured results hold', () => {
    const schema = resultsJsonSchema() as { title: string; required: string[]; properties: Record<string, any> };
    const kinds = readdirSync(KINDS).filter((f) => f.endsWith('.json')).map((f) => join(KINDS, f));
    for (const file of [...Object.values(RESULTS_FIXTURES), ...kinds]) {
      const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
      for (const key of schema.required) assert.ok(key in results, `${file}: ${key}`);
      for (const key of Object.keys(results)) assert.ok(key in schema.properties, `${file}: ${key} is in the schema`);
      for (const key of Object.keys(results.run.settings)) assert.ok(key in schema.properties.run.properties.settings.properties, `${file}: run.settings.${key}`);
    }
    assert.equal(schema.properties.schemaVersion.type, 'integer');
    assert.match(String(schema.title), new RegExp(`schemaVersion ${SCHEMA_VERSION}\\)`));
  });
});
