// Pure: one `iperf -c … --connect-only -e` run (iperf2 2.1.8) → connections/s and connect times. Each connect
// prints a "connected with … (ct=X ms)" line (10 µs resolution); the run ends with
// "[ CT] final connect times (min/avg/max/stdev) = … ms (tot/err) = N/E". Percentiles come from the per-connection
// lines and are stored with their count. Never throws: failure lines or no connects are { ok: false, reason }.
import { connectTimesMs, iperf2Failure, percentile } from './iperf2-report.ts';
import { msToUs } from './iperf2-bounceback-parse.ts';
import type { ConnectMetrics, SocketSummary } from '../results/metrics.ts';

export type ConnectParse = { ok: true; metrics: ConnectMetrics; warnings: string[] } | { ok: false; reason: string };

const FINAL = /^\[\s*CT\] final connect times \(min\/avg\/max\/stdev\) = ([\d.]+)\/([\d.]+)\/([\d.]+)\/[\d.]+ ms \(tot\/err\) = (\d+)\/(\d+)/m;

/** `durationS`: the client's -t; with an unbounded connect count the client connects for exactly that long. */
export function parseConnectOnlyOutput(text: string, durationS: number): ConnectParse {
  const failure = iperf2Failure(text);
  const times = connectTimesMs(text).sort((a, b) => a - b);
  const final = FINAL.exec(text);
  if (!final && failure) return { ok: false, reason: failure };
  if (!final && times.length === 0) return { ok: false, reason: text.trim() === '' ? 'iperf2 printed nothing' : 'iperf2 output has no connect lines and no final connect-times line (cut short?)' };
  // Stopped by SIGINT iperf2 may end without its [ CT] line: then the connect lines are the count.
  const [min, avg, max, tot, err] = final
    ? final.slice(1).map(Number) as [number, number, number, number, number]
    : [times[0]!, times.reduce((a, b) => a + b, 0) / times.length, times[times.length - 1]!, times.length, 0];
  const connections = tot - err;
  if (!(connections > 0)) return { ok: false, reason: `iperf2 completed no connects (${tot} tried, ${err} failed)${failure ? `: ${failure}` : ''}` };
  const warnings: string[] = [];
  if (err > 0) warnings.push(`${err} of ${tot} connects failed${failure ? ` (${failure})` : ''}`);
  if (!final) warnings.push('iperf2 printed no final connect-times line: connections counted from its per-connect lines, errors unknown');
  else if (times.length !== tot) warnings.push(`iperf2 printed ${times.length} connect lines for ${tot} connects: percentiles use the ${times.length} printed`);
  const metrics: ConnectMetrics = {
    connectionsPerSecond: connections / durationS, connections, connectErrors: err,
    connectMeanUs: msToUs(avg), connectMinUs: msToUs(min), connectMaxUs: msToUs(max),
  };
  const us = times.map(msToUs);
  for (const [key, q] of [['connectP50Us', 0.5], ['connectP90Us', 0.9], ['connectP99Us', 0.99]] as const) {
    const v = percentile(us, q);
    if (v !== undefined) metrics[key] = v;
  }
  return { ok: true, metrics, warnings };
}

/** `ss -s`: "TCP:   2435 (estab 0, closed 2435, orphaned 0, timewait 2043)" → the counts, absent when not there. */
export function parseSocketSummary(text: string): SocketSummary {
  const m = /^TCP:\s+(\d+) \(.*?timewait (\d+)/m.exec(text);
  return m ? { tcpSockets: Number(m[1]), timeWaitSockets: Number(m[2]) } : {};
}
