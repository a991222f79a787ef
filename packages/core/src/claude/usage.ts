import type { Usage } from '../decision/index.js';

/** A token count the API reported, or `undefined` for a missing or nonsensical one. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The {@link Usage} in a Messages API `usage` object (a reply's, or a stream event's), over `base`:
 * a field the object reports replaces `base`'s, a missing one keeps it, and one neither has is 0.
 * The cache writes' TTL breakdown (`cache_creation`) is kept, since 1-hour writes are priced higher.
 * `undefined` when `raw` is not an object and there is no `base`.
 *
 * @example
 * ```ts
 * const start = readUsage({ input_tokens: 12, cache_creation_input_tokens: 900, cache_creation: { ephemeral_1h_input_tokens: 900 }, output_tokens: 1 });
 * readUsage({ output_tokens: 40 }, start); // input 12, output 40, 900 written, all of it 1-hour
 * ```
 */
export function readUsage(raw: unknown, base?: Usage): Usage | undefined {
  if (typeof raw !== 'object' || raw === null) return base;
  const u = raw as Record<string, unknown>;
  const usage: Usage = {
    input_tokens: count(u.input_tokens) ?? base?.input_tokens ?? 0,
    output_tokens: count(u.output_tokens) ?? base?.output_tokens ?? 0,
    cache_creation_input_tokens: count(u.cache_creation_input_tokens) ?? base?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: count(u.cache_read_input_tokens) ?? base?.cache_read_input_tokens ?? 0,
  };
  const byTtl = typeof u.cache_creation === 'object' && u.cache_creation !== null ? (u.cache_creation as Record<string, unknown>) : undefined;
  const before = base?.cache_creation;
  const fiveMinutes = count(byTtl?.ephemeral_5m_input_tokens) ?? before?.ephemeral_5m_input_tokens ?? undefined;
  const oneHour = count(byTtl?.ephemeral_1h_input_tokens) ?? before?.ephemeral_1h_input_tokens ?? undefined;
  if (fiveMinutes !== undefined || oneHour !== undefined) {
    usage.cache_creation = { ephemeral_5m_input_tokens: fiveMinutes ?? 0, ephemeral_1h_input_tokens: oneHour ?? 0 };
  }
  return usage;
}
