// Pure: readers of the kernel's own counters — `ip -s -j link show dev X` (rx/tx packets, dropped) and
// `nstat -asz` (absolute SNMP counters of the namespace it runs in). Never throw: what is not there is absent.

export interface LinkCounters {
  address?: string;
  rxPackets?: number;
  rxDropped?: number;
  txPackets?: number;
  txDropped?: number;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function parseLinkStats(json: string): LinkCounters {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {};
  }
  const link = Array.isArray(data) ? data[0] : undefined;
  if (!link || typeof link !== 'object') return {};
  const l = link as Record<string, unknown>;
  // iproute2 prints stats64 with -s; older versions only "stats".
  const stats = (l.stats64 ?? l.stats) as { rx?: Record<string, unknown>; tx?: Record<string, unknown> } | undefined;
  const out: LinkCounters = {};
  if (typeof l.address === 'string') out.address = l.address;
  const set = (k: keyof Omit<LinkCounters, 'address'>, v: unknown) => { const n = num(v); if (n !== undefined) out[k] = n; };
  set('rxPackets', stats?.rx?.packets);
  set('rxDropped', stats?.rx?.dropped);
  set('txPackets', stats?.tx?.packets);
  set('txDropped', stats?.tx?.dropped);
  return out;
}

/** "UdpInDatagrams   4098   0.0" lines → name → value (the rate column is ignored). */
export function parseNstat(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^([A-Za-z][A-Za-z0-9]+)\s+(\d+)(?:\s|$)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** after − before of one counter, undefined when either is missing or it went backwards (a reset). */
export function delta(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined || after < before ? undefined : after - before;
}
