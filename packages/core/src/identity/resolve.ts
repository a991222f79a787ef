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
  if (req.user) return { ok: true, identity: keyId === undefined ? { id: req.user, source: 'user', ip, network } : { id: req.user, source: 'user', ip, network, keyId } };
  if (keyId !== undefined) return { ok: true, identity: { id: `key:${keyId}`, source: 'api-key', ip, network, keyId } };
  return { ok: true, identity: { id: address.id, source: 'ip', ip, network } };
}

function customIdentity(req: GuardRequest, address: ClientAddress, keyId: string | undefined, id: string | undefined): IdentityResult {
  if (!id) return defaultIdentity(req, address, keyId);
  const { ip, network } = address;
  return { ok: true, identity: keyId === undefined ? { id: String(id), source: 'custom', ip, network } : { id: String(id), source: 'custom', ip, network, keyId } };
}
