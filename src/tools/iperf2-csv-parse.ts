// Pure: `iperf -c … -y C` (iperf2 2.1.8 CSV) → one row per flow:
// "timestamp,src,srcport,dst,dstport,id,interval,bytes,bits_per_second". With -P the client prints one row per
// flow (and in some versions a sum row with id -1, which is skipped). Never throws.
import { iperf2Failure } from './iperf2-report.ts';

export interface CsvFlow {
  id: number;
  startS: number;
  endS: number;
  bytes: number;
  bitsPerSecond: number;
}

export type CsvParse = { ok: true; flows: CsvFlow[] } | { ok: false; reason: string };

export function parseIperf2Csv(text: string): CsvParse {
  const rows = new Map<number, CsvFlow>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(',');
    if (f.length < 9) continue;
    const id = Number(f[5]);
    const interval = /^([\d.]+)-([\d.]+)$/.exec(f[6]!);
    const bytes = Number(f[7]);
    const bitsPerSecond = Number(f[8]);
    if (!Number.isInteger(id) || id < 0 || !interval || !Number.isFinite(bytes) || !Number.isFinite(bitsPerSecond)) continue;
    const row = { id, startS: Number(interval[1]), endS: Number(interval[2]), bytes, bitsPerSecond };
    // Interval rows (-i) end earlier than the whole-run row of the same flow: keep the longest.
    const seen = rows.get(id);
    if (row.startS === 0 && (!seen || row.endS > seen.endS)) rows.set(id, row);
  }
  if (rows.size > 0) return { ok: true, flows: [...rows.values()].sort((a, b) => a.id - b.id) };
  const failure = iperf2Failure(text);
  if (failure) return { ok: false, reason: failure };
  return { ok: false, reason: text.trim() === '' ? 'iperf2 printed nothing' : 'iperf2 printed no CSV flow rows' };
}
