import { Warnings, type Logger } from '../options/warnings.js';

/** Where an SDK client sends requests when neither `baseURL` nor `ANTHROPIC_BASE_URL` says otherwise. */
const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Clients already warned about: one warning per client, however many routes share it. */
const warned = new WeakSet<object>();

/**
 * What a client says to a caller when the server has no Anthropic credentials: the operator's
 * problem, stated plainly, with nothing secret in it.
 */
export const NO_API_KEY_MESSAGE =
  'This service has no Anthropic API key configured, so it cannot call Claude. ' +
  'The operator must set ANTHROPIC_API_KEY for the server, or point its client at an offline Claude server (distill-guard-claude) with ANTHROPIC_BASE_URL.';

/**
 * Whether an `@anthropic-ai/sdk` client would call the real API without any credentials: no
 * `apiKey`, `authToken` or `credentials` (the environment is read when the client is made) and
 * the default `baseURL`. A client that is not the SDK's (a stand-in, a wrapper) is not judged.
 *
 * @example
 * ```ts
 * isKeyless(new Anthropic({ apiKey: null }));                 // true (without ANTHROPIC_BASE_URL)
 * isKeyless(new Anthropic({ baseURL: 'http://127.0.0.1:8787' })); // false
 * ```
 */
export function isKeyless(client: object): boolean {
  const c = client as { apiKey?: unknown; authToken?: unknown; credentials?: unknown; baseURL?: unknown };
  if (!('apiKey' in c) || typeof c.baseURL !== 'string') return false;
  return c.apiKey == null && c.authToken == null && c.credentials == null && c.baseURL.replace(/\/+$/, '') === DEFAULT_BASE_URL;
}

/** Logs `DG_CLAUDE_NO_API_KEY` once for a keyless client (see {@link isKeyless}). */
export function warnIfKeyless(client: object, logger: Logger): void {
  if (warned.has(client) || !isKeyless(client)) return;
  warned.add(client);
  new Warnings(logger).warn(
    'DG_CLAUDE_NO_API_KEY',
    "claudeRoute()'s Anthropic client has no API key and no baseURL, so every Claude call will fail " +
      '(unless a credentials profile on this machine supplies a key); requests get a 500 saying so. ' +
      'Set ANTHROPIC_API_KEY, or run offline: `npx distill-guard-claude` and ANTHROPIC_BASE_URL=http://127.0.0.1:8787 with any ANTHROPIC_API_KEY.',
  );
}
