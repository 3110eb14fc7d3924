#!/usr/bin/env node
// Entry point. First a dependency-free Node version check (an old Node gets the fix, not a dependency's crash),
// then the CLI compiled to dist/ by `npm run build` (plain JavaScript: no TypeScript compiled at start-up).
// In a source checkout whose dist/ is missing or older than src/, the sources run through tsx instead (slow start).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { nodeVersionProblem } from './node-version.js';

const problem = nodeVersionProblem();
if (problem) {
  process.stderr.write(problem);
  process.exit(3);
}

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli/main.js', root);

/** Newest modification time under a directory (ms), 0 when it does not exist. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
}

function distIsCurrent() {
  if (!existsSync(built)) return false;
  // Only a checkout can be stale: an installed package ships dist/ built from the src/ beside it.
  if (!existsSync(new URL('tsconfig.build.json', root)) || !existsSync(new URL('.git', root))) return true;
  return statSync(built).mtimeMs >= newestMtime(new URL('src', root).pathname);
}

let main;
if (distIsCurrent()) {
  ({ main } = await import(built.href));
} else {
  process.stderr.write(`vethbench: ${existsSync(built) ? 'dist/ is older than src/' : 'dist/ is not built'}; running the sources through tsx (slow start). Build once with: npm run build\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('src/cli/main.ts', root).href));
}
process.exitCode = await main(process.argv);
