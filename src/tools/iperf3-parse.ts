// Turns the text of one `iperf3 -J` run into Iperf3Metrics. Written against real 3.12 output
// (test/fixtures/iperf3) and tolerant of the fields that come and go between 3.1 and 3.22.
// Never throws: odd input becomes { ok: false, reason } or { ok: true, warnings }.

import { present } from '../metrics/present.ts';
import type { Iperf3Interval, Iperf3Parse } from './iperf3-metrics.ts';
import type { Iperf3Sockets } from '../knobs/iperf3-family.ts';
import type { Iperf3Metrics } from '../results/metrics.ts';

type Obj = Record<string, unknown>;
type Decoded = { ok: true; root: Obj; warnings: string[] } | { ok: false; reason: string };
/** Reads a finite number; a present but unusable value is reported as a warning and read as absent. */
type NumReader = (section: unknown, key: string, where: string) => number | undefined;

export function parseIperf3Json(text: string): Iperf3Parse {
  try {
    return parseDecoded(decode(text));
  } catch (err) {
    // Belt and braces: callers rely on "never throws" to record a failed sample instead of dying.
    return { ok: false, reason: `could not parse iperf3 output: ${String(err)}` };
  }
}

function parseDecoded(decoded: Decoded): Iperf3Parse {
  if (!decoded.ok) return decoded;
  const { root, warnings } = decoded;
  const start = asObj(root['start']);
  const version = typeof start?.['version'] === 'string' ? start['version'] : undefined;
  const withVersion = <T extends object>(r: T): T => (version === undefined ? r : { ...r, version });

  // The "error" key decides, not the exit status: 3.12 exits 0 on "connection refused".
  if ('error' in root) return withVersion({ ok: false as const, reason: errorReason(root) });

  const end = asObj(root['end']);
  if (!end || Object.keys(end).length === 0) {
    return withVersion({ ok: false as const, reason: 'iperf3 output has no end summary (the run did not finish)' });
  }
  const protocol = readProtocol(asObj(start?.['test_start']), end, warnings);
  if (typeof protocol !== 'string' || !hasSums(end)) {
    const reason = typeof protocol === 'object' ? protocol.reason : 'iperf3 end summary has no sum sections';
    return withVersion({ ok: false as const, reason });
  }
  const num = numReader(warnings);
  const metrics = protocol === 'tcp' ? tcpMetrics(end, num) : udpMetrics(end, num, warnings);
  Object.assign(metrics, present({
    cpuHostPercent: num(end['cpu_utilization_percent'], 'host_total', 'end.cpu_utilization_percent'),
    cpuRemotePercent: num(end['cpu_utilization_percent'], 'remote_total', 'end.cpu_utilization_percent'),
  }));
  const intervals = readIntervals(root['intervals'], warnings);
  const sockets = readSockets(start);
  return withVersion({ ok: true as const, protocol, metrics: compact(metrics), intervals, warnings, ...(sockets ? { sockets } : {}) });
}

// ---- text -> object ----

function decode(text: string): Decoded {
  const warnings: string[] = [];
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'iperf3 printed nothing (empty output)' };

  // Old versions print bare nan/-nan/inf, which JSON.parse rejects. Strings are matched too so
  // that a "nan" inside a string is left alone.
  let replaced = 0;
  const cleaned = trimmed.replace(/"(?:[^"\\]|\\.)*"|-?\b(?:nan|inf(?:inity)?)\b/gi, (m) => {
    if (m.startsWith('"')) return m;
    replaced++;
    return 'null';
  });
  if (replaced > 0) warnings.push(`replaced ${replaced} bare nan/inf value(s) with null`);

  // Old versions print text after the closing brace: keep only the first complete JSON value.
  const endIdx = firstValueEnd(cleaned);
  const json = endIdx === undefined ? cleaned : cleaned.slice(0, endIdx);
  const trailing = endIdx === undefined ? '' : cleaned.slice(endIdx).trim();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    const what = endIdx === undefined && /^[[{]/.test(cleaned) ? 'truncated or invalid JSON' : 'invalid JSON';
    return { ok: false, reason: `iperf3 output is ${what}: ${(err as Error).message}` };
  }
  if (trailing !== '') warnings.push(`ignored text after the JSON: ${JSON.stringify(trailing.slice(0, 80))}`);
  if (!asObj(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, reason: `iperf3 output is ${kind}, not a JSON object` };
  }
  return { ok: true, root: value as Obj, warnings };
}

