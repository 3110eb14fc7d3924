// Global sysctls (net.core.*) are shared by every namespace, so a run that changes them journals the original
// values on disk BEFORE the first change and restores them after — or `vethbench cleanup` does, after a SIGKILL.
// The journal file is also the lock: created exclusively, so two runs cannot restore each other's values wrongly.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import type { Host } from '../host/host.ts';
import { sysctlJournalSchema, STATE_SCHEMA_VERSION, type SysctlJournal } from '../results/state-schema.ts';
import { storedDocument } from '../results/parse-stored.ts';
import { isProcessAlive, stateDir } from '../host/state-dir.ts';
import { BUSY_POLL_SYSCTLS, GLOBAL_SYSCTLS } from '../knobs/global-sysctl-keys.ts';

export type { SysctlJournal } from '../results/state-schema.ts';

/** The only keys a journal may name: those a knob family changes. A journal naming another is not restored. */
const RESTORABLE: ReadonlySet<string> = new Set([...Object.values(GLOBAL_SYSCTLS), ...Object.values(BUSY_POLL_SYSCTLS)]);
const DAMAGED = (path: string) => `a damaged sysctl journal; compare the values it names with \`sysctl -a\`, restore them by hand, then remove ${path}`;


export function journalPath(): string {
  return join(stateDir(), 'sysctl-journal.json');
}

/** undefined when there is none (or a killed run left it empty); a damaged one is an InputError naming the field. */
export function readSysctlJournal(): SysctlJournal | undefined {
  const path = journalPath();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return parseSysctlJournal(text, path);
}

/** Pure: the journal's text → the journal (undefined when empty: a run killed before it wrote one), or an InputError. */
export function parseSysctlJournal(text: string, path: string): SysctlJournal | undefined {
  if (!text.trim()) return undefined;
  const stored = storedDocument(text, path, sysctlJournalSchema, DAMAGED(path));
  const foreign = Object.keys(stored.originals).filter((k) => !RESTORABLE.has(k));
  if (foreign.length) throw new InputError(`${path}: originals: names ${foreign.join(', ')}, which no vethbench knob changes (it restores only ${[...RESTORABLE].join(', ')}); ${DAMAGED(path)}`);
  const { schemaVersion: _version, ...journal } = stored;
  return journal;
}

function writeDurably(journal: SysctlJournal): void {
  const tmp = `${journalPath()}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...journal, schemaVersion: STATE_SCHEMA_VERSION }, null, 2));
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, journalPath());
}

/** Takes the lock for this process, or returns why not (another live run holds it, or a dead one left it). */
export function lockSysctlJournal(): string | undefined {
  mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(journalPath(), 'wx');
    writeSync(fd, JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION, ownerPid: process.pid, originals: {} } satisfies SysctlJournal));
    fsyncSync(fd);
    closeSync(fd);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const held = readSysctlJournal();
  if (held?.ownerPid === process.pid) return undefined;
  return held && isProcessAlive(held.ownerPid)
    ? `another vethbench run (pid ${held.ownerPid}) is changing global sysctls; wait for it to finish`
    : `a killed vethbench run left changed global sysctls in ${journalPath()}; run \`vethbench cleanup\` to restore them first`;
}

/** Records the original value of `key` (first change only), durably, before the caller writes the new one. */
export async function journalOriginal(host: Host, key: string): Promise<string | undefined> {
  const journal = readSysctlJournal();
  if (!journal || journal.ownerPid !== process.pid) return 'the global sysctl journal is not held by this run';
  if (journal.originals[key] !== undefined) return undefined;
  const r = await host.exec(['sysctl', '-n', key], { timeoutMs: 10_000 });
  if (r.exitCode !== 0) return `sysctl -n ${key}: ${r.stderr.trim()}`;
  writeDurably({ ...journal, originals: { ...journal.originals, [key]: r.stdout.trim() } });
  return undefined;
}

/**
 * Puts every journaled value back and releases the lock. `onlyOwnedBy` restricts it to this process's journal
 * (the runner), or to a journal whose owner is dead (cleanup). Returns what could not be restored.
 */
export async function restoreSysctls(host: Host, onlyOwnedBy: 'self' | 'dead-owner'): Promise<{ restored: string[]; problems: string[] }> {
  const journal = readSysctlJournal();
  if (!journal) {
    // A run killed between creating the lock file and writing it left it empty: nothing was changed yet.
    if (onlyOwnedBy === 'dead-owner' && existsSync(journalPath())) rmSync(journalPath(), { force: true });
    return { restored: [], problems: [] };
  }
  const mine = journal.ownerPid === process.pid;
  if (onlyOwnedBy === 'self' ? !mine : mine || isProcessAlive(journal.ownerPid)) return { restored: [], problems: [] };
  const restored: string[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(journal.originals)) {
    const r = await host.exec(['sysctl', '-q', '-w', `${key}=${value}`], { timeoutMs: 10_000 });
    if (r.exitCode === 0) restored.push(`${key}=${value}`);
    else problems.push(`could not restore ${key}=${value}: ${r.stderr.trim()} (the journal ${journalPath()} is kept)`);
  }
  if (problems.length === 0) rmSync(journalPath(), { force: true });
  return { restored, problems };
}
