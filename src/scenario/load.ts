// Reads a scenario file, imports its default export (TypeScript via tsx) and validates it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { InputError } from '../errors.ts';
import { resolveVethbenchFromAnywhere } from './resolve-self.ts';
import type { Scenario } from './scenario.ts';
import { validateScenario } from './validate.ts';

export async function loadScenario(file: string): Promise<Scenario> {
  const absolute = resolve(file);
  let source: string;
  try {
    source = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the scenario file (${code ?? String(error)}); check the path`);
  }
  const sourceSha256 = createHash('sha256').update(source).digest('hex');
  let module: Record<string, unknown>;
  resolveVethbenchFromAnywhere();
  try {
    // tsImport, not import(): Node 20 cannot import() a .ts file that tsx compiles as CommonJS (a scenario outside
    // an ESM package) — it fails with "Cannot require() ES Module … in a cycle".
    module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: the scenario does not load: ${message.split('\n').slice(0, 6).join('\n  ')}`);
  }
  const exported = unwrapCommonJs(module.default);
  if (exported === undefined) {
    throw new InputError(`${file}: no default export; end the file with: export default defineScenario({ ... })`);
  }
  return validateScenario(exported, file, sourceSha256);
}

/** A scenario compiled as CommonJS arrives as { default: exports }, where exports holds the real default export. */
function unwrapCommonJs(value: unknown): unknown {
  if (value && typeof value === 'object' && 'default' in value && ('__esModule' in value || Object.keys(value).every((k) => k === 'default'))) {
    return (value as { default: unknown }).default;
  }
  return value;
}
