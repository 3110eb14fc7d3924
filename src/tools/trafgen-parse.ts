// Pure: what trafgen (netsniff-ng 0.6.8) prints when it stops on SIGINT — "N packets outgoing", "B bytes outgoing"
// and per-CPU time lines. Only the sender's own view: the arrival is counted at the receiver. Never throws.

export interface TrafgenParse {
  packets?: number;
  bytes?: number;
  warnings: string[];
}

export function parseTrafgenOutput(text: string): TrafgenParse {
  const packets = /(\d+) packets outgoing/.exec(text);
  const bytes = /(\d+) bytes outgoing/.exec(text);
  const out: TrafgenParse = { warnings: [] };
  if (packets) out.packets = Number(packets[1]);
  if (bytes) out.bytes = Number(bytes[1]);
  if (!packets) out.warnings.push('trafgen printed no "packets outgoing" count: the offered rate comes from the sender veth\'s tx_packets only');
  return out;
}
