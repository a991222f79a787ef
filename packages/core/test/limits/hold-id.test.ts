import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGuard, redisStore } from '../../src/internal.js';
import { chatRequest, memoryLogger } from '../helpers.js';

// One request in flight per user and ten a minute: what a reused request id must not get around.
const limits = { requests: { limit: 10, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: 1, perIp: false } as const;
const served = { status: 200, usage: { input_tokens: 20, output_tokens: 30 } };
let counter = 0;
const uniqueUser = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

describe('a request id the client chooses (x-request-id) on Redis', () => {
  let client: Redis;
  beforeAll(async () => {
    client = new Redis(inject('redisUrl'));
    await client.ping();
  });
  afterAll(async () => {
    await client.quit();
  });

  it('is not what a reservation holds under: requests reusing it are counted and limited each', async () => {
    const guard = createGuard({ store: redisStore(client), limits, logger: memoryLogger(), warnings: false });
    const user = uniqueUser('reused-id');
    try {
      const first = await guard.check(chatRequest({ user, id: 'same-id' }));
      expect(first.allowed).toBe(true);
      // The same id while the first is in flight: refused (its slot is taken), not answered as a
      // call of the first sent again; and its refusal hands back nothing of the first's.
      for (let i = 0; i < 3; i++) expect((await guard.check(chatRequest({ user, id: 'same-id' }))).reason).toBe('concurrency');
      await guard.record(first, served);
      const next = await guard.check(chatRequest({ user, id: 'same-id' }));
      expect(next.allowed).toBe(true);
      await guard.record(next, served);
    } finally {
      await guard.close();
    }
  });
});
