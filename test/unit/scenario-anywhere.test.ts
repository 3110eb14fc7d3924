// A scenario file outside the checkout still imports 'vethbench' and loads as an ES module, package.json or not.
// (A CommonJS-style file is refused with a hint: test/unit/scenario-load-anywhere.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { tempDir } from '../helpers/host-state.ts';

const source = readFileSync(new URL('../fixtures/scenarios/integration-tiny.ts', import.meta.url), 'utf8');

test('a scenario in a directory without package.json loads (as an ES module)', async () => {
  const dir = tempDir('anywhere');
  writeFileSync(join(dir, 'mine.ts'), source);
  const scenario = await loadScenario(join(dir, 'mine.ts'));
  assert.equal(scenario.name, 'integration-tiny');
  assert.deepEqual(scenario.matrix, { gro: ['off', 'on'] });
});

test('a scenario in an ESM package of its own loads', async () => {
  const dir = tempDir('anywhere-esm');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'mine.ts'), source.replace("name: 'integration-tiny'", "name: 'esm-elsewhere'"));
  assert.equal((await loadScenario(join(dir, 'mine.ts'))).name, 'esm-elsewhere');
});
