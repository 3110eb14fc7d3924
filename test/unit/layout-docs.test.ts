// docs/architecture.md's layout lists every folder of src/ (and no folder that is gone), in the layer order that
// .dependency-cruiser.cjs enforces, top first.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const layout = /## Layout\n\n```\n([\s\S]*?)```/.exec(readFileSync(join(root, 'docs/architecture.md'), 'utf8'))?.[1] ?? '';
const documented = [...layout.matchAll(/^src\/([a-z-]+)\/ /gm)].map((m) => m[1]!);
const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

test('the layout names every folder of src/ once, and only those', () => {
  assert.deepEqual([...documented].sort(), [...folders].sort());
});

test('the layout lists the folders in the enforced layer order, top first', () => {
  const { LAYERS } = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { LAYERS: string[] };
  assert.deepEqual(documented, LAYERS.filter((l) => folders.includes(l)).reverse());
});
