import { describe, expect, it } from 'vitest';
import { createGuard, hashApiKey, manualClock, memoryStore } from '../../src/internal.js';
import { brokenRedisStore, chatRequest, memoryLogger, messagesBody } from '../helpers.js';

const onlyRequests = (limit: number, window: '1m' | '1h' = '1m') => ({
  requests: { limit, window },
  tokens: false as const,
  costUsd: false as const,
  outputTokens: false as const,
  concurrency: false as const,
  perIp: false as const,
});

describe('guard.check', () => {
  it('allows a normal request with RateLimit headers and a request id', async () => {
    const guard = createGuard({ limits: onlyRequests(5) });
    const d = await guard.check(chatRequest({ user: 'u1' }));
    expect(d.conclusion).toBe('allow');
    expect(d.allowed).toBe(true);
    expect(d.identity).toMatchObject({ id: 'u1', source: 'user', ip: '203.0.113.9', network: '203.0.113.0/24' });
    expect(d.headers['RateLimit-Policy']).toBe('"requests-1m";q=5;w=60');
    expect(d.headers.RateLimit).toBe('"requests-1m";r=4;t=60');
    expect(d.headers['X-Request-Id']).toMatch(/^req_[0-9a-z]{20}$/);
    expect((await guard.check(chatRequest({ user: 'u1' }))).id).not.toBe(d.id);
    expect(d.headers['Retry-After']).toBeUndefined();
  });

  it('answers at once on the memory store, and with a Promise when identify is asynchronous', async () => {
    const guard = createGuard({ limits: onlyRequests(2) });
    const req = chatRequest({ user: 'sync' });
    const first = guard.check(req);
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toMatchObject({ conclusion: 'allow', allowed: true });
    expect(await guard.check(req)).toMatchObject({ conclusion: 'allow' });
    const third = guard.check(req);
    expect(third).not.toBeInstanceOf(Promise);
    expect(third).toMatchObject({ conclusion: 'throttle', reason: 'rate-limit', status: 429 });
    // The default configuration (shield and detector on) answers at once too.
    expect(createGuard({ warnings: false }).check(req)).not.toBeInstanceOf(Promise);
    // An asynchronous identify() makes the answer a Promise, with the same decision.
    const custom = createGuard({ limits: onlyRequests(1), identify: async () => 'acct-1' });
    const pending = custom.check(req);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ conclusion: 'allow', identity: { id: 'acct-1', source: 'custom' } });
    expect(await custom.check(req)).toMatchObject({ conclusion: 'throttle' });
  });

  it('throttles past the limit with Retry-After and a 429, per identity', async () => {
    const clock = manualClock(Date.parse('2026-11-02T09:00:00Z'));
    const guard = createGuard({ clock, limits: onlyRequests(3) });
    for (let i = 0; i < 3; i++) expect((await guard.check(chatRequest({ user: 'a' }))).allowed).toBe(true);
    clock.advance(20_000);
    const d = await guard.check(chatRequest({ user: 'a' }));
    expect(d).toMatchObject({ conclusion: 'throttle', reason: 'rate-limit', status: 429, allowed: false, retryAfter: 40 });
    expect(d.headers['Retry-After']).toBe('40');
    expect(d.headers.RateLimit).toBe('"requests-1m";r=0;t=40');
    expect(d.message).toMatch(/3 requests per minute/);
    // Another identity is unaffected.
    expect((await guard.check(chatRequest({ user: 'b' }))).allowed).toBe(true);
    // The window follows the injected clock.
    clock.advance(40_000);
    expect((await guard.check(chatRequest({ user: 'a' }))).allowed).toBe(true);
  });

  it('identifies by custom function, then user, then API key, then IP', async () => {
    const apiKeys = { keys: [{ id: 'acme', hash: hashApiKey('secret-key-1') }], required: false };
    const guard = createGuard({ apiKeys, identify: (r) => (r.headers['x-tenant'] ? `tenant:${r.headers['x-tenant']}` : undefined), logger: memoryLogger() });
    expect((await guard.check(chatRequest({ headers: { 'x-tenant': 't9' }, user: 'u1' }))).identity.id).toBe('tenant:t9');
    expect((await guard.check(chatRequest({ user: 'u1', headers: { 'x-api-key': 'secret-key-1' } }))).identity).toMatchObject({ id: 'u1', keyId: 'acme' });
    expect((await guard.check(chatRequest({ headers: { authorization: 'Bearer secret-key-1' } }))).identity).toMatchObject({ id: 'key:acme', source: 'api-key' });
    expect((await guard.check(chatRequest({ ip: '2001:db8:5:6::1' }))).identity).toMatchObject({ id: '2001:db8:5:6::/64', source: 'ip' });
  });

  it('refuses a wrong or missing API key with 401', async () => {
    const guard = createGuard({ apiKeys: { keys: [{ id: 'acme', hash: hashApiKey('secret-key-1') }] } });
    const wrong = await guard.check(chatRequest({ headers: { 'x-api-key': 'nope' } }));
    expect(wrong).toMatchObject({ conclusion: 'deny', reason: 'unauthenticated', status: 401, message: 'Invalid API key.' });
    const missing = await guard.check(chatRequest());
    expect(missing).toMatchObject({ conclusion: 'deny', reason: 'unauthenticated', status: 401, message: 'Missing API key.' });
  });

  it('refuses malformed bodies with 400 and a message naming the field', async () => {
    const guard = createGuard();
    for (const body of [undefined, 'text', [1, 2], { model: 'm' }, { model: 'm', max_tokens: 1.5, messages: [] }, messagesBody({ messages: [{ role: 'system', content: 'x' }] as never })]) {
      const d = await guard.check(chatRequest({ body }));
      expect(d.conclusion).toBe('deny');
      expect(d.reason).toBe('invalid-request');
      expect(d.status).toBe(400);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('denies a flagged identity with its own reason until unflagged', async () => {
    const guard = createGuard();
    await guard.flag('u_bad', 'harvesting', { by: 'ops' });
    expect(await guard.isFlagged('u_bad')).toBe(true);
    expect((await guard.listFlagged()).map((f) => [f.id, f.reason, f.by])).toEqual([['u_bad', 'harvesting', 'ops']]);
    const d = await guard.check(chatRequest({ user: 'u_bad' }));
    expect(d).toMatchObject({ conclusion: 'deny', reason: 'flagged', status: 403 });
    const events: Array<{ id: string; flagged: boolean }> = [];
    guard.on('flag', (e) => void events.push({ id: e.id, flagged: e.flagged }));
    expect(await guard.unflag('u_bad')).toBe(true);
    expect((await guard.check(chatRequest({ user: 'u_bad' }))).allowed).toBe(true);
    expect(await guard.listFlagged()).toEqual([]);
    // Lifting a flag that is not there changes nothing and records nothing.
    expect(await guard.unflag('u_bad')).toBe(false);
    expect(events).toEqual([{ id: 'u_bad', flagged: false }]);
  });

  it('keeps the flag index and the entries in step, for anyone flagged or not', async () => {
    const clock = manualClock(1_000_000);
    const guard = createGuard({ clock });
    await guard.flag('u_a', 'one', { ttlSeconds: 30 });
    await guard.flag('u_b', 'two');
    expect((await guard.check(chatRequest({ user: 'u_a' }))).reason).toBe('flagged');
    expect((await guard.check(chatRequest({ user: 'u_b' }))).reason).toBe('flagged');
    expect((await guard.check(chatRequest({ user: 'u_c' }))).allowed).toBe(true);
    // u_a's entry lapses while the index still lists it; u_b stays.
    clock.advance(31_000);
    expect((await guard.check(chatRequest({ user: 'u_a' }))).allowed).toBe(true);
    expect((await guard.check(chatRequest({ user: 'u_b' }))).reason).toBe('flagged');
    await guard.unflag('u_b');
    expect((await guard.check(chatRequest({ user: 'u_b' }))).allowed).toBe(true);
  });

  it('lets a flag lapse after its TTL on the guard clock', async () => {
    const clock = manualClock(1_000_000);
    const guard = createGuard({ clock });
    await guard.flag('u_tmp', 'cool-off', { ttlSeconds: 60 });
    expect((await guard.check(chatRequest({ user: 'u_tmp' }))).reason).toBe('flagged');
    clock.advance(61_000);
    expect((await guard.check(chatRequest({ user: 'u_tmp' }))).allowed).toBe(true);
  });
});

describe('budgets', () => {
  it('reserves input + max_tokens, reconciles with real usage, releases on failure', async () => {
    const guard = createGuard({ limits: { requests: false, tokens: { limit: 10_000, window: '1h' }, costUsd: false, outputTokens: false, concurrency: false, perIp: false } });
    const req = chatRequest({ user: 'u', body: messagesBody({ max_tokens: 4000 }) });
    const first = await guard.check(req);
    const reserved = 10_000 - first.limits[0]!.remaining;
    expect(reserved).toBeGreaterThan(4000);
    await guard.record(first, { status: 200, usage: { input_tokens: 10, output_tokens: 90 } });
    const second = await guard.check(req);
    // 100 real tokens were kept, the rest of the first reservation returned.
    expect(10_000 - second.limits[0]!.remaining).toBe(100 + reserved);
    await guard.record(second, { status: 529, error: 'overloaded' });
    const third = await guard.check(req);
    expect(10_000 - third.limits[0]!.remaining).toBe(100 + reserved);
    // What is left no longer covers a full reservation: the next request gets a shorter reply...
    const fourth = await guard.check(req);
    expect(fourth.allowed).toBe(true);
    const fifth = await guard.check(req);
    expect(fifth.conclusion).toBe('allow');
    expect(fifth.actions.maxTokens).toBeGreaterThan(32);
    expect(fifth.actions.maxTokens).toBeLessThan(4000);
    // ...and once nothing useful is left, requests are refused and hand their points back.
    const sixth = await guard.check(req);
    expect(sixth).toMatchObject({ conclusion: 'throttle', reason: 'token-budget' });
    await guard.record(fifth, { status: 500, error: 'failed' });
    expect((await guard.check(chatRequest({ user: 'u', body: messagesBody({ max_tokens: 100 }) }))).allowed).toBe(true);
  });

  it('never lets parallel requests overspend a cost budget', async () => {
    // Each request may cost up to ~$0.0126 (haiku, 2500 output tokens); the budget fits 7 of them.
    const guard = createGuard({ limits: { requests: false, tokens: false, costUsd: { limit: 0.09, window: '1d' }, outputTokens: false, concurrency: false, perIp: false } });
    const req = chatRequest({ user: 'spender', body: messagesBody({ max_tokens: 2500 }) });
    const decisions = await Promise.all(Array.from({ length: 40 }, () => guard.check(req)));
    const allowed = decisions.filter((d) => d.allowed);
    // Seven full reservations, and one shorter reply from what is left.
    expect(allowed.length).toBe(8);
    expect(allowed.filter((d) => d.actions.maxTokens !== undefined)).toHaveLength(1);
    expect(decisions.filter((d) => d.reason === 'cost-budget')).toHaveLength(32);
    // Spending everything each allowed request may spend stays within budget.
    const spent = allowed.reduce((sum, d) => sum + guard.options.prices.cost('claude-haiku-4-5', { input_tokens: 20, output_tokens: d.actions.maxTokens ?? 2500 }), 0);
    expect(spent).toBeLessThanOrEqual(0.09);
  });

  it('lowers max_tokens to what a nearly spent budget still pays for, then refuses', async () => {
    const guard = createGuard({ limits: { requests: false, tokens: false, costUsd: false, outputTokens: { limit: 1000, window: '1d' }, concurrency: false, perIp: false } });
    const req = chatRequest({ user: 'o', body: messagesBody({ max_tokens: 800 }) });
    const first = await guard.check(req);
    expect(first.actions.maxTokens).toBeUndefined();
    await guard.record(first, { status: 200, usage: { input_tokens: 10, output_tokens: 800 } });
    const second = await guard.check(req);
    expect(second).toMatchObject({ conclusion: 'allow', actions: { maxTokens: 200 } });
    await guard.record(second, { status: 200, usage: { input_tokens: 10, output_tokens: 200 } });
    const third = await guard.check(req);
    expect(third).toMatchObject({ conclusion: 'throttle', reason: 'output-budget' });
  });

  it('caps requests in flight and frees the slot when a request is recorded', async () => {
    const guard = createGuard({ limits: { requests: false, tokens: false, costUsd: false, outputTokens: false, concurrency: 2, perIp: false } });
    const req = chatRequest({ user: 'c' });
    const [a, b, c] = await Promise.all([guard.check(req), guard.check(req), guard.check(req)]);
    expect([a, b, c].filter((d) => d.allowed)).toHaveLength(2);
    const refused = [a, b, c].find((d) => !d.allowed)!;
    expect(refused).toMatchObject({ reason: 'concurrency', retryAfter: 1 });
    await guard.record([a, b, c].find((d) => d.allowed)!, { status: 200, usage: { input_tokens: 1, output_tokens: 1 } });
    expect((await guard.check(req)).allowed).toBe(true);
  });

  it('applies per-IP and global limits across identities', async () => {
    const guard = createGuard({ limits: { requests: false, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: { requests: { limit: 2, window: '1m' } }, global: { requests: { limit: 3, window: '1m' } } } });
    expect((await guard.check(chatRequest({ user: 'x', ip: '198.51.100.1' }))).allowed).toBe(true);
    expect((await guard.check(chatRequest({ user: 'y', ip: '198.51.100.1' }))).allowed).toBe(true);
    const third = await guard.check(chatRequest({ user: 'z', ip: '198.51.100.1' }));
    expect(third.reason).toBe('rate-limit');
    expect(third.message).toMatch(/for this address/);
    expect((await guard.check(chatRequest({ user: 'w', ip: '198.51.100.2' }))).allowed).toBe(true);
    const global = await guard.check(chatRequest({ user: 'v', ip: '198.51.100.3' }));
    expect(global.message).toMatch(/for this service/);
  });
});


describe('store failure', () => {
  it("under onStoreError 'closed' refuses with 503 and an error decision", async () => {
    const guard = createGuard({ store: brokenRedisStore(), onStoreError: 'closed', logger: memoryLogger() });
    const errors: string[] = [];
    guard.on('storeError', (e) => errors.push(e.error.message));
    const d = await guard.check(chatRequest({ user: 'u' }));
    expect(d).toMatchObject({ conclusion: 'error', allowed: false, status: 503, error: { code: 'DG_STORE_UNAVAILABLE' } });
    expect(d.headers['Retry-After']).toBe('1');
    expect(errors).toEqual([expect.stringMatching(/connection refused/)]);
  });

  it("under onStoreError 'open' serves, visibly, as an error decision", async () => {
    const guard = createGuard({ store: brokenRedisStore(), onStoreError: 'open', logger: memoryLogger() });
    const d = await guard.check(chatRequest({ user: 'u' }));
    expect(d).toMatchObject({ conclusion: 'error', allowed: true, status: 200 });
  });

  it('turns a throwing identify() into an error decision, never a throw', async () => {
    const guard = createGuard({ identify: () => { throw new Error('session store down'); }, onStoreError: 'closed', logger: memoryLogger() });
    const d = await guard.check(chatRequest());
    expect(d).toMatchObject({ conclusion: 'error', allowed: false, reason: 'internal-error', error: { code: 'DG_IDENTIFY_FAILED', message: 'session store down' } });
  });
});

describe('memory store', () => {
  it('shares limit counters between guards given the same store', async () => {
    const store = memoryStore();
    const limits = { requests: { limit: 2, window: '1m' as const }, tokens: false as const, costUsd: false as const, outputTokens: false as const, concurrency: false as const, perIp: false as const };
    const [a, b] = [createGuard({ store, limits }), createGuard({ store, limits })];
    expect((await a.check(chatRequest({ user: 'shared' }))).allowed).toBe(true);
    expect((await b.check(chatRequest({ user: 'shared' }))).allowed).toBe(true);
    expect((await a.check(chatRequest({ user: 'shared' }))).reason).toBe('rate-limit');
  });

  it('evicts the least recently used keys with a TTL and never those without', async () => {
    const store = memoryStore({ maxKeys: 2 });
    await store.exec([{ op: 'set', key: 'keep', value: '1' }, { op: 'set', key: 'a', value: '1', ttlSeconds: 60 }, { op: 'set', key: 'b', value: '1', ttlSeconds: 60 }]);
    await store.exec([{ op: 'get', key: 'a' }]);
    await store.exec([{ op: 'set', key: 'c', value: '1', ttlSeconds: 60 }]);
    expect(await store.exec([{ op: 'get', key: 'keep' }, { op: 'get', key: 'a' }, { op: 'get', key: 'b' }, { op: 'get', key: 'c' }])).toEqual(['1', '1', null, '1']);
  });
});
