// Minimal IPv4 arithmetic for address plans (pure).

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  base: number;
  prefixLength: number;
}

/** Parses "a.b.c.d/n"; returns an error text instead when it is not a network address. */
export function parseCidr(text: string): Cidr | string {
  const [ip, len, ...extra] = text.split('/');
  const base = ip === undefined ? undefined : parseIpv4(ip);
  // Digits only: Number('') is 0 and Number(' 8') is 8, which would accept "10.0.0.0/" or "10.0.0.0/ 8".
  const prefixLength = len !== undefined && /^\d{1,2}$/.test(len) ? Number(len) : NaN;
  if (base === undefined || extra.length > 0 || !Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
    return `"${text}" is not an IPv4 CIDR such as "198.18.0.0/15"`;
  }
  const size = 2 ** (32 - prefixLength);
  if (base % size !== 0) {
    return `"${text}" has host bits set; the network is ${formatIpv4(base - (base % size))}/${prefixLength}`;
  }
  return { base, prefixLength };
}

/** The i-th /24 inside the pool, or undefined when the pool is too small. */
export function nthSubnet24(pool: Cidr, index: number): number | undefined {
  if (pool.prefixLength > 24) return undefined;
  const count = 2 ** (24 - pool.prefixLength);
  return index < count ? pool.base + index * 256 : undefined;
}

/** Ranges no link can carry between two namespaces, with why, in the words a message uses. */
const UNUSABLE: readonly { cidr: string; why: string }[] = [
  { cidr: '0.0.0.0/8', why: '"this network": a source-only range the kernel will not route to' },
  { cidr: '127.0.0.0/8', why: 'loopback: every namespace keeps these on its own lo, so they never cross a link' },
  { cidr: '224.0.0.0/4', why: 'multicast: not a unicast address an interface can be given for point-to-point traffic' },
  { cidr: '240.0.0.0/4', why: 'reserved, with the limited broadcast address: the kernel routes neither' },
];

/** Why a pool cannot carry traffic (it overlaps a range above), or undefined. */
export function unusablePoolReason(pool: Cidr): string | undefined {
  const end = pool.base + 2 ** (32 - pool.prefixLength);
  for (const range of UNUSABLE) {
    const r = parseCidr(range.cidr) as Cidr;
    const rEnd = r.base + 2 ** (32 - r.prefixLength);
    if (pool.base < rEnd && r.base < end) return `overlaps ${range.cidr} (${range.why})`;
  }
  return undefined;
}
