export { normalizeIp, networkOf, ipIdentity, maskIpv6 } from './ip.js';
export { createClientIpResolver, createClientAddressResolver, type TrustProxy, type ClientIpResolver, type ClientAddressResolver } from './trust-proxy.js';
export { addressBook, type AddressBook, type ClientAddress } from './address.js';
export { hashApiKey, parseApiKeyOptions, matchApiKey, presentedKey, type ApiKeyEntry, type ApiKeyOptions, type ResolvedApiKeys } from './api-keys.js';
export { principalId } from './resolve.js';
export { createIdentityResolver, type IdentifyFn, type IdentityResult } from './resolve.js';
