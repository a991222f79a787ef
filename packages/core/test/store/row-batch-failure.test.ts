import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { redisStore, rowKey, SharedCall, StoreError, vectorKey, VectorOps, type RedisStore, type RowSection } from '../../src/internal.js';

const SIZE = 40;
let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${counter++}`;
const adding = (field: number, by: number): number[] => {
  const ops = new VectorOps();
  ops.add(field, by);
  return ops.list;
};
/** A check's section of account `id`: its vector read (a snapshot) and one `add` of its own. */
const checking = (id: string, field: number): RowSection => ({
  key: rowKey(id),
  take: [],
  settle: [],
  renew: [],
  vector: { key: vectorKey(id, SIZE), size: SIZE, carried: [], ops: adding(field, 1), snapshot: true, ttlMs: 3_600_000 },
});
/** A section of account `id` that only writes (a write-behind's), reading nothing. */
const writing = (id: string, field: number): RowSection => ({
  key: rowKey(id),
  take: [],
  settle: [],
  renew: [],
  vector: { key: vectorKey(id, SIZE), size: SIZE, carried: [], ops: adding(field, 1), snapshot: false, ttlMs: 3_600_000 },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vectorOf = async (store: RedisStore, id: string) => Array.from((await store.readVector(vectorKey(id, SIZE), SIZE)) ?? new Float64Array(SIZE)).slice(0, 3);

// A server of its own: the tests change its users and pause it.
describe("a batch whose script ran though its call failed: what the calls carried is written once", () => {
  let server: RedisServer;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
    // A user who may run everything but MGET (a real server's refusal, NOPERM): the batch's read of
    // its vectors fails while its script, on the same connection, runs.
    await admin.call('ACL', 'SETUSER', 'nomget', 'on', '>nomget-pw', '~*', '&*', '+@all', '-mget');
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });


  it('when the batch\'s MGET fails and its script runs, fails only the calls that read, and sends no carried op again', async () => {
    const client = new Redis(server.url, { username: 'nomget', password: 'nomget-pw' });
    const store = redisStore(client);
    try {
      await client.ping();
      const [a, b] = [unique('mget-a'), unique('mget-b')];
      // Ops written behind for both accounts (an outcome's): each is carried by its account's next call.
      store.writes.vector(rowKey(a), vectorKey(a, SIZE), SIZE, 3_600_000, adding(0, 1));
      store.writes.vector(rowKey(b), vectorKey(b, SIZE), SIZE, 3_600_000, adding(0, 1));
      // One batch: a check of `a` (its vector read by the batch's MGET) and a write of `b` (reads nothing).
      const check = store.rows([checking(a, 1)]);
      const write = store.rows([writing(b, 1)]);
      const [checked, written] = await Promise.allSettled([check, write]);
      expect(checked.status).toBe('rejected');
      expect((checked as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
      expect((checked as PromiseRejectedResult).reason.message).toMatch(/NOPERM|mget/i);
      // Whatever waits is sent (and any retry of the failed call's carried op would be now).
      await store.writes.flush();
      await sleep(50);
      await store.writes.flush();
      // Each op once: the carried add, the call's own add.
      expect(await vectorOf(store, a)).toEqual([1, 1, 0]);
      expect(await vectorOf(store, b)).toEqual([1, 1, 0]);
      expect(store.writes.size).toBe(0);
      // The call that read nothing is answered: its script ran.
      expect(written.status).toBe('fulfilled');
    } finally {
      await store.close();
      client.disconnect();
    }
  });

  it("does the same for a request's call waiting in its batch as itself (the guard's way on a standalone server)", async () => {
    const client = new Redis(server.url, { username: 'nomget', password: 'nomget-pw' });
    const store = redisStore(client);
    try {
      await client.ping();
      await store.rows([writing(unique('warm'), 0)]);
      const id = unique('shared');
      store.writes.vector(rowKey(id), vectorKey(id, SIZE), SIZE, 3_600_000, adding(0, 1));
      const call = new SharedCall(store);
      Object.assign(call.section(rowKey(id)), { vector: checking(id, 1).vector });
      await expect(call.send()).rejects.toBeInstanceOf(StoreError);
      await store.writes.flush();
      await sleep(50);
      await store.writes.flush();
      expect(await vectorOf(store, id)).toEqual([1, 1, 0]);
    } finally {
      await store.close();
      client.disconnect();
    }
  });

  it('when a call times out and its script lands later, still before its deadline, sends no carried op again', async () => {
    // A fresh store has not sampled Redis's clock yet: its first calls carry no deadline, so a script
    // that lands after the client gave up runs them (as one that lands within its deadline, after the
    // client's timer fired, does).
    const client = new Redis(server.url);
    await client.ping();
    const store = redisStore(client, { timeoutMs: 150 });
    const id = unique('late');
    try {
      store.writes.vector(rowKey(id), vectorKey(id, SIZE), SIZE, 3_600_000, adding(0, 1));
      server.pause();
      let failure: unknown;
      try {
        failure = await store.rows([checking(id, 1)]).then(
          () => undefined,
          (err: unknown) => err,
        );
      } finally {
        server.resume();
      }
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as Error).message).toMatch(/did not answer/);
      // The script lands once the server resumes (the connection's next answer comes after it).
      await client.ping();
      await sleep(20);
      await store.writes.flush();
      expect(await vectorOf(store, id)).toEqual([1, 1, 0]);
      expect(store.writes.size).toBe(0);
    } finally {
      await store.close();
      client.disconnect();
    }
  });

  it('when a call lands after its deadline (it changes nothing), sends what it carried again, once', async () => {
    const client = new Redis(server.url);
    await client.ping();
    const store = redisStore(client, { timeoutMs: 150 });
    const id = unique('past');
    try {
      // A first call samples Redis's clock: from now on every call carries its deadline.
      await store.rows([checking(unique('warm'), 0)]);
      store.writes.vector(rowKey(id), vectorKey(id, SIZE), SIZE, 3_600_000, adding(0, 1));
      server.pause();
      let failure: unknown;
      try {
        failure = await store.rows([checking(id, 1)]).then(
          () => undefined,
          (err: unknown) => err,
        );
        await sleep(100);
      } finally {
        server.resume();
      }
      expect(failure).toBeInstanceOf(StoreError);
      await client.ping();
      await sleep(20);
      await store.writes.flush();
      // The late call changed nothing, its own add included; its carried add is sent again and lands once.
      expect(await vectorOf(store, id)).toEqual([1, 0, 0]);
      expect(store.writes.size).toBe(0);
    } finally {
      await store.close();
      client.disconnect();
    }
  });
});

describe('a batch whose script fails partway (a later call\'s vector key of the wrong type)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('sends again neither the vector ops of the calls that ran before the failure nor those of the calls after it twice', async () => {
    const client = new Redis(server.url);
    const store = redisStore(client);
    try {
      // A first call: the store is ready, so the calls below are queued in the order they are made.
      await store.rows([writing(unique('warm'), 0)]);
      const [a, b, c] = [unique('partial-a'), unique('partial-b'), unique('partial-c')];
      // b's vector key holds a hash: the batch's script fails at b's call, after a's call appended its ops.
      await client.hset(vectorKey(b, SIZE), 'wrong', 'type');
      for (const id of [a, b, c]) store.writes.vector(rowKey(id), vectorKey(id, SIZE), SIZE, 3_600_000, adding(0, 1));
      // One batch (a standalone server's calls of one turn): a, then b (fails), then c (never runs).
      const settled = await Promise.allSettled([store.rows([writing(a, 1)]), store.rows([writing(b, 1)]), store.rows([writing(c, 1)])]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      // Redis's own error first (its code where a client looks for it).
      expect((settled[1] as PromiseRejectedResult).reason.message).toMatch(/^Redis call failed: WRONGTYPE /);
      await client.del(vectorKey(b, SIZE));
      await store.writes.flush();
      await sleep(50);
      await store.writes.flush();
      // a's script part ran: its carried add and its own add, once each. b and c did not run:
      // their carried adds are sent again (their own adds are the failed requests').
      expect(await vectorOf(store, a)).toEqual([1, 1, 0]);
      expect(await vectorOf(store, b)).toEqual([1, 0, 0]);
      expect(await vectorOf(store, c)).toEqual([1, 0, 0]);
      expect(store.writes.size).toBe(0);
    } finally {
      await store.close();
      client.disconnect();
    }
  });

  it('does the same for a flush of writes nobody waits for', async () => {
    const client = new Redis(server.url);
    const store = redisStore(client);
    try {
      await store.rows([writing(unique('warm'), 0)]);
      const [a, b, c] = [unique('flush-a'), unique('flush-b'), unique('flush-c')];
      await client.hset(vectorKey(b, SIZE), 'wrong', 'type');
      // One flush, one batch: a's section, then b's (fails), then c's.
      for (const id of [a, b, c]) store.writes.vector(rowKey(id), vectorKey(id, SIZE), SIZE, 3_600_000, adding(0, 1));
      await store.writes.flush();
      await client.del(vectorKey(b, SIZE));
      await store.writes.flush();
      await sleep(50);
      await store.writes.flush();
      expect(await vectorOf(store, a)).toEqual([1, 0, 0]);
      expect(await vectorOf(store, b)).toEqual([1, 0, 0]);
      expect(await vectorOf(store, c)).toEqual([1, 0, 0]);
      expect(store.writes.size).toBe(0);
    } finally {
      await store.close();
      client.disconnect();
    }
  });
});

describe('a Cluster call on two slots, one of which fails', () => {
  it('sends again only what the failed slot carried: the slot whose script ran is written once', async () => {
    const client = new Cluster(inject('redisClusterNodes'));
    const store = redisStore(client);
    try {
      await client.ping();
      // Two accounts on different slots; b's vector key holds a hash (a key of the wrong type), so
      // its slot's script fails at its APPEND while a's slot's script runs.
      const a = unique('slot-a');
      let b = unique('slot-b');
      while ((await client.cluster('KEYSLOT', rowKey(a))) === (await client.cluster('KEYSLOT', rowKey(b)))) b = unique('slot-b');
      await client.hset(vectorKey(b, SIZE), 'wrong', 'type');
      store.writes.vector(rowKey(a), vectorKey(a, SIZE), SIZE, 3_600_000, adding(0, 1));
      store.writes.vector(rowKey(b), vectorKey(b, SIZE), SIZE, 3_600_000, adding(0, 1));
      await expect(store.rows([checking(a, 1), writing(b, 1)])).rejects.toBeInstanceOf(StoreError);
      // b's carried op waits again (its script failed); a's was written by its slot's script.
      await client.del(vectorKey(b, SIZE));
      await store.writes.flush();
      await sleep(50);
      await store.writes.flush();
      expect(await vectorOf(store, a)).toEqual([1, 1, 0]);
      expect(await vectorOf(store, b)).toEqual([1, 0, 0]);
    } finally {
      await store.close();
      await client.quit();
    }
  });
});
