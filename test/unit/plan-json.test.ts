// `vethbench plan --json` (src/plan/plan-json.ts) on every shipped scenario, through the real CLI (plan needs no
// root): each document parses through planJsonSchema with nothing stripped; wrong-typed fields are refused by name.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { execa } from 'execa';
import { PLAN_JSON_SCHEMA_VERSION, planJsonSchema } from '../../src/report/json/plan-json.ts';

const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.ts')).map((f) => `scenarios/${f}`);
const problems = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

async function planJsonOf(files: string[]): Promise<Record<string, unknown>> {
  const out = await execa(process.execPath, ['bin/vethbench.js', 'plan', '--json', '--seed', '1', ...files], { reject: false });
  assert.equal(out.exitCode, 0, out.stderr);
  return JSON.parse(out.stdout);
}

test(`plan --json of the ${SHIPPED.length} shipped scenarios parses through planJsonSchema`, async () => {
  assert.ok(SHIPPED.length > 10);
  const json = await planJsonOf(SHIPPED);
  const parsed = planJsonSchema.safeParse(json);
  assert.ok(parsed.success, parsed.success ? '' : problems(parsed.error));
  assert.deepEqual(parsed.data, json, 'nothing stripped: every printed field is in the schema');
  assert.equal(parsed.data.schemaVersion, PLAN_JSON_SCHEMA_VERSION);
  assert.deepEqual(parsed.data.plans.map((p) => p.scenario.file), SHIPPED);
  for (const plan of parsed.data.plans) {
    assert.ok(plan.points.length > 0 && plan.trials.length >= plan.points.length, plan.scenario.name);
    assert.ok(plan.commands && plan.commands.list.length > 0, `${plan.scenario.name}: the commands of one trial`);
  }
});

test('planJsonSchema refuses wrong-typed fields by name', async () => {
  const json = await planJsonOf(['scenarios/gro.ts']) as { plans: { trials: { repetition: unknown }[]; scenario: { topology: unknown }; commands: { list: { argv: unknown }[] } }[] };
  const plan = json.plans[0]!;
  plan.trials[3]!.repetition = 1.5;
  assert.match(problems(planJsonSchema.safeParse(json).error!), /^plans\.0\.trials\.3\.repetition: /);
  plan.trials[3]!.repetition = 1;
  plan.commands.list[0]!.argv = 'ip -batch -';
  assert.match(problems(planJsonSchema.safeParse(json).error!), /^plans\.0\.commands\.list\.0\.argv: .*array/);
  plan.commands.list[0]!.argv = ['ip'];
  plan.scenario.topology = { name: 'pair' };
  assert.match(problems(planJsonSchema.safeParse(json).error!), /^plans\.0\.scenario\.topology\.kind: /);
});
