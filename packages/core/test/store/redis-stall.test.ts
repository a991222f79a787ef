import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuard, redisStore, type Decision, type Guard } from '../../src/internal.js';
import { chatRequest, memoryLogger } from '../helpers.js';

// One request in flight per user, nothing else limited: the slot is what a stall could leave taken.
const oneInFlight = { requests: false, tokens: false, costUsd: false, outputTokens: false, concurrency: 1, perIp: false } as const;
let counter = 0;
const uniqueUser = (name: string) => `${name}-${process.pid}-${counter++}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const served = { status: 200, usage: { input_tokens: 20, output_tokens: 30 } };

/**
 * Asks every `everyMs` until a request of `user` is allowed; the ms that took, or Infinity past
 * `withinMs`. (A bound on a lease, not a speed figure: the lease is the documented behaviour.)
 */
async function msUntilServed(guard: Guard, user: string, withinMs: number, everyMs = 100): Promise<{ ms: number; decision: Decision }> {
  const start = Date.now();
  for (;;) {
    const decision = await guard.check(chatRequest({ user }));
    if (decision.allowed) {
      await guard.record(decision, served);
      return { ms: Date.now() - start, decision };
    }
    if (Date.now() - start > withinMs) return { ms: Infinity, decision };
    await sleep(everyMs);
  }
}

describe('a Redis that stalls (SIGSTOP, then SIGCONT on a real redis-server)', () => {
  let server: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url);
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it.each(['closed', 'open'] as const)(
    'locks nobody out once it resumes, although the commands that timed out land late (onStoreError %s)',
    async (onStoreError) => {
      const leaseMs = 4_000;
      const guard = createGuard({ store: redisStore(client, { timeoutMs: 200, leaseMs }), onStoreError, limits: oneInFlight, logger: memoryLogger(), warnings: false });
      const user = uniqueUser(`stall-${onStoreError}`);
      try {
        // A request in flight when Redis stalls, recorded during the stall.
        const inFlight = await guard.check(chatRequest({ user }));
        expect(inFlight.allowed).toBe(true);
        server.pause();
        try {
          const recording = guard.record(inFlight, served);
          // The user retries through the 3-second stall: every check times out, and each one's
          // command (a new slot taken) sits in Redis's socket and runs when it resumes.
          const during: Decision[] = [];
          const until = Date.now() + 3_000;
          while (Date.now() < until) {
            during.push(await guard.check(chatRequest({ user })));
            await sleep(150);
          }
          expect(during.length).toBeGreaterThan(3);
          expect(during.every((d) => d.conclusion === 'error' || d.reason === 'concurrency')).toBe(true);
          if (onStoreError === 'closed') expect(during.every((d) => !d.allowed && d.status === 503)).toBe(true);
          for (const d of during) if (d.allowed) await guard.record(d, served);
          await recording;
        } finally {
          server.resume();
        }
        // Once it resumes, the late commands' slots are handed back (their request ids are known
        // to have failed) or expire with their lease: the user is served within the lease bound.
        const next = await msUntilServed(guard, user, leaseMs + 2_000);
        expect(next.ms, `still refused: ${next.decision.reason}`).toBeLessThanOrEqual(leaseMs + 1_000);
        expect(next.decision.conclusion).toBe('allow');
        // And nothing was left behind: a second request right after is served as well.
        expect((await msUntilServed(guard, user, 0)).decision.allowed).toBe(true);
      } finally {
        await guard.close();
      }
    },
    30_000,
  );

  it('frees the slot of a process that died with a request in flight within the lease', async () => {
    const leaseMs = 1_500;
    const user = uniqueUser('died');
    // The instance that dies: its own client, dropped without a record or a close.
    const doomedClient = new Redis(server.url);
    const doomed = createGuard({ store: redisStore(doomedClient, { leaseMs }), onStoreError: 'closed', limits: oneInFlight, logger: memoryLogger(), warnings: false });
    const survivor = createGuard({ store: redisStore(client, { leaseMs }), onStoreError: 'closed', limits: oneInFlight, logger: memoryLogger(), warnings: false });
    try {
      expect((await doomed.check(chatRequest({ user }))).allowed).toBe(true);
      // Its lease keeper renewed the slot at least once before it died.
      await sleep(leaseMs);
      doomedClient.disconnect();
      const refused = await survivor.check(chatRequest({ user }));
      expect(refused.reason).toBe('concurrency');
      const next = await msUntilServed(survivor, user, leaseMs * 3);
      expect(next.ms).toBeLessThanOrEqual(leaseMs + 500);
      expect(next.decision.conclusion).toBe('allow');
    } finally {
      await survivor.close();
      await doomed.close().catch(() => undefined);
    }
  }, 20_000);
});
