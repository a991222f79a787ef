import type { Identity } from '../decision/index.js';
import type { GuardRequest } from '../request/index.js';
import { matchApiKey, presentedKey, type ResolvedApiKeys } from './api-keys.js';
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
    const { ip, network } = address;
    const base = { ip, network };
    let keyId: string | undefined;
    if (apiKeys) {
      const key = presentedKey(req.headers, apiKeys.header);
      if (key !== undefined) {
        keyId = matchApiKey(key, apiKeys);
        if (keyId === undefined) return { ok: false, identity: { id: address.id, source: 'ip', ...base }, message: 'Invalid API key.' };
      } else if (apiKeys.required) {
        return { ok: false, identity: { id: address.id, source: 'ip', ...base }, message: 'Missing API key.' };
      }
    }
    const withKey = keyId === undefined ? base : { ...base, keyId };
    const fallback = (): IdentityResult => {
      if (req.user) return { ok: true, identity: keyId === undefined ? { id: req.user, source: 'user', ip, network } : { id: req.user, source: 'user', ip, network, keyId } };
      if (keyId !== undefined) return { ok: true, identity: { id: `key:${keyId}`, source: 'api-key', ...withKey } };
      return { ok: true, identity: { id: address.id, source: 'ip', ip, network } };
    };
    if (!identify) return fallback();
    const custom = identify(req);
    const pick = (id: string | undefined): IdentityResult => (id ? { ok: true, identity: { id: String(id), source: 'custom', ...withKey } } : fallback());
    return custom instanceof Promise ? custom.then(pick) : pick(custom);
  };
}
