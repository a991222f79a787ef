import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuard, redisStore } from '../../src/internal.js';
import { RefusalCache } from '../../src/limits/refusal-cache.js';
import { chatRequest, memoryLogger } from '../helpers.js';

const twoPerWindow = { requests: { limit: 2, window: '3s' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;

/** Every command this Redis has run so far (those inside scripts too). */
async function commands(admin: Redis): Promise<number> {
  const info = await admin.info('commandstats');
  let calls = 0;
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (m[1] !== 'info') calls += Number(m[2]);
  return calls;
}

describe('refusals kept until their window resets', () => {
  let server: RedisServer;
  let client: Redis;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url);
    admin = new Redis(server.url);
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it('answers a client whose request count is spent without a Redis call, with the same refusal, until the window ends', async () => {
    const guard = createGuard({ store: redisStore(client), limits: twoPerWindow, logger: memoryLogger(), warnings: false });
    try {
      for (let i = 0; i < 2; i++) {
        const d = await guard.check(chatRequest({ user: 'u_door' }));
        expect(d.allowed).toBe(true);
        await guard.record(d, { status: 200, usage: { input_tokens: 10, output_tokens: 10 } });
      }
      const fromRedis = await guard.check(chatRequest({ user: 'u_door' }));
      expect(fromRedis.reason).toBe('rate-limit');
      await guard.close();
      const before = await commands(admin);
      const again = createGuard({ store: redisStore(client), limits: twoPerWindow, logger: memoryLogger(), warnings: false });
      // A fresh guard asks Redis once, then knows.
      expect((await again.check(chatRequest({ user: 'u_door' }))).reason).toBe('rate-limit');
      const afterFirst = await commands(admin);
      expect(afterFirst).toBeGreaterThan(before);
      const cached = [];
      for (let i = 0; i < 20; i++) cached.push(await again.check(chatRequest({ user: 'u_door' })));
      expect(await commands(admin)).toBe(afterFirst);
      expect(cached.every((d) => !d.allowed && d.reason === 'rate-limit' && d.status === 429)).toBe(true);
      expect(Number(cached[0]!.headers['Retry-After'])).toBeGreaterThan(0);
      // Others are not affected, and the door opens when the window ends.
      expect((await again.check(chatRequest({ user: 'u_other' }))).allowed).toBe(true);
      await new Promise((r) => setTimeout(r, 3_100));
      expect((await again.check(chatRequest({ user: 'u_door' }))).allowed).toBe(true);
      await again.close();
    } finally {
      await guard.close();
    }
  });

  it('keeps at most maxEntries refusals, forgetting the oldest', () => {
    const cache = new RefusalCache(2);
    cache.remember('a', 0, 5, 1000);
    cache.remember('b', 0, 5, 1000);
    cache.remember('c', 0, 5, 1000);
    expect(cache.size).toBe(2);
    expect(cache.find(['a'], 0)).toBeUndefined();
    expect(cache.find(['c'], 0)).toMatchObject({ consumed: 5, until: 1000 });
    expect(cache.find(['c'], 1000)).toBeUndefined();
  });
});
