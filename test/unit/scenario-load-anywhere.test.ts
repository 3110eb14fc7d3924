// The real loader on fixture files: each loads (or is refused with the same message) inside the checkout and in a
// directory without package.json, where tsx alone would compile it as CommonJS. Messages name the file, never a stack.
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { tempDir } from '../helpers/host-state.ts';

const DIR = relative(process.cwd(), fileURLToPath(new URL('../fixtures/scenarios', import.meta.url)));
const elsewhere = tempDir('load');

/** The fixture's path in the checkout and in a plain directory elsewhere. */
function places(name: string): string[] {
  copyFileSync(join(DIR, name), join(elsewhere, name));
  return [join(DIR, name), join(elsewhere, name)];
}

async function refusal(file: string, timeoutMs?: number): Promise<string> {
  try {
    await loadScenario(file, timeoutMs === undefined ? {} : { timeoutMs });
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
    return error.message;
  }
  assert.fail(`expected loadScenario(${file}) to reject`);
}

describe('loading a scenario file wherever it lives', () => {
  it('top-level await works in and outside the checkout (always an ES module)', async () => {
    for (const file of places('top-level-await.ts')) {
      const s = await loadScenario(file);
      assert.equal(s.name, 'fixture-tla');
      assert.equal(s.workloads[0]!.tool === 'iperf3' && s.workloads[0]!.streams, 2);
    }
  });

  const cases: [string, (file: string) => string][] = [
    ['no-default-export.ts', (f) => `${f}: no default export; end the file with: export default defineScenario({ ... })`],
    ['number-default.ts', (f) => `${f}: the default export must be a scenario object, got number 42: export default defineScenario({ ... })`],
    ['promise-default.ts', (f) => `${f}: the default export is a Promise; await it at the top level and export the scenario object: export default defineScenario({ ... })`],
    ['throwing-getter.ts', (f) => `${f}: the scenario threw while it was read: workloads are not ready yet (at line 8, column 11)`],
    ['throws-at-top.ts', (f) => `${f}: the scenario does not load: RangeError: no stream count for this host (at line 5, column 9)`],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: the same message in and outside the checkout`, async () => {
      for (const file of places(name)) assert.equal(await refusal(file), expected(file));
    });
  }

  it('a CommonJS-style file loads as the same scenario, or is told that scenarios are ES modules', async () => {
    // Whether require('vethbench') works depends on Node's require(esm) and on the built dist/ that the package's
    // exports name; either way the file is never half-loaded.
    const cjs = join(elsewhere, 'cjs.ts');
    writeFileSync(cjs, `const { defineScenario } = require('vethbench');\nmodule.exports = defineScenario({ name: 'cjs-style', topology: { kind: 'pair' }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }] });\n`);
    let loaded: string | undefined;
    try {
      loaded = (await loadScenario(cjs)).name;
    } catch {
      assert.match(await refusal(cjs), /cjs\.ts: the scenario does not load: .*; scenario files are ES modules wherever they live: use import \{ defineScenario \} from 'vethbench' and export default$/);
    }
    if (loaded !== undefined) assert.equal(loaded, 'cjs-style');
  });

  it('a top-level await with nothing left to wait on is told so', async () => {
    for (const file of places('never-settles.ts')) {
      assert.equal(await refusal(file), `${file}: the scenario's top-level await never settles (nothing is left for it to wait on), so it exports nothing; make every awaited promise settle`);
    }
  });

  it('a scenario that keeps loading is stopped at the time limit with a clear message', async () => {
    for (const file of places('hangs.ts')) {
      const started = Date.now();
      assert.equal(await refusal(file, 3000), `${file}: the scenario did not finish loading within 3 s (a top-level await that never settles, or a loop?); make the file's top-level code finish`);
      assert.ok(Date.now() - started < 6000, `stopped near the limit, after ${Date.now() - started} ms`);
    }
  });
});

it('vethbench plan on a scenario that throws: exit 2 and one Error line with the file and its message', async () => {
  const { execa } = await import('execa');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = await execa(process.execPath, [join(root, 'bin/vethbench.js'), 'plan', 'test/fixtures/scenarios/throwing-getter.ts'], { cwd: root, reject: false });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error: test/fixtures/scenarios/throwing-getter.ts: the scenario threw while it was read: workloads are not ready yet (at line 8, column 11)');
});
