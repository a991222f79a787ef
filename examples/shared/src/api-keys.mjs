// Client API keys for /v1/messages: configured as `id:sha256-hash` pairs, never as raw keys.
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@distill-guard/core';

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const HEX = /^[0-9a-f]{64}$/i;

/**
 * Parses `CLIENT_API_KEYS`: entries `id:hash` separated by commas, spaces or new lines, where
 * `hash` is `sha256:<64 hex>` as `hashApiKey(key)` prints it, or the 64 hex digits alone.
 * Several entries (even for one client) let keys rotate without downtime.
 *
 * @example
 * parseClientApiKeys('mobile:sha256:9f86d0…, partner:2c26b4…');
 *
 * @param {string} value
 * @returns {import('@distill-guard/core').ApiKeyEntry[]}
 */
export function parseClientApiKeys(value) {
  const entries = value.split(/[\s,]+/).filter(Boolean);
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    const hash = at > 0 ? entry.slice(at + 1).replace(/^sha256:/i, '') : '';
    if (!ID.test(id) || !HEX.test(hash)) {
      throw new Error(`"${entry.slice(0, 24)}…" is not "id:sha256:<64 hex digits>". Create an entry with: pnpm --filter express-chatbot new-key`);
    }
    return { id, hash: `sha256:${hash.toLowerCase()}` };
  });
}

/**
 * A new random client key and the `CLIENT_API_KEYS` entry that accepts it.
 *
 * @example
 * const { key, entry } = newClientKey('demo');
 * // key: 'dgk_demo_…' (give it to the client), entry: { id: 'demo', hash: 'sha256:…' } (keep this)
 *
 * @param {string} id
 */
export function newClientKey(id) {
  const key = `dgk_${id}_${randomBytes(24).toString('base64url')}`;
  return { key, entry: { id, hash: hashApiKey(key) } };
}

/**
 * The keys `/v1/messages` accepts: the configured ones, or, with none configured, one demo key
 * made for this run only (`demoKey` is then set so `main` can print it once).
 *
 * @param {import('@distill-guard/core').ApiKeyEntry[]} configured
 * @returns {{ entries: import('@distill-guard/core').ApiKeyEntry[], demoKey?: string }}
 */
export function clientApiKeys(configured) {
  if (configured.length > 0) return { entries: configured };
  const { key, entry } = newClientKey('demo');
  return { entries: [entry], demoKey: key };
}
