// A scenario file outside the checkout still imports 'vethbench', whether tsx compiles it as ESM or CommonJS.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadScenario } from '../../src/scenario/load.ts';

const source = readFileSync(new URL('../fixtures/scenarios/integration-tiny.ts', import.meta.url), 'utf8');

test('a scenario in a directory without package.json (compiled as CommonJS) loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vethbench-anywhere-'));
  writeFileSync(join(dir, 'mine.ts'), source);
  const scenario = await loadScenario(join(dir, 'mine.ts'));
  assert.equal(scenario.name, 'integration-tiny');
  assert.deepEqual(scenario.matrix, { gro: ['off', 'on'] });
});

test('a scenario in an ESM package of its own loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vethbench-anywhere-esm-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'mine.ts'), source.replace("name: 'integration-tiny'", "name: 'esm-elsewhere'"));
  assert.equal((await loadScenario(join(dir, 'mine.ts'))).name, 'esm-elsewhere');
});

test('module.exports = defineScenario(...) in CommonJS style loads too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vethbench-anywhere-cjs-'));
  writeFileSync(join(dir, 'mine.ts'), `const { defineScenario } = require('vethbench');\nmodule.exports = defineScenario({ name: 'cjs-style', topology: { kind: 'pair' }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }] });\n`);
  assert.equal((await loadScenario(join(dir, 'mine.ts'))).name, 'cjs-style');
});
