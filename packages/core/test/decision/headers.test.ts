import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT_HEADERS, mostConstraining, rateLimitHeaders, type LimitState, type RateLimitHeaderFormat } from '../../src/internal.js';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const UNIX_NOW = NOW / 1000;

const minute: LimitState = { policy: 'requests-1m', unit: 'requests', scope: 'identity', limit: 30, remaining: 29, resetSeconds: 60, windowSeconds: 60, exceeded: false };
const day: LimitState = { policy: 'output-1d', unit: 'output-tokens', scope: 'identity', limit: 1_000_000, remaining: 100_000, resetSeconds: 50_000, windowSeconds: 86_400, exceeded: false };
const slots: LimitState = { policy: 'concurrency', unit: 'concurrent-requests', scope: 'identity', limit: 4, remaining: 0, resetSeconds: 0, exceeded: false };

const format = (standard: RateLimitHeaderFormat['standard'], legacy = false): RateLimitHeaderFormat => ({ standard, legacy });

describe('rateLimitHeaders flavours', () => {
  it('draft-8 by default: every policy named, RateLimit for the most constraining', () => {
    expect(rateLimitHeaders([minute, day, slots])).toEqual({
      'RateLimit-Policy': '"requests-1m";q=30;w=60, "output-1d";q=1000000;w=86400;qu="output-tokens", "concurrency";q=4;qu="concurrent-requests"',
      // 10% of the daily budget left is tighter than 29 of 30 requests; idle slots are not reported.
      RateLimit: '"output-1d";r=100000;t=50000',
    });
    expect(rateLimitHeaders([minute], undefined, undefined, DEFAULT_RATE_LIMIT_HEADERS, NOW)).toEqual(rateLimitHeaders([minute]));
  });

  it('draft-7: one RateLimit dictionary and the policy of the limit it reports', () => {
    expect(rateLimitHeaders([minute, day], undefined, undefined, format('draft-7'), NOW)).toEqual({
      'RateLimit-Policy': '1000000;w=86400',
      RateLimit: 'limit=1000000, remaining=100000, reset=50000',
    });
    expect(rateLimitHeaders([minute], undefined, undefined, format('draft-7'), NOW)).toEqual({ 'RateLimit-Policy': '30;w=60', RateLimit: 'limit=30, remaining=29, reset=60' });
  });

  it('draft-6: RateLimit-Limit, -Remaining, -Reset and the policy of that limit', () => {
    expect(rateLimitHeaders([minute], undefined, undefined, format('draft-6'), NOW)).toEqual({
      'RateLimit-Policy': '30;w=60',
      'RateLimit-Limit': '30',
      'RateLimit-Remaining': '29',
      'RateLimit-Reset': '60',
    });
  });

  it('legacy X-RateLimit-* only when asked, with the reset as Unix seconds', () => {
    for (const standard of ['draft-6', 'draft-7', 'draft-8', false] as const) {
      const off = rateLimitHeaders([minute], undefined, undefined, format(standard, false), NOW);
      expect(Object.keys(off).filter((k) => k.startsWith('X-'))).toEqual([]);
      const on = rateLimitHeaders([minute], undefined, undefined, format(standard, true), NOW);
      expect(on).toMatchObject({ 'X-RateLimit-Limit': '30', 'X-RateLimit-Remaining': '29', 'X-RateLimit-Reset': String(UNIX_NOW + 60) });
    }
    // A clock between seconds rounds up, as the delta does.
    expect(rateLimitHeaders([minute], undefined, undefined, format(false, true), NOW + 300)['X-RateLimit-Reset']).toBe(String(UNIX_NOW + 61));
  });

  it('standard false and legacy off: no rate-limit headers at all', () => {
    expect(rateLimitHeaders([minute, day], 30, undefined, format(false), NOW)).toEqual({});
  });

  it('a refusal reports the refusing limit, its reset is Retry-After, in every flavour', () => {
    const refused: LimitState = { ...minute, remaining: 0, resetSeconds: 41, exceeded: true };
    const headers = (f: RateLimitHeaderFormat) => rateLimitHeaders([refused, day], 40, undefined, f, NOW);
    expect(headers(format('draft-8')).RateLimit).toBe('"requests-1m";r=0;t=40');
    expect(headers(format('draft-7'))).toEqual({ 'RateLimit-Policy': '30;w=60', RateLimit: 'limit=30, remaining=0, reset=40' });
    expect(headers(format('draft-6', true))).toEqual({
      'RateLimit-Policy': '30;w=60',
      'RateLimit-Limit': '30',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '40',
      'X-RateLimit-Limit': '30',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(UNIX_NOW + 40),
    });
  });

  it('a refusing concurrency limit has no window: draft-6/7 send no RateLimit-Policy for it', () => {
    const full: LimitState = { ...slots, exceeded: true };
    expect(rateLimitHeaders([minute, full], 1, undefined, format('draft-7'), NOW)).toEqual({ RateLimit: 'limit=4, remaining=0, reset=1' });
    expect(rateLimitHeaders([minute, full], 1, undefined, format('draft-6'), NOW)).toEqual({ 'RateLimit-Limit': '4', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '1' });
  });

  it('no limits: no headers, whatever the flavour', () => {
    for (const standard of ['draft-6', 'draft-7', 'draft-8', false] as const) expect(rateLimitHeaders([], undefined, undefined, format(standard, true), NOW)).toEqual({});
  });

  it('picks the refusal with the longest wait, else the smallest share left', () => {
    const set = (states: LimitState[]) => ({
      size: states.length,
      answered: () => true,
      policy: (i: number) => states[i]!.policy,
      isExceeded: (i: number) => states[i]!.exceeded,
      concurrency: (i: number) => states[i]!.unit === 'concurrent-requests',
      remaining: (i: number) => states[i]!.remaining,
      limit: (i: number) => states[i]!.limit,
      resetSeconds: (i: number) => states[i]!.resetSeconds,
      windowSeconds: (i: number) => states[i]!.windowSeconds,
    });
    expect(mostConstraining(set([minute, day]))).toBe(1);
    expect(mostConstraining(set([{ ...minute, exceeded: true }, { ...day, exceeded: true }]))).toBe(1);
    expect(mostConstraining(set([day, { ...minute, exceeded: true }]))).toBe(1);
    expect(mostConstraining(set([slots]))).toBe(0);
    expect(mostConstraining(set([]))).toBe(-1);
  });
});
