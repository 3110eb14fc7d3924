// Per-run names: a short prefix for namespaces and interfaces, a port, and the run directory's name.
import { randomInt } from 'node:crypto';

/** "vb" + 4 hex digits, avoiding prefixes already in use on this host. */
export function pickPrefix(inUse: (prefix: string) => boolean): string {
  for (let i = 0; i < 100; i++) {
    const prefix = `vb${randomInt(0x10000).toString(16).padStart(4, '0')}`;
    if (!inUse(prefix)) return prefix;
  }
  throw new Error('could not find a free run prefix after 100 tries; run `vethbench cleanup`');
}

/** A port derived from the prefix, so two concurrent runs differ even in one shared namespace. */
export function portForPrefix(prefix: string): number {
  return 20000 + (Number.parseInt(prefix.slice(2), 16) % 40000);
}

/** e.g. gro-20261127T211503Z: sortable and safe in a path. */
export function runDirName(scenarioName: string, date: Date): string {
  return `${scenarioName}-${date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}
