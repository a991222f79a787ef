import { describe, expect, it } from 'vitest';
import { createGuard, manualClock, OptionsError, type GuardOptions } from '../../src/internal.js';
import { chatRequest } from '../helpers.js';

const START = Date.parse('2026-11-02T09:00:00Z');

const limits = {
  requests: { limit: 3, window: '1m' },
  tokens: false,
  costUsd: false,
  outputTokens: false,
  concurrency: false,
  perIp: false,
} as const;

/** The third allowed request and the refused fourth, 20 s later, under `rateLimitHeaders`. */
async function allowedThenRefused(rateLimitHeaders: GuardOptions['rateLimitHeaders']) {
  const clock = manualClock(START);
  const guard = createGuard({ clock, limits, rateLimitHeaders, warnings: false });
  await guard.check(chatRequest({ user: 'a' }));
  await guard.check(chatRequest({ user: 'a' }));
  const allowed = await guard.check(chatRequest({ user: 'a' }));
  clock.advance(20_000);
  const refused = await guard.check(chatRequest({ user: 'a' }));
  expect(allowed.allowed).toBe(true);
  expect(refused).toMatchObject({ conclusion: 'throttle', status: 429, retryAfter: 40 });
  // Request ids differ from guard to guard; the rest is compared whole.
  const plain = (h: Readonly<Record<string, string>>) => ({ ...h, 'X-Request-Id': h['X-Request-Id']?.startsWith('req_') ? 'req_…' : h['X-Request-Id'] });
  return { allowed: plain(allowed.headers), refused: plain(refused.headers) };
}

const id = 'req_…';

