// `vethbench plan gro` / `run gro`: a bare name means a shipped scenario. A path (anything with a slash or a .ts
// ending) or an existing file is taken as written; a bare name is looked up in ./scenarios/, then in the
// scenarios/ this package ships. An unknown name lists the shipped ones.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';

/** The package's own scenarios/ (two levels above this file, in src/ and in dist/ alike). */
const SHIPPED = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function isBareName(arg: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(arg) && !arg.endsWith('.ts') && !arg.endsWith('.mts');
}

export function shippedScenarioNames(dir = SHIPPED): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort() : [];
}

export function resolveScenarioArg(arg: string, cwd = process.cwd(), shipped = SHIPPED): string {
  if (!isBareName(arg) || existsSync(join(cwd, arg))) return arg;
  for (const dir of [join(cwd, 'scenarios'), shipped]) {
    const file = join(dir, `${arg}.ts`);
    if (existsSync(file)) return dir === join(cwd, 'scenarios') ? join('scenarios', `${arg}.ts`) : file;
  }
  throw new InputError(`${arg}: no such scenario file, and no scenarios/${arg}.ts; give a path to a .ts file or one of the shipped names: ${shippedScenarioNames(shipped).join(', ')}`);
}

export function resolveScenarioArgs(args: readonly string[], cwd = process.cwd()): string[] {
  return args.map((a) => resolveScenarioArg(a, cwd));
}
