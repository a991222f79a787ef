import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore, rowKey, vectorKey, VectorOps, type RedisStore, type RowSection } from '../../src/internal.js';

const SIZE = 40;
const section = (id: string, field: number, snapshot: boolean): RowSection => {
  const ops = new VectorOps();
  ops.add(field, 1);
  return { key: rowKey(id), take: [], settle: [], renew: [], vector: { key: vectorKey(id, SIZE), size: SIZE, carried: [], ops: ops.list, snapshot, ttlMs: 3_600_000 } };
};

// A server of its own: the test flushes its script cache.
describe('the row batches after Redis lost its scripts (a restart, a failover, SCRIPT FLUSH)', () => {
  let server: RedisServer;
  let client: Redis;
  let admin: Redis;
  let store: RedisStore;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url);
    admin = new Redis(server.url);
    await client.ping();
    store = redisStore(client);
  });
  afterAll(async () => {
    await store.close();
    client.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it('answers a vector with the ops of the batch sent just before, though that batch\'s script was run again after NOSCRIPT', async () => {
    await store.rows([section('warm-up', 0, true)]);
    await admin.script('FLUSH');
    // 128 calls of two keys fill a batch (256 keys): the 129th goes in the next one. Its vector was
    // changed by the first call of the batch before it, whose script Redis runs only when ioredis
    // resends it (after NOSCRIPT), after everything the next batch sent before it.
    const calls = [store.rows([section('hot', 0, true)])];
    for (let i = 1; i < 128; i++) calls.push(store.rows([section(`other-${i}`, 0, false)]));
    calls.push(store.rows([section('hot', 1, true)]));
    const replies = await Promise.all(calls);
    expect(Array.from(replies[0]!.snapshots.get(rowKey('hot'))!.subarray(0, 2))).toEqual([0, 0]);
    expect(Array.from(replies[128]!.snapshots.get(rowKey('hot'))!.subarray(0, 2))).toEqual([1, 0]);
    expect(Array.from((await store.readVector(vectorKey('hot', SIZE), SIZE))!.subarray(0, 2))).toEqual([1, 1]);
  });
});
