// Module hooks of the thread that loads a scenario file (src/files/scenario-worker.ts):
// - `import 'vethbench'` from anywhere on disk resolves to this checkout's entry point (a package resolves itself
//   only from inside its own directory);
// - the user's own TypeScript files load as ES modules wherever they live. Without this, tsx compiles a .ts file
//   outside an ESM package as CommonJS: top-level await is refused and the default export arrives wrapped.
import { register } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../index.ts under tsx, ../index.js once compiled to dist/. */
const ENTRY = new URL(`../index${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** Registered after tsx's hooks, so it runs first and sees tsx's answer in `next`. */
const HOOKS = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier === 'vethbench' ? ${JSON.stringify(ENTRY.href)} : specifier, context);
  const own = resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/') && /\\.(ts|tsx|js)(\\?|$)/.test(resolved.url);
  return own && resolved.format === 'commonjs' ? { ...resolved, format: 'module' } : resolved;
}`;

let installed = false;

export function installScenarioHooks(): void {
  if (installed) return;
  installed = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
