// Writes docs/results.schema.json from the zod schema of results.json. Run after changing src/results/schema.ts:
// node --import tsx scripts/results-json-schema.ts   (test/unit/results-json-schema.test.ts says when it is stale)
import { writeFileSync } from 'node:fs';
import { resultsJsonSchemaText } from '../src/results/json-schema.ts';

writeFileSync('docs/results.schema.json', resultsJsonSchemaText());
console.log('docs/results.schema.json written');
