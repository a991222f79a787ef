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
 * from its own numbers, so no per-limit objects are built to write two headers.
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
}

/**
 * `RateLimit-Policy` and `RateLimit` headers per draft-ietf-httpapi-ratelimit-headers.
 * Every policy is listed; `RateLimit` reports the most constraining one, as the draft asks
 * when several windows apply.
 *
 * @example
 * ```ts
 * rateLimitHeaders([{ policy: 'requests-1m', unit: 'requests', scope: 'identity', limit: 30, remaining: 29, resetSeconds: 60, windowSeconds: 60, exceeded: false }]);
 * // { 'RateLimit-Policy': '"requests-1m";q=30;w=60', RateLimit: '"requests-1m";r=29;t=60' }
 * ```
 */
export function rateLimitHeaders(limits: readonly LimitState[], retryAfter?: number, policyHeader?: string): Record<string, string> {
  const value = rateLimitValue(new StateList(limits), retryAfter);
  if (value === undefined) return {};
  return { 'RateLimit-Policy': policyHeader ?? rateLimitPolicyHeader(limits), RateLimit: value };
}

/**
 * The `RateLimit` value for the most constraining limit of `set` (a refusing one before any
 * other; among refusals the longest wait, otherwise the smallest share left), or `undefined`
 * when no limit answered. A refusal's reset is `retryAfter` when given.
 */
export function rateLimitValue(set: LimitSet, retryAfter?: number): string | undefined {
  // A concurrency slot is not a quota that resets on a clock; report it only when it refused.
  let i = tightest(set, true);
  if (i < 0) i = tightest(set, false);
  if (i < 0) return undefined;
  const reset = retryAfter !== undefined && set.isExceeded(i) ? retryAfter : set.resetSeconds(i);
  return `"${set.policy(i)}";r=${Math.max(0, Math.floor(set.remaining(i)))};t=${Math.max(0, Math.ceil(reset))}`;
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
}
