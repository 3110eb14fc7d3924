// `vethbench compare --json` output parses through its schema (src/compare/comparison-schema.ts): the real CLI on the
// captured runs of test/fixtures/results (ab-2026-12-01: latency, setup cost, density; kinds-2026-12-01: rr, crr,
// flows, pps each against itself, capacity against ab's; gro-quick against gro-tso-off-40), and a wrong-typed field is refused by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { execa } from 'execa';
import { comparisonJsonSchema, comparisonJsonSchemaText } from '../../src/compare/comparison-json-schema.ts';
import { comparisonReportSchema, COMPARISON_SCHEMA_VERSION } from '../../src/compare/comparison-schema.ts';
import { shiftSchema } from '../../src/stats/shift-schema.ts';

const AB = 'test/fixtures/results/ab-2026-12-01';
const KINDS = 'test/fixtures/results/kinds-2026-12-01';
const PAIRS: string[][] = [
  [`${AB}/latency-a.json`, `${AB}/latency-b.json`],
  [`${AB}/setup-cost-a.json`, `${AB}/setup-cost-b.json`],
  [`${AB}/capacity-a.json`, `${AB}/capacity-b.json`, `${KINDS}/capacity.json`],
  // Each kind against itself: every metric of rr, crr, flows and pps is compared (a zero shift).
  ...['rr', 'crr', 'flows', 'pps'].map((kind) => [`${KINDS}/${kind}.json`, `${KINDS}/${kind}.json`]),
  ['test/fixtures/results/gro-quick/results.json', 'test/fixtures/results/gro-tso-off-40/results.json'],
];

async function compareJson(files: string[]): Promise<unknown> {
  const out = await execa(process.execPath, ['bin/vethbench.js', 'compare', '--json', ...files], { reject: false });
  assert.ok(out.exitCode !== 2 && out.exitCode !== 3, `compare ${files.join(' ')} exited ${out.exitCode}: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

const problems = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

test('compare --json of runs of different scenarios (nothing matches) parses too', async () => {
  const parsed = comparisonReportSchema.safeParse(await compareJson([`${KINDS}/rr.json`, `${KINDS}/crr.json`, `${KINDS}/flows.json`]));
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.ok(parsed.data.comparisons.every((c) => c.points.length === 0 && c.onlyInNew.length > 0));
});

for (const files of PAIRS) {
  test(`compare --json ${files.map((f) => f.split('/').slice(-2).join('/')).join(' ')} parses through comparisonReportSchema`, async () => {
    const json = await compareJson(files);
    const parsed = comparisonReportSchema.safeParse(json);
    assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
    assert.equal(parsed.data.schemaVersion, COMPARISON_SCHEMA_VERSION);
    // Nothing was stripped: every field the command prints is in the schema.
    assert.deepEqual(parsed.data, json);
    assert.equal(parsed.data.comparisons.length, files.length - 1);
    assert.ok(parsed.data.comparisons.every((c) => c.points.length > 0), 'points matched');
    // kinds-2026-12-01's samples are contaminated (a busy host): their points are invalid, with no metric compared.
    const metrics = parsed.data.comparisons.flatMap((c) => c.points.flatMap((p) => p.metrics));
    if (!files[0]!.startsWith(KINDS)) assert.ok(metrics.length > 0, 'some metric was compared');
    for (const m of metrics) assert.ok(shiftSchema.safeParse(m.shift).success);
  });
}

test('comparisonReportSchema refuses a wrong-typed field and names it', async () => {
  const json = await compareJson(PAIRS[0]!) as { comparisons: { points: { metrics: { shift: { nLevel: unknown }; unit: unknown }[] }[] }[]; schemaVersion: unknown };
  const metric = json.comparisons[0]!.points[0]!.metrics[0]!;
  metric.shift.nLevel = '3';
  const wrong = comparisonReportSchema.safeParse(json);
  assert.equal(wrong.success, false);
  assert.match(problems(wrong.error!), /comparisons\.0\.points\.0\.metrics\.0\.shift\.nLevel: .*number/);
  metric.shift.nLevel = 3;
  metric.unit = 'furlongs';
  assert.match(problems(comparisonReportSchema.safeParse(json).error!), /metrics\.0\.unit: /);
  metric.unit = 'bit/s';
  json.schemaVersion = COMPARISON_SCHEMA_VERSION + 1;
  assert.match(problems(comparisonReportSchema.safeParse(json).error!), /^schemaVersion: /);
});

test('shiftSchema takes the optional absolute shift and refuses a string estimate', () => {
  const shift = { estimatePercent: 2, ciLowPercent: 1, ciHighPercent: 3, confidence: 0.95, p: 0.01, pAdjusted: 0.02, nReference: 5, nLevel: 5, smallestDetectablePercent: 1, verdict: 'better' };
  assert.ok(shiftSchema.safeParse({ ...shift, absolute: { estimate: 3, ciLow: 1, ciHigh: 5, unit: 'packets', tolerance: 1 } }).success);
  const bad = shiftSchema.safeParse({ ...shift, absolute: { estimate: '3', ciLow: 1, ciHigh: 5, unit: 'packets', tolerance: 1 } });
  assert.match(problems(bad.error!), /^absolute\.estimate: /);
  assert.match(problems(shiftSchema.safeParse({ ...shift, verdict: 'improved' }).error!), /^verdict: /);
});

test('docs/comparison.schema.json is current (regenerate: node --import tsx scripts/comparison-json-schema.ts)', async () => {
  assert.equal(readFileSync('docs/comparison.schema.json', 'utf8'), comparisonJsonSchemaText());
  // The published schema names every field a real report holds, down to a compared metric's shift.
  const schema = comparisonJsonSchema() as { required: string[]; properties: Record<string, any> };
  const report = await compareJson(PAIRS[0]!) as Record<string, any>;
  assert.deepEqual(Object.keys(report).sort(), [...schema.required].sort());
  const metric = schema.properties.comparisons.items.properties.points.items.properties.metrics.items;
  const shown = report.comparisons[0].points[0].metrics[0];
  for (const key of Object.keys(shown)) assert.ok(key in metric.properties, `metrics[].${key} is in the JSON Schema`);
  for (const key of Object.keys(shown.shift)) assert.ok(key in metric.properties.shift.properties, `shift.${key} is in the JSON Schema`);
});
