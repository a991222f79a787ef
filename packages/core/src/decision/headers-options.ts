import { OptionsError } from '../errors/index.js';
import { describe, expectBoolean, expectKnownKeys, isPlainObject } from '../options/validate.js';
import { DEFAULT_RATE_LIMIT_HEADERS, RATE_LIMIT_DRAFTS, type RateLimitDraft, type RateLimitHeaderFormat } from './headers.js';

/**
 * The guard's `rateLimitHeaders` option: which rate-limit headers decisions carry, picked as in
 * express-rate-limit (`standardHeaders` and `legacyHeaders`). A draft name alone is
 * `{ standard: draft }`; `false` sends no rate-limit headers at all (`Retry-After` stays).
 */
export type RateLimitHeadersOption =
  | RateLimitDraft
  | false
  | {
      /** The IETF draft's fields: `'draft-8'` (default), `'draft-7'`, `'draft-6'`, or `false` for none. */
      standard?: RateLimitDraft | false;
      /** `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix time in seconds). Default `false`. */
      legacy?: boolean;
    };

const NONE: RateLimitHeaderFormat = Object.freeze({ standard: false, legacy: false });
const DRAFTS = RATE_LIMIT_DRAFTS.map((d) => `'${d}'`).join(', ');

/** Validates `rateLimitHeaders`; unset gives {@link DEFAULT_RATE_LIMIT_HEADERS} (today's draft-8 fields, no legacy ones). */
export function parseRateLimitHeadersOption(value: unknown, path = 'rateLimitHeaders'): RateLimitHeaderFormat {
  if (value === undefined) return DEFAULT_RATE_LIMIT_HEADERS;
  if (value === false) return NONE;
  if (typeof value === 'string') return Object.freeze({ standard: expectDraft(path, value), legacy: false });
  if (!isPlainObject(value)) {
    throw new OptionsError(path, `must be ${DRAFTS}, false, or { standard?, legacy? }, got ${describe(value)}.`);
  }
  // express-rate-limit's names, one level up: point to ours.
  for (const [theirs, ours] of [['standardHeaders', 'standard'], ['legacyHeaders', 'legacy']] as const) {
    if (value[theirs] !== undefined) throw new OptionsError(`${path}.${theirs}`, `is not a known option (did you mean \`${path}.${ours}\`?).`);
  }
  expectKnownKeys(path, value, ['standard', 'legacy']);
  const standard = value.standard === undefined ? DEFAULT_RATE_LIMIT_HEADERS.standard : value.standard === false ? false : expectDraft(`${path}.standard`, value.standard);
  const legacy = value.legacy === undefined ? DEFAULT_RATE_LIMIT_HEADERS.legacy : expectBoolean(`${path}.legacy`, value.legacy);
  if (standard === DEFAULT_RATE_LIMIT_HEADERS.standard && legacy === DEFAULT_RATE_LIMIT_HEADERS.legacy) return DEFAULT_RATE_LIMIT_HEADERS;
  return Object.freeze({ standard, legacy });
}

function expectDraft(path: string, value: unknown): RateLimitDraft {
  if (typeof value === 'string' && (RATE_LIMIT_DRAFTS as readonly string[]).includes(value)) return value as RateLimitDraft;
  const hint = value === true ? " (express-rate-limit's `true` means 'draft-6'; name the draft)" : '';
  throw new OptionsError(path, `must be one of ${DRAFTS} or false, got ${describe(value)}${hint}.`);
}
