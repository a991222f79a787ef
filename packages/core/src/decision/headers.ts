import type { LimitState } from './types.js';

const QUOTA_UNIT: Record<LimitState['unit'], string | undefined> = {
  requests: undefined, // the draft's default unit
  'concurrent-requests': 'concurrent-requests',
  tokens: 'tokens',
  'output-tokens': 'output-tokens',
  'usd-micros': 'usd-micros',
};

/**
 * A set of limits as the headers need them, by index: a request's reservation answers these
 * from its own numbers, so no per-limit objects are built to write the headers.
 */
export interface LimitSet {
  readonly size: number;
  /** False for a limit that did not answer (its store failed with no insurance limiter). */
  answered(i: number): boolean;
  policy(i: number): string;
  /** Whether limit `i` refused the request. */
  isExceeded(i: number): boolean;
  /** Whether limit `i` counts requests in flight (not a quota that resets on a clock). */
  concurrency(i: number): boolean;
  remaining(i: number): number;
  limit(i: number): number;
  resetSeconds(i: number): number;
  /** The window of limit `i` in seconds; `undefined` for a concurrency limit, which has none. */
  windowSeconds(i: number): number | undefined;
}

/**
 * The revision of draft-ietf-httpapi-ratelimit-headers whose fields the guard sends, named as
 * express-rate-limit's `standardHeaders` names them:
 * - `'draft-8'`: `RateLimit-Policy` lists every policy by name (`"requests-1m";q=30;w=60`),
 *   `RateLimit` reports one (`"requests-1m";r=29;t=60`). The syntax of draft-08 and every later
 *   revision to date (draft-11).
 * - `'draft-7'`: `RateLimit: limit=30, remaining=29, reset=60` and `RateLimit-Policy: 30;w=60`.
 * - `'draft-6'`: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy: 30;w=60`.
 */
export type RateLimitDraft = 'draft-6' | 'draft-7' | 'draft-8';

export const RATE_LIMIT_DRAFTS: readonly RateLimitDraft[] = Object.freeze(['draft-6', 'draft-7', 'draft-8'] as const);

/** Which rate-limit headers a decision carries. */
export interface RateLimitHeaderFormat {
  /** The IETF draft's fields, or `false` for none. */
  readonly standard: RateLimitDraft | false;
  /** `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix time in seconds). */
  readonly legacy: boolean;
}

/** What the guard sends unless told otherwise: draft-8 fields, no `X-RateLimit-*`. */
export const DEFAULT_RATE_LIMIT_HEADERS: RateLimitHeaderFormat = Object.freeze({ standard: 'draft-8', legacy: false });

/** Whether `format` is the default (the guard keeps a faster path for it). */
export function isDefaultRateLimitFormat(format: RateLimitHeaderFormat): boolean {
  return format.standard === 'draft-8' && !format.legacy;
}

/**
 * `RateLimit-Policy` and `RateLimit` headers per draft-ietf-httpapi-ratelimit-headers-08 (and
 * later), or the fields of `format` when given. Every policy is listed; `RateLimit` reports the
 * most constraining one, as the draft asks when several windows apply.
 *
 * @example
 * ```ts
 * const limits = [{ policy: 'requests-1m', unit: 'requests', scope: 'identity', limit: 30, remaining: 29, resetSeconds: 60, windowSeconds: 60, exceeded: false }] as const;
 * rateLimitHeaders(limits);
 * // { 'RateLimit-Policy': '"requests-1m";q=30;w=60', RateLimit: '"requests-1m";r=29;t=60' }
 * rateLimitHeaders(limits, undefined, undefined, { standard: 'draft-7', legacy: true }, Date.parse('2026-11-02T09:00:00Z'));
 * // { 'RateLimit-Policy': '30;w=60', RateLimit: 'limit=30, remaining=29, reset=60',
 * //   'X-RateLimit-Limit': '30', 'X-RateLimit-Remaining': '29', 'X-RateLimit-Reset': '1793610060' }
 * ```
 */
export function rateLimitHeaders(
  limits: readonly LimitState[],
  retryAfter?: number,
  policyHeader?: string,
  format: RateLimitHeaderFormat = DEFAULT_RATE_LIMIT_HEADERS,
  now: number = Date.now(),
): Record<string, string> {
  const headers: Record<string, string> = {};
  writeRateLimitHeaders(headers, new StateList(limits), format, policyHeader ?? (format.standard === 'draft-8' ? rateLimitPolicyHeader(limits) : ''), retryAfter, now);
  return headers;
}

/**
 * Adds the rate-limit headers of `format` for `set` to `headers`; adds nothing when no limit
 * answered. The single-limit fields (draft-6, draft-7, `X-RateLimit-*`, and draft-8's
 * `RateLimit`) report the most constraining limit; a refusal's reset is `retryAfter` when given,
 * so it agrees with `Retry-After`.
 *
 * @param policyHeader draft-8's `RateLimit-Policy` value ({@link rateLimitPolicyHeader}), constant per configuration.
 * @param now clock time in ms, for `X-RateLimit-Reset` (a Unix time).
 */
