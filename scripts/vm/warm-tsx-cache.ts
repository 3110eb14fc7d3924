// Run on the host before the guest boots (node --import tsx scripts/vm/warm-tsx-cache.ts): imports every source
// module once so tsx's compile cache holds them; vm-test.sh hands that cache to the guest, where compiling is
// 10-30x slower. Only src/ and test helpers: importing a test file would run its tests. Not needed once dist/ exists.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []);
}

/** Helpers that are programs (they act on import), not modules. */
const PROGRAMS = new Set(['test/helpers/run-in-tiny-fs.ts']);

for (const file of [...tsFiles('src'), ...tsFiles('scenarios'), ...tsFiles('test/helpers'), ...tsFiles('test/vm')].filter((f) => !PROGRAMS.has(f))) {
  try {
    await import(pathToFileURL(join(root, file)).href);
  } catch (e) {
    // A cache that misses one module only costs the guest time: say so, go on.
    console.error(`warm-tsx-cache: ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
process.exit(0);
