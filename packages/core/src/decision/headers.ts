import type { LimitState } from './types.js';

const QUOTA_UNIT: Record<LimitState['unit'], string | undefined> = {
  requests: undefined, // the draft's default unit
  'concurrent-requests': 'concurrent-requests',
  tokens: 'tokens',
  'output-tokens': 'output-tokens',
  'usd-micros': 'usd-micros',
};

/**
 * `RateLimit-Policy` and `RateLimit` headers per draft-ietf-httpapi-ratelimit-headers.
 * Every policy is listed; `RateLimit` reports the most constraining one, as the draft asks
 * when several windows apply.
 */
export function rateLimitHeaders(limits: readonly LimitState[], retryAfter?: number, policyHeader?: string): Record<string, string> {
  if (limits.length === 0) return {};
  const tightest = mostConstraining(limits);
  const reset = retryAfter !== undefined && tightest.exceeded ? retryAfter : tightest.resetSeconds;
  return {
    'RateLimit-Policy': policyHeader ?? rateLimitPolicyHeader(limits),
    RateLimit: `"${tightest.policy}";r=${Math.max(0, Math.floor(tightest.remaining))};t=${Math.max(0, Math.ceil(reset))}`,
  };
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

function mostConstraining(limits: readonly LimitState[]): LimitState {
  // A concurrency slot is not a quota that resets on a clock; report it only when it refused.
  const candidates = limits.filter((l) => l.unit !== 'concurrent-requests' || l.exceeded);
  const pool = candidates.length > 0 ? candidates : limits;
  let best = pool[0]!;
  for (const l of pool) {
    if (l.exceeded !== best.exceeded) {
      if (l.exceeded) best = l;
      continue;
    }
    if (l.exceeded ? l.resetSeconds > best.resetSeconds : l.remaining / l.limit < best.remaining / best.limit) best = l;
  }
  return best;
}