describe('rateLimitHeaders option', () => {
  it('unset: draft-8 fields as before, no X-RateLimit-*', async () => {
    const { allowed, refused } = await allowedThenRefused(undefined);
    expect(allowed).toEqual({ 'RateLimit-Policy': '"requests-1m";q=3;w=60', RateLimit: '"requests-1m";r=0;t=60', 'X-Request-Id': id });
    expect(refused).toEqual({ 'RateLimit-Policy': '"requests-1m";q=3;w=60', RateLimit: '"requests-1m";r=0;t=40', 'X-Request-Id': id, 'Retry-After': '40' });
    expect(await allowedThenRefused({ standard: 'draft-8', legacy: false })).toEqual({ allowed, refused });
    expect(await allowedThenRefused('draft-8')).toEqual({ allowed, refused });
    expect(await allowedThenRefused({})).toEqual({ allowed, refused });
  });

  it("'draft-7'", async () => {
    const { allowed, refused } = await allowedThenRefused('draft-7');
    expect(allowed).toEqual({ 'RateLimit-Policy': '3;w=60', RateLimit: 'limit=3, remaining=0, reset=60', 'X-Request-Id': id });
    expect(refused).toEqual({ 'RateLimit-Policy': '3;w=60', RateLimit: 'limit=3, remaining=0, reset=40', 'X-Request-Id': id, 'Retry-After': '40' });
  });

  it("'draft-6'", async () => {
    const { allowed, refused } = await allowedThenRefused({ standard: 'draft-6' });
    expect(allowed).toEqual({ 'RateLimit-Policy': '3;w=60', 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60', 'X-Request-Id': id });
    expect(refused).toEqual({ 'RateLimit-Policy': '3;w=60', 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '40', 'X-Request-Id': id, 'Retry-After': '40' });
  });

  it('legacy: X-RateLimit-* beside the draft fields, the reset in Unix seconds', async () => {
    const { allowed, refused } = await allowedThenRefused({ legacy: true });
    expect(allowed).toEqual({
      'RateLimit-Policy': '"requests-1m";q=3;w=60',
      RateLimit: '"requests-1m";r=0;t=60',
      'X-RateLimit-Limit': '3',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(START / 1000 + 60),
      'X-Request-Id': id,
    });
    // 20 s later, 40 s to wait: the same moment as before, and as Retry-After.
    expect(refused).toMatchObject({ 'X-RateLimit-Reset': String(START / 1000 + 60), 'Retry-After': '40' });
    const draft7 = await allowedThenRefused({ standard: 'draft-7', legacy: true });
    expect(Object.keys(draft7.allowed)).toEqual(['RateLimit-Policy', 'RateLimit', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'X-Request-Id']);
  });

  it('only legacy, or none: Retry-After and X-Request-Id stay', async () => {
    const legacyOnly = await allowedThenRefused({ standard: false, legacy: true });
    expect(legacyOnly.refused).toEqual({ 'X-RateLimit-Limit': '3', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(START / 1000 + 60), 'X-Request-Id': id, 'Retry-After': '40' });
    const none = await allowedThenRefused(false);
    expect(none.allowed).toEqual({ 'X-Request-Id': id });
    expect(none.refused).toEqual({ 'X-Request-Id': id, 'Retry-After': '40' });
  });

  it('reports the most constraining limit of several, and a full concurrency slot when it refuses', async () => {
    const guard = createGuard({
      clock: manualClock(START),
      limits: { ...limits, requests: [{ limit: 10, window: '1m' }, { limit: 12, window: '1h' }], concurrency: 1 },
      rateLimitHeaders: { standard: 'draft-6', legacy: true },
      warnings: false,
    });
    const first = await guard.check(chatRequest({ user: 'c' }));
    // 9 of 10 left this minute is a smaller share than 11 of 12 this hour.
    expect(first.headers).toMatchObject({ 'RateLimit-Policy': '10;w=60', 'RateLimit-Limit': '10', 'RateLimit-Remaining': '9', 'X-RateLimit-Limit': '10' });
    // The first request is still in flight (not recorded): the one slot refuses the second.
    const second = await guard.check(chatRequest({ user: 'c' }));
    expect(second).toMatchObject({ conclusion: 'throttle', reason: 'concurrency' });
    expect(second.headers['RateLimit-Policy']).toBeUndefined();
    expect(second.headers).toMatchObject({ 'RateLimit-Limit': '1', 'RateLimit-Remaining': '0', 'RateLimit-Reset': second.headers['Retry-After'] });
  });

  it('decisions without limit state carry none of them', async () => {
    const guard = createGuard({ limits: false, rateLimitHeaders: { standard: 'draft-6', legacy: true }, warnings: false });
    expect({ ...(await guard.check(chatRequest())).headers }).toEqual({ 'X-Request-Id': expect.stringMatching(/^req_/) });
  });

  it('is validated at creation, naming the option', () => {
    expect(() => createGuard({ rateLimitHeaders: 'draft-9' as never })).toThrow(OptionsError);
    expect(() => createGuard({ rateLimitHeaders: 'draft-9' as never })).toThrow(/option `rateLimitHeaders` must be one of 'draft-6', 'draft-7', 'draft-8' or false/);
    expect(() => createGuard({ rateLimitHeaders: { standard: true } as never })).toThrow(/`rateLimitHeaders.standard` .*express-rate-limit's `true` means 'draft-6'/);
    expect(() => createGuard({ rateLimitHeaders: { legacy: 'yes' } as never })).toThrow(/`rateLimitHeaders.legacy` must be true or false/);
    expect(() => createGuard({ rateLimitHeaders: { legacyHeaders: true } as never })).toThrow(/`rateLimitHeaders.legacyHeaders` is not a known option \(did you mean `rateLimitHeaders.legacy`\?\)/);
    expect(() => createGuard({ rateLimitHeaders: true as never })).toThrow(/`rateLimitHeaders` must be 'draft-6', 'draft-7', 'draft-8', false, or \{ standard\?, legacy\? \}/);
    expect(() => createGuard({ rateLimitHeader: 'draft-7' } as never)).toThrow(/did you mean `rateLimitHeaders`/);
  });
});
