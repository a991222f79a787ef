import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import { createGuard, redisStore } from '../../src/internal.js';

/** An app listens before its Redis client has connected: the first requests must not fail with a healthy Redis. */
let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server.stop());

const body = { model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'hello' }] };
const check = (guard: ReturnType<typeof createGuard>, i: number) => guard.check({ ip: `203.0.113.${i % 250}`, method: 'POST', path: '/', headers: {}, user: `u${i}`, body });

describe('starting before Redis is ready', () => {
  for (const lazyConnect of [false, true]) {
    it(`serves the first requests once the client connects, never a 503 (${lazyConnect ? 'lazyConnect' : 'connecting'})`, async () => {
      const client = new Redis(server.url, { lazyConnect, maxRetriesPerRequest: 1 });
      const guard = createGuard({ store: redisStore(client), onStoreError: 'closed', warnings: false, shield: false });
      expect(client.status).not.toBe('ready');
      const decisions = await Promise.all(Array.from({ length: 200 }, (_, i) => check(guard, i)));
      expect(decisions.filter((d) => d.status === 503)).toHaveLength(0);
      expect(decisions.filter((d) => !(d.allowed && d.conclusion === 'allow')).map((d) => `${d.conclusion} ${d.reason} ${d.error?.message}`).slice(0, 3)).toEqual([]);
      await guard.close();
      await client.quit();
    });
  }

  it('with Redis down at start, waits once (at most timeoutMs), then fails fast under onStoreError', async () => {
    const down = await startRedisServer();
    const url = down.url;
    await down.stop();
    const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => 200, enableOfflineQueue: false });
    client.on('error', () => undefined);
    const guard = createGuard({ store: redisStore(client, { timeoutMs: 300 }), onStoreError: 'open', warnings: false, shield: false });
    const started = performance.now();
    const first = await check(guard, 1);
    const firstMs = performance.now() - started;
    expect(first).toMatchObject({ allowed: true, conclusion: 'error', error: { code: 'DG_STORE_UNAVAILABLE' } });
    expect(firstMs).toBeLessThan(2_000);
    const t = performance.now();
    for (let i = 0; i < 20; i++) expect((await check(guard, i)).allowed).toBe(true);
    // No second start-up wait per request.
    expect(performance.now() - t).toBeLessThan(20 * 300);
    await guard.close();
    client.disconnect();
  });
});
