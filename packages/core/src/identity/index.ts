export { normalizeIp, networkOf, ipIdentity, maskIpv6 } from './ip.js';
export { createClientIpResolver, type TrustProxy, type ClientIpResolver } from './trust-proxy.js';
export { hashApiKey, parseApiKeyOptions, matchApiKey, presentedKey, type ApiKeyEntry, type ApiKeyOptions, type ResolvedApiKeys } from './api-keys.js';
export { createIdentityResolver, type IdentifyFn, type IdentityResult } from './resolve.js';
