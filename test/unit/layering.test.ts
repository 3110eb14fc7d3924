// The layering rules (.dependency-cruiser.cjs) fail on a tree that breaks them, one violation per rule.
// (`npm test` runs them on src/ itself: npm run lint:deps.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/layering');

test('every rule fires on the fixture tree that breaks it', async () => {
  const cruise = (output: string) => execa(join(root, 'node_modules/.bin/depcruise'), ['src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', output], { cwd: fixture, reject: false });
  const err = await cruise('err');
  assert.notEqual(err.exitCode, 0, `the check CI runs fails the tree: ${err.stdout}`);
  const r = await cruise('json');
  const violations = (JSON.parse(r.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }).summary.violations;
  const fired = new Set(violations.map((v) => v.rule.name));
  assert.deepEqual([...fired].sort(), ['every-folder-has-a-layer', 'layer-order', 'no-circular', 'nothing-imports-cli', 'pure-imports-pure', 'pure-no-io']);
  assert.ok(violations.some((v) => v.rule.name === 'pure-no-io' && v.from === 'src/stats/reads-files.ts' && v.to === 'fs'), JSON.stringify(violations));
  assert.ok(violations.some((v) => v.rule.name === 'layer-order' && v.from === 'src/topology/uses-plan.ts' && v.to === 'src/plan/a.ts'), JSON.stringify(violations));
  assert.ok(violations.some((v) => v.rule.name === 'every-folder-has-a-layer' && v.from === 'src/newfolder/unranked.ts'), JSON.stringify(violations));
});

test('the pure core reads no process state (process.env, the uid, the cwd, argv): its inputs are its arguments', () => {
  const { PURE } = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { PURE: string[] };
  const pure = PURE.map((p) => new RegExp(p));
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => `src/${f}`).filter((f) => f.endsWith('.ts') && pure.some((r) => r.test(f)));
  assert.ok(files.length > 100, `the PURE patterns match the pure folders (${files.length} files)`);
  const reads = files.flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n').flatMap((line, i) => (/\bprocess\.(env|getuid|geteuid|cwd|argv)\b/.test(line.replace(/\/\/.*$/, '')) ? [`${relative(root, join(root, f))}:${i + 1}`] : [])));
  assert.deepEqual(reads, []);
});
