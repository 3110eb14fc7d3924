// Lets a scenario file anywhere on disk `import { defineScenario } from 'vethbench'`: the package resolves itself
// only from inside its own directory, so the specifier is mapped to this checkout's entry point for both module
// systems (tsx compiles a .ts file outside an ESM package as CommonJS, which ESM resolve hooks do not see).
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

// The entry beside this file: src/index.ts when running the sources, dist/index.js when running the build — the
// same module instance the CLI uses, so one registry and instanceof hold across the scenario boundary.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? '../index.ts' : '../index.js', import.meta.url);
let installed = false;

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

export function resolveVethbenchFromAnywhere(): void {
  if (installed) return;
  installed = true;
  const hook = `export async function resolve(specifier, context, next) {
    return next(specifier === 'vethbench' ? ${JSON.stringify(ENTRY.href)} : specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const internals = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = internals._resolveFilename;
  const entryPath = fileURLToPath(ENTRY);
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return original.call(this, request === 'vethbench' ? entryPath : request, ...rest);
  };
}
