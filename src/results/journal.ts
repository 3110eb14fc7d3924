// Append-only journal.jsonl: each record is written and fsync'ed the moment it exists, so a crash loses none.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { journalRecordSchema, type JournalRecord } from './schema.ts';
import { storedLines, storedRecord } from './parse-stored.ts';

const FIX = 'the journal is damaged; start a new run (the samples it names are still in its raw/ directory)';

export class JournalWriter {
  private readonly fd: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }
  append(record: JournalRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Reads and validates every complete record; a torn last line (a crash mid-write) is skipped, not fatal. A line
 * that is JSON but not a journal record is an InputError naming the file, the line and the field.
 */
export function readJournal(path: string): JournalRecord[] {
  return parseJournal(readFileSync(path, 'utf8'), path);
}

/** Pure: the journal's text → its records. */
export function parseJournal(text: string, path: string): JournalRecord[] {
  return storedLines(text, path, FIX, (data, where) => storedRecord(data, where, journalRecordSchema, FIX));
}
