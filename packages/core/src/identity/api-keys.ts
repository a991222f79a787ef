import { createHash, timingSafeEqual } from 'node:crypto';
import { OptionsError } from '../errors/index.js';
import { expectArray, expectBoolean, expectObject, expectString, optional } from '../options/validate.js';
import type { GuardHeaders } from '../request/index.js';

/** One client API key: its id (shown in audit logs) and the SHA-256 of the key, never the key itself. */
export interface ApiKeyEntry {
  id: string;
  /** `sha256:<hex>`, from {@link hashApiKey}. */
  hash: string;
}

/** Authentication of the app's own clients by API key. */
export interface ApiKeyOptions {
  /** Active keys; list several to rotate without downtime. */
  keys: ApiKeyEntry[];
  /** Header carrying the key. Default: `x-api-key`, then `Authorization: Bearer <key>`. */
  header?: string;
  /** Refuse requests without a key (401). Default true. A wrong key is always refused. */
  required?: boolean;
}

export interface ResolvedApiKeys {
  keys: Array<{ id: string; digest: Buffer }>;
  header?: string;
  required: boolean;
}

/**
 * The value to store for a client key. Keys are compared by hash in constant time.
 *
 * @example
 * ```ts
 * // once, when issuing a key:  node -e "console.log(require('@distill-guard/core').hashApiKey(process.argv[1]))" <key>
 * createGuard({ apiKeys: { keys: [{ id: 'acme-2026-11', hash: 'sha256:9f86d0…' }] } });
 * ```
 */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

export function parseApiKeyOptions(input: unknown, path: string): ResolvedApiKeys {
  const o = expectObject(path, input, ['keys', 'header', 'required']);
  const keys = expectArray(`${path}.keys`, o.keys).map((k, i) => {
    const e = expectObject(`${path}.keys.${i}`, k, ['id', 'hash']);
    const id = expectString(`${path}.keys.${i}.id`, e.id, { nonEmpty: true });
    const hash = expectString(`${path}.keys.${i}.hash`, e.hash);
    const m = /^sha256:([0-9a-f]{64})$/i.exec(hash);
    if (!m) throw new OptionsError(`${path}.keys.${i}.hash`, 'must be "sha256:<64 hex digits>" as returned by hashApiKey(key); never put the raw key in options.');
    return { id, digest: Buffer.from(m[1]!, 'hex') };
  });
  const resolved: ResolvedApiKeys = {
    keys,
    required: optional(o.required, true, (v) => expectBoolean(`${path}.required`, v)),
  };
  if (o.header !== undefined) resolved.header = expectString(`${path}.header`, o.header, { nonEmpty: true }).toLowerCase();
  return resolved;
}

/** The key a request presents, if any. */
export function presentedKey(headers: GuardHeaders, header?: string): string | undefined {
  if (header) return headers[header] || undefined;
  const direct = headers['x-api-key'];
  if (direct) return direct;
  const auth = headers.authorization;
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || undefined;
  return undefined;
}

/** The id of the matching key, or undefined. Every configured key is compared, in constant time. */
export function matchApiKey(key: string, config: ResolvedApiKeys): string | undefined {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let match: string | undefined;
  for (const entry of config.keys) {
    if (timingSafeEqual(digest, entry.digest) && match === undefined) match = entry.id;
  }
  return match;
}
