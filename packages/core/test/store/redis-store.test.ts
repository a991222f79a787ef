import { startRedisServer } from '@distill-guard/testing';
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGuard, estimateInputTokens, redisStore, type Guard, type MessagesBody } from '../../src/internal.js';
import { chatRequest, memoryLogger, messagesBody } from '../helpers.js';

const onlyRequests = { requests: { limit: 5, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;
let prefixCounter = 0;
/** A fresh identity per test: the servers are shared by the whole run. */
const uniqueUser = (name: string) => `${name}-${process.pid}-${Date.now()}-${prefixCounter++}`;

describe.each([
  ['standalone', () => new Redis(inject('redisUrl'), { lazyConnect: false })],
  ['cluster', () => new Cluster(inject('redisClusterNodes'))],
] as const)('redis store (%s)', (_kind, connect) => {
  let client: Redis | Cluster;
  const guards: Guard[] = [];
  const guard = (options: Record<string, unknown> = {}) => {
    const g = createGuard({ store: redisStore(client), onStoreError: 'closed', warnings: false, ...options });
    guards.push(g);
    return g;
  };

  beforeAll(async () => {
    client = connect();
    await client.ping();
  });
  afterAll(async () => {
    await Promise.all(guards.map((g) => g.close()));
    await client.quit();
  });

  it('shares request limits between guard instances', async () => {
    const [a, b] = [guard({ limits: onlyRequests }), guard({ limits: onlyRequests })];
    const user = uniqueUser('shared');
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await (i % 2 ? a : b).check(chatRequest({ user })));
    expect(results.map((d) => d.conclusion)).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'throttle', 'throttle', 'throttle']);
    expect(results[5]!.headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('never lets parallel requests on two instances overspend a token budget', async () => {
    const limits = { requests: false, tokens: { limit: 20_000, window: '1h' }, costUsd: false, outputTokens: false, concurrency: false, perIp: false };
    const [a, b] = [guard({ limits }), guard({ limits })];
    const user = uniqueUser('tokens');
    const req = chatRequest({ user, body: messagesBody({ max_tokens: 2990 }) });
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).check(req)));
    const allowed = decisions.filter((d) => d.allowed);
    // Each reservation is max_tokens plus a small input estimate, a bit over 3000: six fit in
    // 20000, and a seventh gets a shorter reply from what is left.
    expect(allowed).toHaveLength(7);
    expect(allowed.filter((d) => d.actions.maxTokens !== undefined)).toHaveLength(1);
    expect(decisions.filter((d) => d.reason === 'token-budget')).toHaveLength(23);
    const input = estimateInputTokens(req.body as MessagesBody);
    const reserved = allowed.reduce((sum, d) => sum + input + (d.actions.maxTokens ?? 2990), 0);
    expect(reserved).toBeLessThanOrEqual(20_000);
  });

  it('keeps apps with different key prefixes apart on one Redis', async () => {
    const limits = { requests: { limit: 1, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;
    const a = createGuard({ store: redisStore(client, { prefix: 'app-a' }), onStoreError: 'closed', limits, warnings: false });
    const b = createGuard({ store: redisStore(client, { prefix: 'app-b' }), onStoreError: 'closed', limits, warnings: false });
    guards.push(a, b);
    const user = uniqueUser('prefixed');
    await a.flag(`${user}-x`, 'only in app a');
    expect((await a.check(chatRequest({ user }))).allowed).toBe(true);
    expect((await b.check(chatRequest({ user }))).allowed).toBe(true);
    expect((await a.check(chatRequest({ user }))).allowed).toBe(false);
    expect(await b.isFlagged(`${user}-x`)).toBe(false);
    expect(() => redisStore(client, { prefix: 'bad{tag}' })).toThrow(/store\.prefix/);
  });

  it('keeps flags in the store so every instance refuses a flagged identity', async () => {
    const [a, b] = [guard(), guard()];
    const user = uniqueUser('flagged');
    await a.flag(user, 'reviewed: harvesting', { by: 'ops' });
    expect(await b.check(chatRequest({ user }))).toMatchObject({ conclusion: 'deny', reason: 'flagged' });
    expect((await b.listFlagged()).some((f) => f.id === user && f.by === 'ops')).toBe(true);
    await b.unflag(user);
    expect((await a.check(chatRequest({ user }))).allowed).toBe(true);
  });
});

describe('redis store going down', () => {
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it("fails closed with 503 error decisions, or open under per-process insurance limits, then recovers", async () => {
    const logger = memoryLogger();
    const limits = { requests: { limit: 3, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;
    const closed = createGuard({ store: redisStore(client), onStoreError: 'closed', limits, logger });
    const open = createGuard({ store: redisStore(client), onStoreError: 'open', limits, logger });
    const storeErrors: string[] = [];
    open.on('storeError', (e) => storeErrors.push(e.operation));
    const user = uniqueUser('down');
    expect((await closed.check(chatRequest({ user }))).allowed).toBe(true);

    await server.kill();
    for (let i = 0; i < 50 && client.status === 'ready'; i++) await new Promise((r) => setTimeout(r, 20));

    const refused = await closed.check(chatRequest({ user }));
    expect(refused).toMatchObject({ conclusion: 'error', allowed: false, status: 503, error: { code: 'DG_STORE_UNAVAILABLE' } });

    // Open: served, visibly, and the in-memory insurance limiter still enforces the limit.
    const served = [];
    for (let i = 0; i < 5; i++) served.push(await open.check(chatRequest({ user })));
    expect(served.slice(0, 3).map((d) => [d.conclusion, d.allowed])).toEqual([
      ['error', true],
      ['error', true],
      ['error', true],
    ]);
    expect(served.slice(3).map((d) => d.conclusion)).toEqual(['throttle', 'throttle']);
    expect(storeErrors.length).toBeGreaterThan(0);

    await server.restart();
    for (let i = 0; i < 100 && client.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    const back = await closed.check(chatRequest({ user: uniqueUser('back') }));
    expect(back.conclusion).toBe('allow');
  });
});
