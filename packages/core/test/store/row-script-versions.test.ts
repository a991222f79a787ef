import { readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KIND_CODE, redisStore, rowKey, vectorKey, VectorOps, type RedisStore, type RowSection, type RowTake } from '../../src/internal.js';
import { MsgpackStream } from '../../src/store/redis/msgpack.js';
import { encodeOps, readVectorKey } from '../../src/store/redis/vector-ops.js';

/** Earlier releases' row scripts (calling conventions 5 to 8 on row protocol 4), as they shipped. */
const V5_LUA = readFileSync(new URL('./fixtures/row-script-v5.lua', import.meta.url), 'utf8');
const V6_LUA = readFileSync(new URL('./fixtures/row-script-v6.lua', import.meta.url), 'utf8');
const V7_LUA = readFileSync(new URL('./fixtures/row-script-v7.lua', import.meta.url), 'utf8');
const V8_LUA = readFileSync(new URL('./fixtures/row-script-v8.lua', import.meta.url), 'utf8');
const SIZE = 40;

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const demand = { maxTokens: 100, minGrant: 10, inputTokens: 20, inputCostUsd: 0, outputTokenUsd: 0 };
const requests: RowTake = { policy: 'requests-1m', kind: KIND_CODE.requests, limit: 4, windowMs: 60_000 };
const slots: RowTake = { policy: 'concurrency', kind: KIND_CODE.concurrency, limit: 2, windowMs: 30_000 };
const section = (key: string): RowSection => ({ key, take: [requests, slots], settle: [], renew: [] });
const STATUS = ['none', 'ok', 'refused', 'cancelled', 'late'];

/**
 * One call of the convention 5 script, as an app of that release sends it: one row, its takes
 * written out in the call (policy, kind, limit, window), cancels of `cancel` first.
 */
async function callV5(client: Redis, key: string, holdId: string, cancel: string[] = []): Promise<{ status: string; consumed: number[] }> {
  const s = new MsgpackStream();
  // dl (none), id, lease, keep, flag (none), max_tokens, min grant, input tokens, input cost, output price, rows
  s.number(0).string(holdId).number(30_000).number(900_000).number(0).number(demand.maxTokens).number(demand.minGrant).number(demand.inputTokens).number(0).number(0).number(1);
  s.number(1).number(2);
  for (const t of [requests, slots]) s.string(t.policy).number(t.kind).number(t.limit).number(t.windowMs);
  s.number(cancel.length);
  for (const id of cancel) s.string(id).number(-1).number(0).number(0);
  s.number(0).number(0); // no renewals, no vector
  const batch = new MsgpackStream().number(1).string(key).number(0).bytes(s.done()).done();
  const replies = (await client.callBuffer('EVAL', V5_LUA, 1, key, batch)) as Array<[Buffer, unknown]>;
  const numbers = replies[0]![0];
  return { status: STATUS[numbers.readDoubleLE(8)]!, consumed: [numbers.readDoubleLE(24), numbers.readDoubleLE(48)] };
}

/**
 * One call of the convention 6 script, as an app of that release sends it: one row, the batch's
 * limit specs sent once and named by place, the call's values a nested stream; cancels of
 * `cancel` first.
 */
async function callV6(client: Redis, key: string, holdId: string, cancel: string[] = []): Promise<{ status: string; consumed: number[] }> {
  const s = new MsgpackStream();
  // dl (none), id, lease, keep, flag (none), max_tokens, min grant, input tokens, input cost, output price, rows
  s.number(0).string(holdId).number(30_000).number(900_000).number(0).number(demand.maxTokens).number(demand.minGrant).number(demand.inputTokens).number(0).number(0).number(1);
  s.number(1).number(2).number(1).number(2);
  s.number(cancel.length);
  for (const id of cancel) s.string(id).number(-1).number(0).number(0);
  s.number(0).number(0); // no renewals, no vector
  const batch = new MsgpackStream().number(1).string(key).number(2);
  for (const t of [requests, slots]) batch.string(t.policy).number(t.kind).number(t.limit).number(t.windowMs);
  batch.number(0).bytes(s.done());
  const replies = (await client.callBuffer('EVAL', V6_LUA, 1, key, batch.done())) as Array<[Buffer, unknown]>;
  const numbers = replies[0]![0];
  return { status: STATUS[numbers.readDoubleLE(8)]!, consumed: [numbers.readDoubleLE(24), numbers.readDoubleLE(48)] };
}