/** Index just past the first balanced {...} or [...] at the start of text; undefined when unbalanced. */
function firstValueEnd(text: string): number | undefined {
  if (text[0] !== '{' && text[0] !== '[') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return undefined;
}

// ---- sections ----

function errorReason(root: Obj): string {
  const err = root['error'];
  const text = typeof err === 'string' ? err : JSON.stringify(err);
  // On interrupt iperf3 still prints the summary so far; it is incomplete, so it is not used.
  const end = asObj(root['end']);
  const partial = (end !== undefined && Object.keys(end).length > 0) || nonEmptyArray(root['intervals']);
  return partial ? `${text} (partial results present, not used)` : text;
}

function readProtocol(testStart: Obj | undefined, end: Obj, warnings: string[]): 'tcp' | 'udp' | { reason: string } {
  const p = testStart?.['protocol'];
  if (typeof p === 'string') {
    const lower = p.toLowerCase();
    if (lower === 'tcp' || lower === 'udp') return lower;
    return { reason: `unsupported iperf3 protocol ${JSON.stringify(p)}` };
  }
  // Without test_start, UDP is recognisable by its loss counters in the summary.
  const sum = asObj(end['sum_received']) ?? asObj(end['sum']);
  const guess = sum && 'lost_packets' in sum ? 'udp' : 'tcp';
  warnings.push(`start.test_start.protocol missing; guessed ${guess.toUpperCase()} from the summary`);
  return guess;
}

function hasSums(end: Obj): boolean {
  return ['sum_sent', 'sum_received', 'sum'].some((k) => asObj(end[k]) !== undefined);
}

function tcpMetrics(end: Obj, num: NumReader): Iperf3Metrics {
  // sum_received is always the receiving side, whichever host that is: with -R the client
  // receives and tcp-reverse.json's sum_received is the client's (sender: false) view.
  const sent = end['sum_sent'] ?? end['sum'];
  const recv = end['sum_received'] ?? end['sum'];
  const receivedBps = num(recv, 'bits_per_second', 'end.sum_received');
  return present({
    throughputBps: receivedBps,
    sentBps: num(sent, 'bits_per_second', 'end.sum_sent'),
    receivedBps,
    bytesSent: num(sent, 'bytes', 'end.sum_sent'),
    bytesReceived: num(recv, 'bytes', 'end.sum_received'),
    retransmits: num(sent, 'retransmits', 'end.sum_sent'),
    durationS: num(recv, 'seconds', 'end.sum_received') ?? num(sent, 'seconds', 'end.sum_sent'),
    reverseThroughputBps: num(end['sum_received_bidir_reverse'], 'bits_per_second', 'end.sum_received_bidir_reverse'),
    ...tcpRtt(end['streams'], num),
  });
}

/** RTT comes from tcp_info of the local sending socket only (Linux). */
function tcpRtt(streams: unknown, num: NumReader): Pick<Iperf3Metrics, 'rttMeanUs' | 'rttMinUs' | 'rttMaxUs'> {
  const means: number[] = [];
  const mins: number[] = [];
  const maxes: number[] = [];
  for (const s of Array.isArray(streams) ? streams : []) {
    const sender = asObj(asObj(s)?.['sender']);
    // sender:false marks a stream sent by the remote host (-R, bidir reverse, server side): its
    // RTT fields are zeros or the receiving socket's, not the path RTT. 0 means "no sample".
    if (!sender || sender['sender'] === false) continue;
    const push = (to: number[], key: string) => {
      const v = num(sender, key, 'end.streams[].sender');
      if (v !== undefined && v > 0) to.push(v);
    };
    push(means, 'mean_rtt');
    push(mins, 'min_rtt');
    push(maxes, 'max_rtt');
  }
  return present({
    rttMeanUs: means.length > 0 ? means.reduce((a, b) => a + b, 0) / means.length : undefined,
    rttMinUs: mins.length > 0 ? Math.min(...mins) : undefined,
    rttMaxUs: maxes.length > 0 ? Math.max(...maxes) : undefined,
  });
}

