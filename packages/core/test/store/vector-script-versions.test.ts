import { readFileSync } from 'node:fs';
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeVector, redisStore, type RedisStore } from '../../src/internal.js';
import { encodeMsgpack } from '../../src/store/redis/msgpack.js';

/** The previous release's shared-vector script (calling convention 1 on the det:v1 hashes), as it shipped. */
const V1_LUA = readFileSync(new URL('./fixtures/vector-script-v1.lua', import.meta.url), 'utf8');

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const shardOf = (tag: string) => ({ shardKey: `dg:det:v1:{${tag}}`, cursorKey: `dg:det:v1c:{${tag}}` });
const vector = (raw: Buffer | null | undefined) => Array.from(decodeVector(raw ?? null, 4));

/** One call of the convention 1 script, as an app of that release sends it (one shard, a MessagePack map). */
async function callV1(client: Redis, tag: string, ids: string[], ops: number[][]): Promise<Buffer[]> {
  const { shardKey, cursorKey } = shardOf(tag);
  return (await client.callBuffer('EVAL', V1_LUA, 2, shardKey, cursorKey, encodeMsgpack({ n: 4, ttl: 3600, ids, ops, sweep: false }))) as Buffer[];
}

describe('shared vectors with two app versions on one Redis (a rolling deploy)', () => {
  let client: Redis;
  let store: RedisStore;
  beforeAll(async () => {
    client = new Redis(inject('redisUrl'));
    await client.ping();
    store = redisStore(client);
  });
  afterAll(async () => {
    await store.close();
    await client.quit();
  });

  it('applies ops to the same hash fields as the previous calling convention, each reading what the other wrote', async () => {
    const tag = unique('deploy');
    const mine = (ids: string[], ops: number[][]) => store.vectorShards([{ ...shardOf(tag), n: 4, ttl: 3600, ids, ops, sweep: false }]);
    // This version: add 1.5 to field 0, set field 2 to 7.
    expect((await mine(['g1'], [[1, 0, 1.5, 2, 2, 7]]))[0]!.map(vector)).toEqual([[1.5, 0, 7, 0]]);
    // The previous version: add 2 to field 0, set bit 3 of field 1; it reads this version's write.
    expect((await callV1(client, tag, ['g1'], [[1, 0, 2, 3, 1, 3]])).map(vector)).toEqual([[3.5, 8, 7, 0]]);
    // This version reads the previous one's write, and a group only the previous version wrote.
    await callV1(client, tag, ['g2'], [[4, 3, 9]]);
    expect((await mine(['g1', 'g2'], [[], []]))[0]!.map(vector)).toEqual([
      [3.5, 8, 7, 0],
      [0, 0, 0, 9],
    ]);
    // A roll (a new period at field 2 zeroes field 3) from this version, read back by the previous one.
    await mine(['g2'], [[5, 2, 4]]);
    expect((await callV1(client, tag, ['g2'], [[]])).map(vector)).toEqual([[0, 0, 4, 0]]);
  });

  it('answers several shards of one call each in order, a shard past its first also swept', async () => {
    const [a, b] = [unique('sa'), unique('sb')];
    const replies = await store.vectorShards([
      { ...shardOf(a), n: 4, ttl: 3600, ids: ['x', 'y'], ops: [[1, 0, 1], []], sweep: false },
      { ...shardOf(b), n: 4, ttl: 3600, ids: ['x'], ops: [[1, 1, 2]], sweep: true },
      { ...shardOf(a), n: 4, ttl: 3600, ids: ['x'], ops: [[1, 0, 1]], sweep: false },
    ]);
    expect(replies.map((r) => r.map(vector))).toEqual([[[1, 0, 0, 0], [0, 0, 0, 0]], [[0, 2, 0, 0]], [[2, 0, 0, 0]]]);
    expect(replies[0]![1]).toBeNull();
  });
});

describe('shared vectors on a Cluster', () => {
  let cluster: Cluster;
  let store: RedisStore;
  beforeAll(async () => {
    cluster = new Cluster(inject('redisClusterNodes'));
    await cluster.ping();
    store = redisStore(cluster);
  });
  afterAll(async () => {
    await store.close();
    await cluster.quit();
  });

  it('sends each shard (its own slot) as a call of its own and answers them in order', async () => {
    const tags = [unique('c0'), unique('c1'), unique('c2')];
    const replies = await store.vectorShards(tags.map((t, i) => ({ ...shardOf(t), n: 4, ttl: 3600, ids: ['g'], ops: [[1, i, i + 1]], sweep: i === 0 })));
    expect(replies.map((r) => r.map(vector))).toEqual([[[1, 0, 0, 0]], [[0, 2, 0, 0]], [[0, 0, 3, 0]]]);
  });
});
