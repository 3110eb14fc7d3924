// The published JSON Schema of `vethbench compare --json` (the ComparisonReport the HTML page embeds too), generated
// from its zod schema so it cannot drift: docs/comparison.schema.json is this function's output
// (scripts/comparison-json-schema.ts writes it; test/unit/comparison-schema.test.ts checks it is current).
import { z } from 'zod';
import { COMPARISON_SCHEMA_VERSION, comparisonReportSchema } from './comparison-schema.ts';

export function comparisonJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(comparisonReportSchema, { io: 'output', target: 'draft-2020-12' });
  return {
    ...generated,
    title: `vethbench compare --json (ComparisonReport, schemaVersion ${COMPARISON_SCHEMA_VERSION})`,
    description: 'Each results file after the first against the first, point by point and metric by metric, with the shift, its interval and verdict, plus every run side by side. Generated from src/compare/comparison-schema.ts.',
  };
}

export const comparisonJsonSchemaText = (): string => `${JSON.stringify(comparisonJsonSchema(), null, 2)}\n`;
