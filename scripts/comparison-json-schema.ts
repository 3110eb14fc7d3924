// Writes docs/comparison.schema.json from the zod schema of `compare --json`. Run after changing src/compare/comparison-schema.ts:
// node --import tsx scripts/comparison-json-schema.ts   (test/unit/comparison-schema.test.ts says when it is stale)
import { writeFileSync } from 'node:fs';
import { comparisonJsonSchemaText } from '../src/compare/comparison-json-schema.ts';

writeFileSync('docs/comparison.schema.json', comparisonJsonSchemaText());
console.log('docs/comparison.schema.json written');
