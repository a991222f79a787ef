import { isIP } from 'node:net';
import { ipIdentity, networkOf, normalizeIp } from './ip.js';
import { memoize } from './memoize.js';

/** A client address and what identification needs of it, worked out once per distinct text. */
export interface ClientAddress {
  /** The address in normal form (zone dropped, IPv4-mapped IPv6 unwrapped, RFC 5952). */
  readonly ip: string;
  /** Whether `ip` is an IP address at all (a forwarded hop that is not one is skipped). */
  readonly valid: boolean;
  /** Its network: IPv4 `/24`, IPv6 per `ipv6Prefix`. */
  readonly network: string;
  /** The identity of an anonymous client there: the address, an IPv6 one grouped by prefix. */
  readonly id: string;
}

/** Looks up the {@link ClientAddress} of an address as it came (a peer address or a forwarded hop). */
export type AddressBook = (raw: string) => ClientAddress;

/**
 * An address book: parsing, normalizing and masking an address costs more than the rest of
 * identification, and clients repeat (keep-alive peers, the same users behind a proxy). One
 * lookup gives all of it: on a busy server each lookup in a large map is a cache miss.
 *
 * @example
 * ```ts
 * const book = addressBook(64);
 * book('::ffff:203.0.113.9'); // { ip: '203.0.113.9', valid: true, network: '203.0.113.0/24', id: '203.0.113.9' }
 * ```
 */
export function addressBook(ipv6Prefix: number): AddressBook {
  return memoize((raw) => {
    const ip = normalizeIp(raw);
    return { ip, valid: isIP(ip) !== 0, network: networkOf(ip, ipv6Prefix), id: ipIdentity(ip, ipv6Prefix) };
  });
}
