import { BlockList, isIP } from 'node:net';
import { OptionsError } from '../errors/index.js';
import type { GuardHeaders } from '../request/index.js';
import { normalizeIp } from './ip.js';

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

export function createClientIpResolver(trust: TrustProxy, path = 'trustProxy'): ClientIpResolver {
  if (trust === false || trust === 0) {
    // Peer addresses repeat (keep-alive, the same clients): remember their normal form.
    const seen = new Map<string, string>();
    return (peer) => {
      let ip = seen.get(peer);
      if (ip === undefined) {
        if (seen.size >= 50_000) seen.clear();
        ip = normalizeIp(peer);
        seen.set(peer, ip);
      }
      return ip;
    };
  }
  const trusted = trustPredicate(trust, path);
  return (peer, headers) => {
    const chain = [normalizeIp(peer), ...forwardedFor(headers).reverse()];
    // Walk from the nearest hop outwards while the hop is one of ours.
    let i = 0;
    while (i < chain.length - 1 && trusted(chain[i]!, i)) i++;
    return chain[i]!;
  };
}

function forwardedFor(headers: GuardHeaders): string[] {
  const value = headers['x-forwarded-for'];
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(normalizeIp)
    .filter((s) => isIP(s) !== 0);
}

function trustPredicate(trust: TrustProxy, path: string): (ip: string, hop: number) => boolean {
  if (trust === true) return () => true;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 0) throw new OptionsError(path, `must be a non-negative integer, got ${trust}.`);
    return (_ip, hop) => hop < trust;
  }
  if (!Array.isArray(trust)) throw new OptionsError(path, 'must be true, false, a number of hops, or a list of proxy addresses/CIDRs.');
  const list = new BlockList();
  (trust as readonly string[]).forEach((entry, i) => {
    for (const cidr of NAMED[entry] ?? [entry]) {
      const [addr, bits] = cidr.split('/') as [string, string | undefined];
      const family = isIP(addr);
      if (family === 0) throw new OptionsError(`${path}.${i}`, `must be an IP address, a CIDR or one of ${Object.keys(NAMED).join(', ')}; got "${entry}".`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) list.addAddress(addr, type);
      else list.addSubnet(addr, Number(bits), type);
    }
  });
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}
