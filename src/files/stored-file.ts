// Finding and reading a stored file: a directory stands for the file vethbench writes in it (a run directory for
// its results.json, the nightly directory for its trend.json), and a file that cannot be read is an InputError
// naming it, the reason and the fix.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';

/** `file`, or `file/<name>` when `file` is a directory. */
export function fileOrEntry(file: string, name: string): string {
  return existsSync(file) && statSync(file).isDirectory() ? join(file, name) : file;
}

/** The file's text; `what` names it in the error ("the results file"), `fix` says what to do. */
export function readStoredText(path: string, what: string, fix: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${fix}`);
  }
}