/**
 * One call of the convention 7 script, as an app of that release sends it: the batch's limit specs
 * sent once, the call's values inline in the batch's stream, a vector's ops as bytes in it. With
 * `vector`, the call also appends `ops` to that vector and asks the script to read it first.
 */
async function callV7(
  client: Redis,
  key: string,
  holdId: string,
  cancel: string[] = [],
  vector?: { key: string; ops: number[] },
  lua = V7_LUA,
): Promise<{ status: string; consumed: number[]; vector?: Float64Array }> {
  const takes = vector ? [] : [requests, slots];
  const batch = new MsgpackStream().number(vector ? 2 : 1).string(key);
  if (vector) batch.string(vector.key);
  batch.number(takes.length);
  for (const t of takes) batch.string(t.policy).number(t.kind).number(t.limit).number(t.windowMs);
  // base; dl (none), id, lease, keep, flag (none), max_tokens, min grant, input tokens, input cost, output price, rows
  batch.number(0).number(0).string(holdId).number(30_000).number(900_000).number(0).number(demand.maxTokens).number(demand.minGrant).number(demand.inputTokens).number(0).number(0).number(1);
  batch.number(1).number(takes.length);
  for (let i = 1; i <= takes.length; i++) batch.number(i);
  batch.number(cancel.length);
  for (const id of cancel) batch.string(id).number(-1).number(0).number(0);
  batch.number(0); // no renewals
  // The vector (its key's index among the call's keys): clear, px, ret, ops, no compaction.
  if (vector) batch.number(2).number(0).number(3_600_000).number(1).bytes(encodeOps(vector.ops)).bytes(Buffer.alloc(0)).number(0).bytes(Buffer.alloc(0));
  else batch.number(0);
  const replies = (await client.callBuffer('EVAL', lua, 1, key, batch.done())) as Array<[Buffer, unknown, Buffer?]>;
  const numbers = replies[0]![0];
  const out: { status: string; consumed: number[]; vector?: Float64Array } = { status: STATUS[numbers.readDoubleLE(8)]!, consumed: takes.length ? [numbers.readDoubleLE(24), numbers.readDoubleLE(48)] : [] };
  if (vector) out.vector = readVectorKey(replies[0]![2] ?? null, SIZE).view;
  return out;
}

/**
 * One call of the convention 8 script as it shipped before a call sent again was answered without
 * taking again: a request count taken under `holdId` (so the script reads the row), and `settle`,
 * each a hold's real tokens or -1 for a cancel.
 */
async function callV8(client: Redis, key: string, holdId: string, settle: Array<[id: string, tokens: number]>): Promise<string> {
  const batch = new MsgpackStream().number(1).string(key).number(1);
  batch.string(requests.policy).number(requests.kind).number(1_000).number(requests.windowMs);
  // base; dl (none), id, lease, keep, flag (none), max_tokens, min grant, input tokens, input cost, output price, rows
  batch.number(0).number(0).string(holdId).number(30_000).number(900_000).number(0).number(demand.maxTokens).number(demand.minGrant).number(demand.inputTokens).number(0).number(0).number(1);
  batch.number(1).number(1).number(1).number(settle.length);
  for (const [id, tokens] of settle) batch.string(id).number(tokens).number(0).number(0);
  batch.number(0).number(0); // no renewals, no vector
  const replies = (await client.callBuffer('EVAL', V8_LUA, 1, key, batch.done())) as Array<[Buffer, unknown]>;
  return STATUS[replies[0]![0].readDoubleLE(8)]!;
}

