// The published JSON Schema of results.json, generated from the one zod schema (src/results/schema.ts) so it cannot
// drift: docs/results.schema.json is this function's output (scripts/results-json-schema.ts writes it; a unit test
// checks it is current). The input side is described: what a results.json file holds, before any transform.
import { z } from 'zod';
import { runResultsSchema, SCHEMA_VERSION } from './schema.ts';

export function resultsJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(runResultsSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return {
    ...generated,
    title: `vethbench results.json (schemaVersion ${SCHEMA_VERSION})`,
    description: 'One run: settings, scenario, host facts, every point with every sample and its summary, effects. Generated from src/results/schema.ts.',
  };
}

export const resultsJsonSchemaText = (): string => `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;
