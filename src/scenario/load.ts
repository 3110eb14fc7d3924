// Reads a scenario file, imports its default export (TypeScript via tsx) and validates it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.ts';
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
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: the scenario does not load: ${message.split('\n').slice(0, 6).join('\n  ')}`);
  }
  if (!('default' in module) || module.default === undefined) {
    throw new InputError(`${file}: no default export; end the file with: export default defineScenario({ ... })`);
  }
  return validateScenario(module.default, file, sourceSha256);
}
