import { isIP } from 'node:net';
import { networkOf } from '../identity/index.js';

/** The networks an address belongs to, at the granularities operators and campaigns rent. */
export interface NetworkGroups {
  /** 4 or 6 (0 when the address does not parse). */
  family: 0 | 4 | 6;
  /** The grouping used to link accounts: IPv4 `/24`, IPv6 `/48` (a site or a rented block). */
  group: string;
  /** IPv6 `/64` (one subscriber line); for IPv4 the same as {@link group}. */
  subscriber: string;
}

/**
 * Groups an address: IPv4 by `/24`, IPv6 by `/48` (site) and `/64` (subscriber).
 *
 * @example
 * ```ts
 * networkGroups('203.0.113.77');           // { family: 4, group: '203.0.113.0/24', subscriber: '203.0.113.0/24' }
 * networkGroups('2001:db8:1:2:3::9').group; // '2001:db8:1::/48'
 * ```
 */
export function networkGroups(ip: string): NetworkGroups {
  const family = isIP(ip) as 0 | 4 | 6;
  if (family === 4) {
    const cut = ip.lastIndexOf('.');
    const group = `${ip.slice(0, cut)}.0/24`;
    return { family, group, subscriber: group };
  }
  if (family === 6) return { family, group: networkOf(ip, 48), subscriber: networkOf(ip, 64) };
  return { family: 0, group: ip, subscriber: ip };
}
