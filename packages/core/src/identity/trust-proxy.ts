import { isIP } from 'node:net';
import { OptionsError } from '../errors/index.js';
import type { GuardHeaders } from '../request/index.js';
import { addressBook, type AddressBook, type ClientAddress } from './address.js';
import { ipv4Number, parseIpv6 } from './ip.js';
import { memoize } from './memoize.js';

/**
 * Which peers may set `X-Forwarded-For`:
 * - `false` (default): none; the connection's peer address is the client.
 * - a number `n`: the last `n` hops are your own proxies (e.g. `1` behind one load balancer).
 * - a list of addresses or CIDRs (and `'loopback'`, `'private'`) of your proxies.
 * - `true`: everyone (only when the app is reachable solely through a proxy that overwrites the header).
 */
export type TrustProxy = boolean | number | readonly string[];

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', '169.254.0.0/16', 'fe80::/10'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Resolves the client address from the peer address and `X-Forwarded-For` under a trust policy. */
export type ClientIpResolver = (peer: string, headers: GuardHeaders) => string;

/** As {@link ClientIpResolver}, with the address's network and anonymous identity. */
export type ClientAddressResolver = (peer: string, headers: GuardHeaders) => ClientAddress;

/**
 * The client address of a request under a `trustProxy` policy.
 *
 * @example
 * ```ts
 * const clientIp = createClientIpResolver(['loopback']);
 * clientIp('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }); // '203.0.113.9'
 * ```
 */
export function createClientIpResolver(trust: TrustProxy, path = 'trustProxy'): ClientIpResolver {
  const resolve = createClientAddressResolver(trust, addressBook(64), path);
  return (peer, headers) => resolve(peer, headers).ip;
}

/** The client address of a request under a `trustProxy` policy, looked up in `book`. */
export function createClientAddressResolver(trust: TrustProxy, book: AddressBook, path = 'trustProxy'): ClientAddressResolver {
  if (trust === false || trust === 0) return (peer) => book(peer);
  const trusted = trustPredicate(trust, path);
  return (peer, headers) => {
    let client = book(peer);
    const forwarded = headers['x-forwarded-for'];
    if (!forwarded) return client;
    // Walk from the nearest hop outwards while the hop is one of ours; the first hop that is not
    // (or the farthest one) is the client.
    let end = forwarded.length;
    let hops = 0;
    while (end > 0) {
      const comma = forwarded.lastIndexOf(',', end - 1);
      const raw = forwarded.slice(comma + 1, end).trim();
      end = comma < 0 ? 0 : comma;
      if (raw === '') continue;
      const hop = book(raw);
      if (!hop.valid) continue;
      if (!trusted(client.ip, hops)) return client;
      client = hop;
      hops++;
    }
    return client;
  };
}

function trustPredicate(trust: TrustProxy, path: string): (ip: string, hop: number) => boolean {
  if (trust === true) return () => true;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 0) throw new OptionsError(path, `must be a non-negative integer, got ${trust}.`);
    return (_ip, hop) => hop < trust;
  }
  if (!Array.isArray(trust)) throw new OptionsError(path, 'must be true, false, a number of hops, or a list of proxy addresses/CIDRs.');
  const ranges: Range[] = [];
  (trust as readonly string[]).forEach((entry, i) => {
    for (const cidr of NAMED[entry] ?? [entry]) {
      const range = parseRange(cidr);
      if (!range) throw new OptionsError(`${path}.${i}`, `must be an IP address, a CIDR or one of ${Object.keys(NAMED).join(', ')}; got "${entry}".`);
      ranges.push(range);
    }
  });
  const inRanges = memoize((ip) => {
    const bits = addressBits(ip);
    return bits !== undefined && ranges.some((r) => r.family === bits.family && matches(bits.words, r));
  });
  return inRanges;
}

/** An address as 32-bit words (one for IPv4, four for IPv6), most significant first. */
interface AddressBits {
  family: 4 | 6;
  words: number[];
}

interface Range extends AddressBits {
  prefix: number;
}

function addressBits(ip: string): AddressBits | undefined {
  const family = isIP(ip);
  if (family === 4) return { family: 4, words: [ipv4Number(ip)] };
  if (family === 6) {
    const g = parseIpv6(ip);
    return { family: 6, words: [0, 2, 4, 6].map((i) => (g[i]! * 0x10000 + g[i + 1]!) >>> 0) };
  }
  return undefined;
}

function parseRange(cidr: string): Range | undefined {
  const slash = cidr.indexOf('/');
  const bits = addressBits(slash < 0 ? cidr : cidr.slice(0, slash));
  if (!bits) return undefined;
  const max = bits.family === 4 ? 32 : 128;
  const text = slash < 0 ? String(max) : cidr.slice(slash + 1);
  const prefix = Number(text);
  if (!/^\d{1,3}$/.test(text) || prefix > max) return undefined;
  return { ...bits, prefix };
}

function matches(words: readonly number[], range: Range): boolean {
  for (let w = 0, left = range.prefix; left > 0; w++, left -= 32) {
    const mask = left >= 32 ? 0xffffffff : (0xffffffff << (32 - left)) >>> 0;
    if (((words[w]! & mask) >>> 0) !== ((range.words[w]! & mask) >>> 0)) return false;
  }
  return true;
}
