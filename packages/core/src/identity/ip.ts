import { isIP } from 'node:net';

/** Strips IPv6 zone ids and unwraps IPv4-mapped IPv6 (`::ffff:203.0.113.9`). */
export function normalizeIp(raw: string): string {
  let ip = raw.trim();
  if (ip.startsWith('[') && ip.includes(']')) ip = ip.slice(1, ip.indexOf(']'));
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const lower = ip.toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) return ip.slice(7);
  return isIP(ip) === 6 ? formatIpv6(parseIpv6(ip)) : ip;
}

/** A dotted IPv4 address as an unsigned 32-bit number. */
export function ipv4Number(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** The eight 16-bit groups of an IPv6 address (with or without `::` and an embedded IPv4 tail). */
export function parseIpv6(ip: string): number[] {
  let text = ip;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) > 0) {
    const [a = 0, b = 0, c = 0, d = 0] = text.slice(lastColon + 1).split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const parse = (s: string) => (s ? s.split(':').map((h) => parseInt(h, 16) || 0) : []);
  const gap = text.indexOf('::');
  if (gap < 0) return [...parse(text), ...tail].slice(0, 8);
  const left = parse(text.slice(0, gap));
  const right = [...parse(text.slice(gap + 2)), ...tail];
  return [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right].slice(0, 8);
}

/** RFC 5952 text form: lower case, longest run of zero groups compressed. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Zeroes the host bits of an IPv6 address beyond `prefix`. */
export function maskIpv6(ip: string, prefix: number): string {
  const groups = parseIpv6(ip);
  for (let i = 0; i < 8; i++) {
    const bits = Math.max(0, Math.min(16, prefix - i * 16));
    groups[i] = bits === 0 ? 0 : groups[i]! & ((0xffff << (16 - bits)) & 0xffff);
  }
  return formatIpv6(groups);
}

/**
 * The network an address belongs to: IPv4 `/24` (`203.0.113.0/24`), IPv6 per `ipv6Prefix`
 * (`2001:db8:1:2::/64`). Unparseable input is returned as-is.
 */
export function networkOf(ip: string, ipv6Prefix = 64, ipv4Prefix = 24): string {
  const kind = isIP(ip);
  if (kind === 4) {
    const n = ipv4Number(ip);
    const masked = ipv4Prefix === 0 ? 0 : (n & (0xffffffff << (32 - ipv4Prefix))) >>> 0;
    return `${[24, 16, 8, 0].map((s) => (masked >>> s) & 255).join('.')}/${ipv4Prefix}`;
  }
  if (kind === 6) return `${maskIpv6(ip, ipv6Prefix)}/${ipv6Prefix}`;
  return ip;
}

/**
 * The identity key of an address: IPv4 addresses stand alone; IPv6 addresses are grouped by
 * prefix, because one subscriber usually holds a whole /64 and can rotate through it at will.
 */
export function ipIdentity(ip: string, ipv6Prefix: number): string {
  return isIP(ip) === 6 ? networkOf(ip, ipv6Prefix) : ip;
}
