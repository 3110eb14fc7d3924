// Append-only journal.jsonl: each record is written and fsync'ed the moment it exists, so a crash loses none.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { JournalRecord } from './types.ts';

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

/** Reads every complete record; a torn last line (a crash mid-write) is skipped, not fatal. */
export function readJournal(path: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // only the last line can be torn; anything after it is not there
    }
  }
  return records;
}