function udpMetrics(end: Obj, num: NumReader, warnings: string[]): Iperf3Metrics {
  // With -b 0 the sender offers far more than arrives, so every figure is the receiver's.
  // sum_received exists since 3.11; before that end.sum is all there is.
  let recv = end['sum_received'];
  let where = 'end.sum_received';
  if (asObj(recv) === undefined) {
    recv = end['sum'];
    where = 'end.sum';
    warnings.push('end.sum_received missing (iperf3 < 3.11): receiver figures taken from end.sum');
  }
  const sent = end['sum_sent'];
  const packets = num(recv, 'packets', where);
  const lostPackets = num(recv, 'lost_packets', where);
  const durationS = num(recv, 'seconds', where);
  const receivedBps = num(recv, 'bits_per_second', where);
  const reverse = end['sum_received_bidir_reverse'] ?? end['sum_bidir_reverse'];
  return present({
    throughputBps: receivedBps,
    sentBps: num(sent, 'bits_per_second', 'end.sum_sent'),
    receivedBps,
    bytesSent: num(sent, 'bytes', 'end.sum_sent'),
    bytesReceived: num(recv, 'bytes', where),
    packets,
    lostPackets,
    lossPercent: num(recv, 'lost_percent', where),
    jitterMs: num(recv, 'jitter_ms', where),
    pps:
      packets !== undefined && lostPackets !== undefined && durationS !== undefined && durationS > 0
        ? (packets - lostPackets) / durationS
        : undefined,
    durationS,
    reverseThroughputBps: num(reverse, 'bits_per_second', 'end.sum_received_bidir_reverse'),
  });
}

function readIntervals(raw: unknown, warnings: string[]): Iperf3Interval[] {
  const out: Iperf3Interval[] = [];
  let skipped = 0;
  for (const item of Array.isArray(raw) ? raw : []) {
    // For bidir, "sum" is the forward direction ("sum_bidir_reverse" is the other one).
    const sum = asObj(asObj(item)?.['sum']);
    const [startS, endS, bps] = ['start', 'end', 'bits_per_second'].map((k) => finite(sum?.[k]));
    if (startS === undefined || endS === undefined || bps === undefined) skipped++;
    else out.push({ startS, endS, bitsPerSecond: bps });
  }
  if (skipped > 0) warnings.push(`skipped ${skipped} interval(s) without a usable sum`);
  return out;
}

// ---- small helpers ----

function numReader(warnings: string[]): NumReader {
  return (section, key, where) => {
    const obj = asObj(section);
    if (!obj || !(key in obj)) return undefined;
    const v = finite(obj[key]);
    if (v === undefined) warnings.push(`${where}.${key} is not a finite number (${String(obj[key])}); treated as absent`);
    return v;
  };
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function asObj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function nonEmptyArray(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** Drops undefined keys so that "not reported" is an absent key, never a stored undefined or 0. */
function compact(m: Iperf3Metrics): Iperf3Metrics {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Iperf3Metrics;
}

/** The socket buffers iperf3 asked for (-w) and what the kernel granted (doubled, capped by net.core.*mem_max). */
function readSockets(start: Obj | undefined): Iperf3Sockets | undefined {
  const pick = (key: string): number | undefined => {
    const v = start?.[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const sockets: Iperf3Sockets = present({ requestedBytes: pick('sock_bufsize'), sndbufActualBytes: pick('sndbuf_actual'), rcvbufActualBytes: pick('rcvbuf_actual') });
  return Object.keys(sockets).length ? sockets : undefined;
}