export function writeRateLimitHeaders(
  headers: Record<string, string>,
  set: LimitSet,
  format: RateLimitHeaderFormat,
  policyHeader: string,
  retryAfter: number | undefined,
  now: number,
): void {
  const i = mostConstraining(set);
  if (i < 0) return;
  const remaining = Math.max(0, Math.floor(set.remaining(i)));
  const reset = resetOf(set, i, retryAfter);
  const limit = set.limit(i);
  switch (format.standard) {
    case 'draft-8':
      headers['RateLimit-Policy'] = policyHeader;
      headers.RateLimit = `"${set.policy(i)}";r=${remaining};t=${reset}`;
      break;
    case 'draft-7': {
      const policy = singlePolicy(set, i);
      if (policy) headers['RateLimit-Policy'] = policy;
      headers.RateLimit = `limit=${limit}, remaining=${remaining}, reset=${reset}`;
      break;
    }
    case 'draft-6': {
      const policy = singlePolicy(set, i);
      if (policy) headers['RateLimit-Policy'] = policy;
      headers['RateLimit-Limit'] = String(limit);
      headers['RateLimit-Remaining'] = String(remaining);
      headers['RateLimit-Reset'] = String(reset);
      break;
    }
    case false:
      break;
  }
  if (format.legacy) {
    headers['X-RateLimit-Limit'] = String(limit);
    headers['X-RateLimit-Remaining'] = String(remaining);
    headers['X-RateLimit-Reset'] = String(Math.ceil(now / 1000) + reset);
  }
}

/**
 * The `RateLimit` value (draft-8 syntax) for the most constraining limit of `set` (a refusing
 * one before any other; among refusals the longest wait, otherwise the smallest share left), or
 * `undefined` when no limit answered. A refusal's reset is `retryAfter` when given.
 */
export function rateLimitValue(set: LimitSet, retryAfter?: number): string | undefined {
  const i = mostConstraining(set);
  if (i < 0) return undefined;
  return `"${set.policy(i)}";r=${Math.max(0, Math.floor(set.remaining(i)))};t=${resetOf(set, i, retryAfter)}`;
}

/**
 * The index of the limit the single-limit fields report: a refusing one before any other (among
 * refusals the longest wait), otherwise the smallest share left; -1 when no limit answered. A
 * concurrency slot is not a quota that resets on a clock, so it is reported only when it refused.
 */
export function mostConstraining(set: LimitSet): number {
  const i = tightest(set, true);
  return i >= 0 ? i : tightest(set, false);
}

/** The `RateLimit-Policy` value: every policy with its quota, window and unit. Constant per configuration. */
export function rateLimitPolicyHeader(limits: ReadonlyArray<Pick<LimitState, 'policy' | 'limit' | 'windowSeconds' | 'unit'>>): string {
  return limits
    .map((l) => {
      const qu = QUOTA_UNIT[l.unit];
      return `"${l.policy}";q=${l.limit}${l.windowSeconds ? `;w=${l.windowSeconds}` : ''}${qu ? `;qu="${qu}"` : ''}`;
    })
    .join(', ');
}

function resetOf(set: LimitSet, i: number, retryAfter: number | undefined): number {
  const reset = retryAfter !== undefined && set.isExceeded(i) ? retryAfter : set.resetSeconds(i);
  return Math.max(0, Math.ceil(reset));
}

/**
 * draft-6 and draft-7's `RateLimit-Policy` for the reported limit: `30;w=60`. Those drafts have
 * no policy names or units, so listing every limit would put requests, tokens and micro-dollars
 * side by side as if they were one unit; the field names the limit the other fields report, as
 * the drafts' own example does. A concurrency limit has no window (`w` is required): no field.
 */
function singlePolicy(set: LimitSet, i: number): string | undefined {
  const w = set.windowSeconds(i);
  return w ? `${set.limit(i)};w=${w}` : undefined;
}

function tightest(set: LimitSet, skipIdleConcurrency: boolean): number {
  let best = -1;
  for (let i = 0; i < set.size; i++) {
    if (!set.answered(i)) continue;
    const exceeded = set.isExceeded(i);
    if (skipIdleConcurrency && !exceeded && set.concurrency(i)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    if (exceeded !== set.isExceeded(best)) {
      if (exceeded) best = i;
      continue;
    }
    if (exceeded ? set.resetSeconds(i) > set.resetSeconds(best) : set.remaining(i) / set.limit(i) < set.remaining(best) / set.limit(best)) best = i;
  }
  return best;
}

/** `LimitState`s seen as a {@link LimitSet}. */
class StateList implements LimitSet {
  constructor(private readonly states: readonly LimitState[]) {}
  get size(): number {
    return this.states.length;
  }
  answered(): boolean {
    return true;
  }
  policy(i: number): string {
    return this.states[i]!.policy;
  }
  isExceeded(i: number): boolean {
    return this.states[i]!.exceeded;
  }
  concurrency(i: number): boolean {
    return this.states[i]!.unit === 'concurrent-requests';
  }
  remaining(i: number): number {
    return this.states[i]!.remaining;
  }
  limit(i: number): number {
    return this.states[i]!.limit;
  }
  resetSeconds(i: number): number {
    return this.states[i]!.resetSeconds;
  }
  windowSeconds(i: number): number | undefined {
    return this.states[i]!.windowSeconds;
  }
}
