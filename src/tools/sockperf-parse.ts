// Turns the text of one `sockperf ping-pong` run into latency metrics. Written against real 3.7 output
// (test/fixtures/sockperf). sockperf exits 0 even when it could not connect, so the text decides.
// Never throws: odd input becomes { ok: false, reason }.
import { present } from '../metrics/present.ts';
import type { LatencyMetrics } from '../results/metrics.ts';

export type SockperfParse =
  | { ok: true; version?: string; metrics: LatencyMetrics; warnings: string[] }
  | { ok: false; reason: string; version?: string };

/** sockperf colours some lines even when writing to a file. */
const ANSI = /\x1b\[[0-9;]*m/g;

const PERCENTILES: Record<string, keyof LatencyMetrics> = {
  '50.000': 'latencyP50Us',
  '90.000': 'latencyP90Us',
  '99.000': 'latencyP99Us',
  '99.900': 'latencyP999Us',
};

function number(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text);
  const v = m ? Number(m[1]) : undefined;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

export function parseSockperfOutput(raw: string): SockperfParse {
  const text = raw.replace(ANSI, '');
  const versionMatch = /== version #(\S+) ==/.exec(text);
  const version = versionMatch ? `sockperf ${versionMatch[1]}` : undefined;
  const fail = (reason: string): SockperfParse => (version ? { ok: false, reason, version } : { ok: false, reason });

  const error = /^sockperf: ERROR: (.+)$/m.exec(text);
  if (error) return fail(error[1]!.trim());
  if (/No messages were received from the server/.test(text)) return fail('no replies from the sockperf server (is it down or unreachable?)');
  if (text.trim() === '') return fail('sockperf printed nothing');

  const metrics: LatencyMetrics = present({
    // "Summary: Latency is" is half the round trip; with --full-rtt sockperf prints "Round trip is" instead.
    latencyMeanUs: number(text, /Summary: Latency is ([\d.]+) usec/),
    latencyStdDevUs: number(text, /avg-latency=[\d.]+ \(std-dev=([\d.]+)/),
    latencyMinUs: number(text, /---> <MIN> observation =\s*([\d.]+)/),
    latencyMaxUs: number(text, /---> <MAX> observation =\s*([\d.]+)/),
    latencyObservations: number(text, /Total (\d+) observations/),
    messagesDropped: number(text, /# dropped messages = (\d+)/),
  });
  for (const m of text.matchAll(/---> percentile ([\d.]+) =\s*([\d.]+)/g)) {
    const name = PERCENTILES[m[1]!];
    const v = Number(m[2]);
    if (name && Number.isFinite(v)) metrics[name] = v;
  }
  const missing = (['latencyMeanUs', 'latencyP50Us', 'latencyP99Us'] as const).filter((k) => metrics[k] === undefined);
  if (missing.length) return fail(`sockperf output has no latency summary (missing ${missing.join(', ')}); it may have been cut short`);
  const compact = Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined)) as LatencyMetrics;
  const warnings = metrics.latencyObservations !== undefined && metrics.latencyObservations < 1000
    ? [`only ${metrics.latencyObservations} observations: the upper percentiles rest on a handful of messages`]
    : [];
  return { ok: true, ...(version ? { version } : {}), metrics: compact, warnings };
}