describe('two app versions on one Redis (a rolling deploy)', () => {
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

  // The previous releases' scripts as shipped, each run against this one on the same rows.
  const previous: [string, typeof callV6][] = [
    // (Without a vector, a convention 8 call is laid out as a convention 7 one.)
    ['8 (the release before this one)', (client, key, holdId, cancel) => callV7(client, key, holdId, cancel, undefined, V8_LUA)],
    ['7', callV7],
    ['6', callV6],
    ['5', callV5],
  ];
  it.each(previous)('counts and holds on the same rows with calling convention %s, each reading what the other wrote', async (version, callPrevious) => {
    const key = rowKey(unique(`deploy${version[0]}`));
    const take = async (holdId: string) => store.rows([section(key)], { holdId, demand });
    // This version, then the previous one: each sees the other's count and concurrency slot.
    const n1 = await take('n1');
    expect(n1.status).toBe('ok');
    expect(n1.takes.get(key)!.map((a) => a.consumed)).toEqual([1, 1]);
    expect(await callPrevious(client, key, 'o1')).toEqual({ status: 'ok', consumed: [2, 2] });
    // Both slots are taken (one by each version): this version is refused.
    expect((await take('n2')).status).toBe('refused');
    // This version cancels the previous one's hold: its request count and slot come back.
    store.writes.settle(key, ['o1']);
    await store.writes.flush();
    const n3 = await take('n3');
    expect(n3.status).toBe('ok');
    expect(n3.takes.get(key)!.map((a) => a.consumed)).toEqual([2, 2]);
    // The previous version cancels this one's first hold in its own call, then takes.
    expect(await callPrevious(client, key, 'o2', ['n1'])).toEqual({ status: 'ok', consumed: [2, 2] });
    // n3 and o2 hold the two slots; once this version cancels n3, the previous one takes its slot.
    expect((await take('n4')).status).toBe('refused');
    store.writes.settle(key, ['n3']);
    await store.writes.flush();
    expect(await callPrevious(client, key, 'o3')).toEqual({ status: 'ok', consumed: [2, 2] });
    expect(await callPrevious(client, key, 'o4')).toMatchObject({ status: 'refused' });
  });

  it('settles and cancels, with convention 8 as it shipped before, a hold that remembers a partial grant', async () => {
    const key = rowKey(unique('deploy-grant'));
    const budget: RowTake = { policy: 'tokens-1h', kind: KIND_CODE.tokens, limit: 100, windowMs: 3_600_000 };
    const take = (holdId: string) => store.rows([{ key, take: [budget], settle: [], renew: [] }], { holdId, demand });
    // 20 input tokens and a budget of 100: 80 of the 100 max_tokens granted, the grant kept in the hold.
    expect(await take('n1')).toMatchObject({ status: 'ok', grant: 80 });
    // The same call sent again (its reply lost) is answered that grant, and takes nothing more.
    expect(await take('n1')).toMatchObject({ status: 'ok', grant: 80 });
    // The previous script settles it at 50 tokens: 50 of the 100 stay taken.
    expect(await callV8(client, key, 'o1', [['n1', 50]])).toBe('ok');
    const n2 = await take('n2');
    expect([n2.status, n2.grant, n2.takes.get(key)![0]!.consumed]).toEqual(['ok', 30, 100]);
    // And cancels the next one: its 50 come back.
    expect(await callV8(client, key, 'o2', [['n2', -1]])).toBe('ok');
    const n3 = await take('n3');
    expect([n3.status, n3.grant, n3.takes.get(key)![0]!.consumed]).toEqual(['ok', 30, 100]);
  });

  it("appends to the same detector vectors as calling convention 7, each reading the other's ops", async () => {
    const id = unique('deploy-vector');
    const key = rowKey(id);
    const vkey = vectorKey(id, SIZE);
    const adding = (field: number, by: number) => {
      const ops = new VectorOps();
      ops.add(field, by);
      ops.set(3, by);
      return ops.list;
    };
    const current = async (field: number, by: number) => {
      const s: RowSection = { key, take: [], settle: [], renew: [], vector: { key: vkey, size: SIZE, carried: [], ops: adding(field, by), snapshot: true, ttlMs: 3_600_000 } };
      return Array.from((await store.rows([s])).snapshots.get(key)!.subarray(0, 4));
    };
    const previousVersion = async (field: number, by: number) => Array.from((await callV7(client, key, '', [], { key: vkey, ops: adding(field, by) })).vector!.subarray(0, 4));
    // Each reads the vector as it was before its own ops, with every earlier op of either version.
    expect(await current(0, 1)).toEqual([0, 0, 0, 0]);
    expect(await previousVersion(1, 2)).toEqual([1, 0, 0, 1]);
    expect(await current(0, 3)).toEqual([1, 2, 0, 2]);
    expect(await previousVersion(2, 4)).toEqual([4, 2, 0, 3]);
    expect(Array.from((await store.readVector(vkey, SIZE))!.subarray(0, 4))).toEqual([4, 2, 4, 4]);
  });
});
