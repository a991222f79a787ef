import { isIP } from 'node:net';
import type { Identity } from '../decision/index.js';
import type { GuardRequest } from '../request/index.js';
import { matchApiKey, presentedKey, type ResolvedApiKeys } from './api-keys.js';
import type { ClientAddress } from './address.js';
import type { ClientAddressResolver } from './trust-proxy.js';

/** A custom identity function: return the account id, or undefined to fall back to the defaults. */
export type IdentifyFn = (req: GuardRequest) => string | undefined | Promise<string | undefined>;

export interface IdentityResolverOptions {
  /** The client address under the `trustProxy` policy (`createClientAddressResolver`). */
  clientAddress: ClientAddressResolver;
  identify?: IdentifyFn;
  apiKeys?: ResolvedApiKeys;
}

/** The outcome of identifying a request: an identity, or a refusal for a missing or wrong API key. */
export type IdentityResult = { ok: true; identity: Identity } | { ok: false; identity: Identity; message: string };

/**
 * Who a request belongs to: `identify(req)` if given, else the authenticated user the app put on
 * the request, else the client API key, else the client address (IPv6 grouped by prefix).
 */
export function createIdentityResolver(options: IdentityResolverOptions): (req: GuardRequest) => IdentityResult | Promise<IdentityResult> {
  const { clientAddress, identify, apiKeys } = options;
  return (req) => {
    const address = clientAddress(req.ip, req.headers);
    let keyId: string | undefined;
    if (apiKeys) {
      const key = presentedKey(req.headers, apiKeys.header);
      if (key !== undefined) {
        keyId = matchApiKey(key, apiKeys);
        if (keyId === undefined) return refused(address, 'Invalid API key.');
      } else if (apiKeys.required) {
        return refused(address, 'Missing API key.');
      }
    }
    if (!identify) return defaultIdentity(req, address, keyId);
    const custom = identify(req);
    return custom instanceof Promise ? custom.then((id) => customIdentity(req, address, keyId, id)) : customIdentity(req, address, keyId, custom);
  };
}

function refused(address: ClientAddress, message: string): IdentityResult {
  return { ok: false, identity: { id: address.id, source: 'ip', ip: address.ip, network: address.network }, message };
}

/** The user the app put on the request, else the API key, else the client address. */
function defaultIdentity(req: GuardRequest, address: ClientAddress, keyId: string | undefined): IdentityResult {
  const { ip, network } = address;
  if (req.user) {
    const id = principalId('user', req.user);
    return { ok: true, identity: keyId === undefined ? { id, source: 'user', ip, network } : { id, source: 'user', ip, network, keyId } };
  }
  if (keyId !== undefined) return { ok: true, identity: { id: `key:${keyId}`, source: 'api-key', ip, network, keyId } };
  return { ok: true, identity: { id: address.id, source: 'ip', ip, network } };
}

function customIdentity(req: GuardRequest, address: ClientAddress, keyId: string | undefined, id: string | undefined): IdentityResult {
  if (!id) return defaultIdentity(req, address, keyId);
  const { ip, network } = address;
  const custom = principalId('custom', String(id));
  return { ok: true, identity: keyId === undefined ? { id: custom, source: 'custom', ip, network } : { id: custom, source: 'custom', ip, network, keyId } };
}

/**
 * The identity id of an authenticated user or a custom identity: the id as given, unless it could
 * be taken for another principal: an IP address or an IPv6 network (the ids of anonymous
 * clients), or an id starting with `key:` (API-key clients), `user:` or `custom:`. Such an id is
 * prefixed with its source (`user:127.0.0.1`, `user:key:acme`), so a user can never share counters,
 * flags or detector state with an API-key client, an anonymous address or another kind of
 * identity, whatever id it is given. A prefixed id always starts with `user:` or `custom:`, which
 * no unprefixed id, address or `key:` id does, so no two principals share an id.
 *
 * @example
 * ```ts
 * principalId('user', 'u_1842');        // 'u_1842'
 * principalId('user', '127.0.0.1');     // 'user:127.0.0.1'
 * principalId('user', 'key:acme');      // 'user:key:acme'
 * principalId('custom', 'tenant:acme'); // 'tenant:acme'
 * ```
 */
export function principalId(source: 'user' | 'custom', id: string): string {
  return couldBeAnother(id) ? `${source}:${id}` : id;
}

function couldBeAnother(id: string): boolean {
  if (id.startsWith('key:') || id.startsWith('user:') || id.startsWith('custom:')) return true;
  const c = id.charCodeAt(0);
  // Addresses start with a hex digit or ':' ('::1'); anything else is no address.
  const hexStart = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 58;
  if (!hexStart) return false;
  if (isIP(id) !== 0) return true;
  const slash = id.lastIndexOf('/');
  return slash > 0 && isIP(id.slice(0, slash)) === 6;
}
