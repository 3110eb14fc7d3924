// Pure parts of `vethbench capture`: which devices to capture on (the measured link ends, each inside its own
// namespace — never the root namespace), tcpdump's argv, the pcap file names, and a short summary of a pcap.
import { InputError } from '../errors.ts';
import type { Endpoint, ResolvedTopology } from '../topology/resolve.ts';

export interface CaptureEnd {
  netns: string;
  iface: string;
  address: string;
  /** Where the pcap goes, relative to --out. */
  file: string;
}

/** Every end of every measured link, once; refused if an end is not inside one of the topology's namespaces. */
export function captureEnds(topology: ResolvedTopology, liveName: string): CaptureEnd[] {
  const namespaces = new Set(topology.namespaces.map((n) => n.name));
  const seen = new Set<string>();
  const ends: CaptureEnd[] = [];
  for (const end of topology.links.flatMap((l): Endpoint[] => [l.a, l.b])) {
    // A device without a namespace would be the root namespace's: vethbench never captures there.
    if (!end.netns || !namespaces.has(end.netns) || !end.netns.startsWith(topology.prefix)) {
      throw new InputError(`${liveName}: end ${end.iface} is not inside the topology's namespaces (${[...namespaces].join(', ')}); capture only runs inside them`);
    }
    const key = `${end.netns}/${end.iface}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ends.push({ netns: end.netns, iface: end.iface, address: end.address, file: `${liveName}-${end.netns}-${end.iface}.pcap` });
  }
  return ends;
}

/**
 * tcpdump writes the pcap to stdout (`-w -`), vethbench writes the file: Debian's tcpdump drops to its own user
 * before it opens `-w FILE`, which then fails in a root-owned directory. -U flushes per packet, so a stopped
 * capture loses nothing; -n never resolves names (no DNS from inside a namespace).
 */
export function tcpdumpArgv(iface: string, count: number): string[] {
  return ['tcpdump', '-i', iface, '-n', '-U', '-c', String(count), '-w', '-'];
}

/** tcpdump's closing lines on stderr: "12 packets captured", "… received by filter", "… dropped by kernel". */
export function parseTcpdumpCounts(stderr: string): { captured?: number; dropped?: number } {
  const captured = /(\d+) packets? captured/.exec(stderr);
  const dropped = /(\d+) packets? dropped by kernel/.exec(stderr);
  return { ...(captured ? { captured: Number(captured[1]) } : {}), ...(dropped ? { dropped: Number(dropped[1]) } : {}) };
}

export interface PcapSummary {
  packets: number;
  bytes: number;
  /** Seconds from the first packet to the last. */
  spanS: number;
  /** Packets per protocol: TCP, UDP, ICMP, ICMPv6, ARP, IPv4 other, IPv6 other (e.g. MLD behind a hop-by-hop header), other. */
  protocols: Record<string, number>;
}

const ETHERNET = 1;
const RAW_IP = [12, 14, 101];
const LINUX_SLL = 113;

function protocolOfIp(frame: Uint8Array, at: number): string {
  const version = (frame[at] ?? 0) >> 4;
  if (version === 6) return ({ 58: 'ICMPv6', 6: 'TCP', 17: 'UDP' } as Record<number, string>)[frame[at + 6] ?? -1] ?? 'IPv6 other';
  if (version !== 4) return 'other';
  return ({ 1: 'ICMP', 6: 'TCP', 17: 'UDP' } as Record<number, string>)[frame[at + 9] ?? -1] ?? 'IPv4 other';
}

function protocolOf(linkType: number, frame: Uint8Array): string {
  if (RAW_IP.includes(linkType)) return protocolOfIp(frame, 0);
  const typeAt = linkType === ETHERNET ? 12 : linkType === LINUX_SLL ? 14 : -1;
  if (typeAt < 0 || frame.length < typeAt + 2) return 'other';
  const etherType = (frame[typeAt]! << 8) | frame[typeAt + 1]!;
  if (etherType === 0x0806) return 'ARP';
  if (etherType === 0x0800 || etherType === 0x86dd) return protocolOfIp(frame, typeAt + 2);
  return 'other';
}

/** Reads a classic pcap file (either byte order, µs or ns timestamps); throws on anything else. */
export function summarizePcap(data: Uint8Array): PcapSummary {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 24) return { packets: 0, bytes: 0, spanS: 0, protocols: {} };
  const magic = view.getUint32(0, false);
  const little = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  if (!little && magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) throw new Error(`not a pcap file (magic 0x${magic.toString(16)})`);
  const nano = magic === 0x4d3cb2a1 || magic === 0xa1b23c4d;
  const linkType = view.getUint32(20, little) & 0xffff;
  const protocols: Record<string, number> = {};
  let packets = 0;
  let bytes = 0;
  let first: number | undefined;
  let last = 0;
  for (let at = 24; at + 16 <= data.byteLength;) {
    const time = view.getUint32(at, little) + view.getUint32(at + 4, little) / (nano ? 1e9 : 1e6);
    const included = view.getUint32(at + 8, little);
    const original = view.getUint32(at + 12, little);
    if (at + 16 + included > data.byteLength) break; // a truncated last record (capture stopped mid-write)
    const proto = protocolOf(linkType, data.subarray(at + 16, at + 16 + included));
    protocols[proto] = (protocols[proto] ?? 0) + 1;
    packets += 1;
    bytes += original;
    first ??= time;
    last = time;
    at += 16 + included;
  }
  return { packets, bytes, spanS: first === undefined ? 0 : last - first, protocols };
}

export function describeSummary(s: PcapSummary): string {
  const protocols = Object.entries(s.protocols).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ');
  const size = s.bytes >= 1e6 ? `${(s.bytes / 1e6).toFixed(1)} MB` : s.bytes >= 1e3 ? `${(s.bytes / 1e3).toFixed(1)} kB` : `${s.bytes} B`;
  return `${s.packets} packet${s.packets === 1 ? '' : 's'}, ${size} in ${s.spanS.toFixed(2)} s${protocols ? ` (${protocols})` : ''}`;
}
