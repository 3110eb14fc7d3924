// Pure: one `iperf -c … --bounceback -e --histograms` run (iperf2 2.1.8) → transactions/s (iperf2's RPS, summed
// over the flows) and round-trip times.
// Per flow iperf2 prints "N=avg/min/max/stdev ms … R rps" and a BB8-PDF histogram of the round trips (fixed
// 100 µs bins in 2.1.8, whatever --histograms asks for): percentiles come from it, as the upper edge of the bin
// holding them, stored with the bin width and the sample count so nobody reads them as exact.
// Never throws: a failure line, a missing result or a result without bounces is { ok: false, reason }.
import { present } from '../metrics/present.ts';
import { jainIndex } from '../stats/fairness.ts';
import { finalLines, iperf2Failure, reportLines } from './iperf2-report.ts';
import type { RrMetrics } from '../results/metrics.ts';

export interface BouncebackFlow {
  id: string;
  durationS: number;
  bounces: number;
  rttMeanUs: number;
  rttMinUs: number;
  rttMaxUs: number;
  rttStdDevUs: number;
  transactionsPerSecond: number;
  /** bin index (1-based; bin k holds round trips up to k × binUs) → count. */
  histogram?: Map<number, number>;
  binUs?: number;
}

export type BouncebackParse =
  | { ok: true; metrics: RrMetrics; flows: BouncebackFlow[]; warnings: string[] }
  | { ok: false; reason: string };

const RESULT = /(\d+)=([\d.]+)\/([\d.]+)\/([\d.]+)\/([\d.]+) ms\s.*?([\d.]+) rps\s*$/;
const HISTOGRAM = /BB\d*(?:\([a-z]\))?-PDF: bin\(w=(\d+)us\):cnt\((\d+)\)=([\d:,]+)/;

/** iperf2 prints ms with three decimals: whole µs, without float noise. */
export function msToUs(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}

function histogramOf(rest: string): { binUs: number; bins: Map<number, number> } | undefined {
  const m = HISTOGRAM.exec(rest);
  if (!m) return undefined;
  const bins = new Map<number, number>();
  for (const pair of m[3]!.split(',')) {
    const [bin, count] = pair.split(':').map(Number);
    if (Number.isInteger(bin) && Number.isInteger(count)) bins.set(bin!, (bins.get(bin!) ?? 0) + count!);
  }
  return { binUs: Number(m[1]), bins };
}

/** The upper bin edge below which a share q of the histogram's counts lie. */
export function histogramPercentileUs(bins: ReadonlyMap<number, number>, binUs: number, q: number): number | undefined {
  const sorted = [...bins.entries()].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, c]) => a + c, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [bin, count] of sorted) {
    seen += count;
    if (seen >= q * total) return bin * binUs;
  }
  return sorted[sorted.length - 1]![0] * binUs;
}

export function parseBouncebackOutput(text: string): BouncebackParse {
  const failure = iperf2Failure(text);
  if (failure) return { ok: false, reason: failure };
  const lines = reportLines(text);
  const results = finalLines(lines, (l) => RESULT.test(l.rest));
  if (results.size === 0) return { ok: false, reason: text.trim() === '' ? 'iperf2 printed nothing' : 'iperf2 output has no bounceback result line (cut short?)' };
  const histograms = finalLines(lines, (l) => HISTOGRAM.test(l.rest));
  const flows: BouncebackFlow[] = [];
  for (const [id, line] of results) {
    const m = RESULT.exec(line.rest)!;
    const [bounces, mean, min, max, sd, rps] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    if (![bounces, mean, min, max, sd, rps].every(Number.isFinite)) continue;
    const h = histograms.get(id) ? histogramOf(histograms.get(id)!.rest) : undefined;
    flows.push({
      id, durationS: line.endS - line.startS, bounces,
      rttMeanUs: msToUs(mean), rttMinUs: msToUs(min), rttMaxUs: msToUs(max), rttStdDevUs: msToUs(sd), transactionsPerSecond: rps,
      ...(h ? { histogram: h.bins, binUs: h.binUs } : {}),
    });
  }
  const total = flows.reduce((a, f) => a + f.bounces, 0);
  if (total === 0) return { ok: false, reason: 'iperf2 completed no bounceback round trips' };
  const warnings: string[] = [];
  const metrics: RrMetrics = {
    // iperf2's RPS is over the time it bounced; its printed interval can be a second longer (-t 1 printed 0–2.01 s).
    transactionsPerSecond: flows.reduce((a, f) => a + f.transactionsPerSecond, 0),
    transactions: total,
    transactionRttMeanUs: flows.reduce((a, f) => a + f.rttMeanUs * f.bounces, 0) / total,
    transactionRttMinUs: Math.min(...flows.map((f) => f.rttMinUs)),
    transactionRttMaxUs: Math.max(...flows.map((f) => f.rttMaxUs)),
    flows: flows.length,
  };
  if (flows.length === 1) metrics.transactionRttStdDevUs = flows[0]!.rttStdDevUs;
  const binWidths = new Set(flows.map((f) => f.binUs));
  if (flows.every((f) => f.histogram) && binWidths.size === 1) {
    const binUs = flows[0]!.binUs!;
    const merged = new Map<number, number>();
    for (const f of flows) for (const [b, c] of f.histogram!) merged.set(b, (merged.get(b) ?? 0) + c);
    metrics.rttHistogramBinUs = binUs;
    Object.assign(metrics, present({
      rttP50Us: histogramPercentileUs(merged, binUs, 0.5),
      rttP90Us: histogramPercentileUs(merged, binUs, 0.9),
      rttP99Us: histogramPercentileUs(merged, binUs, 0.99),
      rttP999Us: histogramPercentileUs(merged, binUs, 0.999),
    }));
  } else {
    warnings.push('iperf2 printed no round-trip histogram for every flow: no RTT percentiles');
  }
  if (flows.length > 1) {
    const rates = flows.map((f) => f.transactionsPerSecond);
    metrics.flowTransactionsMinPerSecond = Math.min(...rates);
    metrics.flowTransactionsMaxPerSecond = Math.max(...rates);
    const j = jainIndex(rates);
    if (j !== undefined) metrics.flowFairnessIndex = j;
  }
  if (total < 1000) warnings.push(`only ${total} round trips: the upper percentiles rest on a handful of transactions`);
  return { ok: true, metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined)) as RrMetrics, flows, warnings };
}
