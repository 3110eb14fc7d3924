// Pure: the parts every iperf2 (2.1.x, enhanced `-e` text) client report shares — its error lines, the per-flow
// connect lines with their connect time, and interval lines. Written against real 2.1.8 output (test/fixtures/iperf2).
// Never throws; what a line does not hold is absent, not zero.

/** Lines that mean the run failed, whatever the exit code (iperf2 often exits 0 after them). */
const FAILURE = [
  /^(?:tcp )?bounce-back read failed: (.+)$/m,
  /^connect failed: (.+)$/m,
  /^read failed: (.+)$/m,
  /^write failed: (.+)$/m,
  /^(?:ERROR|error): (.+)$/m,
  /^iperf: (.+)$/m,
];

/** The first failure line, as "<what failed>: <why>", or undefined. */
export function iperf2Failure(text: string): string | undefined {
  for (const pattern of FAILURE) {
    const m = pattern.exec(text);
    if (m) return m[0].trim();
  }
  return undefined;
}

/** "[  3] local … connected with … (ct=0.09 ms)": one per flow (per connection with --connect-only). */
export function connectTimesMs(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/^\[\s*\d+\] local .* connected with .*\(ct=([\d.]+) ms\)/gm)) {
    const v = Number(m[1]);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

export interface ReportLine {
  /** The flow's id, or "SUM". */
  id: string;
  startS: number;
  endS: number;
  /** The rest of the line after "sec". */
  rest: string;
}

/** Every "[ id] a-b sec …" line, in order. */
export function reportLines(text: string): ReportLine[] {
  const out: ReportLine[] = [];
  for (const m of text.matchAll(/^\[\s*(\d+|SUM|CT)\]\s+([\d.]+)\s*-\s*([\d.]+) sec\s+(.*)$/gm)) {
    const startS = Number(m[2]);
    const endS = Number(m[3]);
    if (Number.isFinite(startS) && Number.isFinite(endS)) out.push({ id: m[1]!, startS, endS, rest: m[4]! });
  }
  return out;
}

/** The whole-run line of each flow: the one starting at 0 that reaches furthest (interval lines end earlier). */
export function finalLines(lines: readonly ReportLine[], accept: (l: ReportLine) => boolean): Map<string, ReportLine> {
  const best = new Map<string, ReportLine>();
  for (const l of lines) {
    if (l.id === 'SUM' || l.id === 'CT' || l.startS !== 0 || !accept(l)) continue;
    const seen = best.get(l.id);
    if (!seen || l.endS > seen.endS) best.set(l.id, l);
  }
  return best;
}

/** Nearest-rank percentile of sorted values (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
