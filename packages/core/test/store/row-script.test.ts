import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyVectorOps, KIND_CODE, redisStore, rowKey, vectorKey, VectorOps, type RedisStore, type RowSection, type RowTake } from '../../src/internal.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const demand = { maxTokens: 100, minGrant: 10, inputTokens: 20, inputCostUsd: 0, outputTokenUsd: 0 };
const tokens = (limit: number): RowTake => ({ policy: 'tokens-1h', kind: KIND_CODE.tokens, limit, windowMs: 3_600_000 });
const requests = (limit: number): RowTake => ({ policy: 'requests-1m', kind: KIND_CODE.requests, limit, windowMs: 60_000 });
const slots = (limit: number): RowTake => ({ policy: 'concurrency', kind: KIND_CODE.concurrency, limit, windowMs: 30_000 });
const section = (key: string, take: RowTake[]): RowSection => ({ key, take: take.map((t) => ({ ...t })), settle: [], renew: [] });
const SIZE = 40;

describe.each([
  ['standalone', () => new Redis(inject('redisUrl'))],
  ['cluster', () => new Cluster(inject('redisClusterNodes'))],
] as const)('the row script (%s)', (_kind, connect) => {
  let client: Redis | Cluster;
  let store: RedisStore;
  beforeAll(async () => {
    client = connect();
    await client.ping();
    store = redisStore(client);
  });
  afterAll(async () => {
    await store.close();
    await client.quit();
  });

  it('settles hundreds of rows in one flush, each once', async () => {
    const users = Array.from({ length: 300 }, () => rowKey(unique('flush')));
    // Two requests per row, each reserving 120 tokens (20 input + 100 max_tokens).
    for (const key of users) for (const id of ['a', 'b']) expect((await store.rows([section(key, [tokens(10_000)])], { holdId: `${key}-${id}`, demand })).status).toBe('ok');
    // Every hold settled at 50 tokens, each several times (retried flushes): 300 rows in calls of up
    // to 256 rows, whose argument holds more values than Lua returns at once.
    for (const key of users) {
      for (let i = 0; i < 4; i++) store.writes.settle(key, [`${key}-a`, 50, 0, 0]);
      for (let i = 0; i < 3; i++) store.writes.settle(key, [`${key}-b`, 50, 0, 0]);
    }
    await store.writes.flush();
    expect(store.writes.size).toBe(0);
    for (const key of [users[0]!, users[150]!, users[299]!]) {
      const reply = await store.rows([section(key, [tokens(10_000)])], { holdId: `${key}-c`, demand });
      // 50 + 50 settled, then this request's 120; the repeated settlements found no hold and changed nothing.
      expect(reply.takes.get(key)![0]!.consumed).toBe(220);
    }
  });

  it('keeps a hot row of hundreds of holds in flight (more values than Lua returns at once)', async () => {
    const key = rowKey(unique('hot'));
    const take = [requests(1e9), tokens(1e12), slots(1e6), { ...tokens(1e12), policy: 'tokens-1d', windowMs: 86_400_000 }, { ...requests(1e9), policy: 'requests-1h', windowMs: 3_600_000 }];
    for (let i = 0; i < 400; i++) expect((await store.rows([section(key, take)], { holdId: `${key}-${i}`, demand })).status).toBe('ok');
    const reply = await store.rows([section(key, take)], { holdId: `${key}-last`, demand });
    const answers = reply.takes.get(key)!;
    expect(answers.map((a) => a.consumed)).toEqual([401, 401 * 120, 401, 401 * 120, 401]);
    // Every hold is still there: settling one hands its slot back.
    store.writes.settle(key, [`${key}-7`]);
    await store.writes.flush();
    const after = await store.rows([section(key, [slots(1e6)])], { holdId: `${key}-after`, demand });
    expect(after.takes.get(key)![0]!.consumed).toBe(401);
  });

  it('keeps a vector as a log of ops beside the row, applied by the client and compacted without losing an op', async () => {
    const id = unique('vec');
    const key = rowKey(id);
    const vkey = vectorKey(id, SIZE);
    const local = new Float64Array(SIZE);
    const read = async (ops: VectorOps) => {
      const s = section(key, []);
      s.vector = { key: vkey, size: SIZE, carried: [], ops: ops.list, snapshot: true, ttlMs: 3_600_000 };
      const reply = await store.rows([s]);
      return reply.snapshots.get(key)!;
    };
    for (let i = 0; i < 120; i++) {
      const ops = new VectorOps();
      ops.add(0, 1);
      ops.set(1, i * 1.5);
      ops.setBit(2, i % 32);
      ops.max(3, (i * 7) % 50);
      ops.roll(4, Math.floor(i / 10));
      ops.add(5, 0.1);
      // The snapshot is the vector before this request's ops (and after every earlier one).
      expect(Array.from(await read(ops))).toEqual(Array.from(local));
      applyVectorOps(local, ops.list);
      // Ops written behind (an outcome's): they reach the next call.
      if (i % 3 === 0) {
        const later = new VectorOps();
        later.add(6, 2);
        store.writes.vector(key, vkey, SIZE, 3_600_000, later.list);
        applyVectorOps(local, later.list);
      }
    }
    await store.writes.flush();
    expect(Array.from((await store.readVector(vkey, SIZE))!)).toEqual(Array.from(local));
    // Compactions kept the key short: a base and less than a few hundred ops of log.
    const raw = (await client.getBuffer(store.key(vkey)))!;
    expect(raw.length).toBeLessThan(12 + SIZE * 8 + 300 * 11);
    expect(raw.readUInt32LE(0)).toBeGreaterThan(0); // generation: compacted at least once
    // The key expires by itself: its TTL (and a little more) after its last compaction.
    const ttl = await client.pttl(store.key(vkey));
    expect(ttl).toBeGreaterThan(3_600_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000 * (9 / 8));
  });

  it('answers each call of a batch its vector as it was before its own ops and after every earlier call of the batch', async () => {
    // One turn's calls share a batch: vectors no earlier call of it changes are read before the
    // script, the others inside it, after the earlier calls' ops; each call gets its own.
    const ids = [unique('ba'), unique('bb'), unique('bc')];
    const locals = ids.map(() => new Float64Array(SIZE));
    const order = [0, 1, 0, 2, 0, 1];
    const expected: number[][] = [];
    const calls = order.map((who, n) => {
      const ops = new VectorOps();
      ops.add(who, n + 1);
      ops.set(3, n * 10 + who);
      ops.max(4, n);
      expected.push(Array.from(locals[who]!));
      applyVectorOps(locals[who]!, ops.list);
      const s = section(rowKey(ids[who]!), []);
      s.vector = { key: vectorKey(ids[who]!, SIZE), size: SIZE, carried: [], ops: ops.list, snapshot: true, ttlMs: 3_600_000 };
      return store.rows([s]);
    });
    const replies = await Promise.all(calls);
    replies.forEach((reply, n) => expect(Array.from(reply.snapshots.get(rowKey(ids[order[n]!]!))!)).toEqual(expected[n]));
    for (let i = 0; i < ids.length; i++) expect(Array.from((await store.readVector(vectorKey(ids[i]!, SIZE), SIZE))!)).toEqual(Array.from(locals[i]!));
  });

  it('ignores a compaction computed from a vector another compaction has replaced since', async () => {
    const id = unique('stale');
    const key = rowKey(id);
    const vkey = vectorKey(id, SIZE);
    const s = (ops: number[], compact?: { header: Buffer; logBytes: number; base: Buffer }): RowSection => {
      const out = section(key, []);
      out.vector = { key: vkey, size: SIZE, carried: [], ops, snapshot: false, ttlMs: 3_600_000, ...(compact && { compact }) };
      return out;
    };
    const add = (at: number, by: number) => {
      const ops = new VectorOps();
      ops.add(at, by);
      return ops.list;
    };
    await store.rows([s(add(0, 1))]);
    await store.rows([s(add(0, 2))]);
    const raw = (await client.getBuffer(store.key(vkey)))!;
    const header = Buffer.from(raw.subarray(0, 12));
    const base = Buffer.alloc(SIZE * 8);
    base.writeDoubleLE(3, 0);
    // The first compaction lands; a second one computed from the same read does not (its header is stale), and a wrong base never does.
    await store.rows([s(add(0, 4), { header, logBytes: 22, base })]);
    const wrong = Buffer.alloc(SIZE * 8);
    wrong.writeDoubleLE(1000, 0);
    await store.rows([s([], { header, logBytes: 22, base: wrong })]);
    expect((await store.readVector(vkey, SIZE))![0]).toBe(7);
  });

  it("keeps a request's hold in its first row: a row of request counts only is written once per request, and a cancel still hands its count back", async () => {
    const id = unique('home');
    const [home, address] = [rowKey(id), rowKey(`${id}-ip`)];
    const call = async (holdId: string) => {
      const reply = await store.rows([section(home, [requests(100), tokens(10_000)]), section(address, [{ ...requests(100), policy: 'ip-requests-1m' }])], { holdId, demand });
      return reply;
    };
    const first = await call(`${id}-1`);
    // On a Cluster the address's row is on another slot: it is the home of its own call there.
    const cluster = client instanceof Cluster;
    expect(first.held).toEqual(cluster ? [home, address] : [home]);
    expect(first.delegated).toEqual(cluster ? [] : [address]);
    const before = await client.strlen(store.key(address));
    // Settled with real usage: the address's row is not touched (its count stays), the tokens are reconciled.
    store.writes.settle(home, [`${id}-1`, 30, 0, 0]);
    if (cluster) store.writes.settle(address, [`${id}-1`, 30, 0, 0]);
    await store.writes.flush();
    const second = await call(`${id}-2`);
    expect(second.takes.get(home)!.map((t) => t.consumed)).toEqual([2, 30 + 120]);
    expect(second.takes.get(address)![0]!.consumed).toBe(2);
    if (!cluster) expect(before).toBeLessThan(40); // a counter, no hold
    // A cancel (the request was refused after its reservation): both counts handed back, once.
    for (const key of second.held) {
      store.writes.settle(key, [`${id}-2`], second.delegated);
      store.writes.settle(key, [`${id}-2`], second.delegated);
    }
    await store.writes.flush();
    const third = await call(`${id}-3`);
    expect(third.takes.get(home)![0]!.consumed).toBe(2);
    expect(third.takes.get(address)![0]!.consumed).toBe(2);
    // A cancel carried by the identity's next call, which does not read the address's row: the row joins the call.
    for (const key of third.held) store.writes.settle(key, [`${id}-3`], third.delegated);
    const next = await store.rows([section(home, [requests(100)])], { holdId: `${id}-4`, demand });
    expect(next.takes.get(home)![0]!.consumed).toBe(2);
    if (cluster) await store.writes.flush();
    const last = await call(`${id}-5`);
    expect(last.takes.get(address)![0]!.consumed).toBe(2);
  });

  it('appends real usage to a row nobody reads, keeping its expiry, and folds it in at the row\'s next read, once', async () => {
    const id = unique('pending');
    const key = rowKey(id);
    const take = () => [requests(100), tokens(10_000), slots(1)];
    expect((await store.rows([section(key, take())], { holdId: `${id}-a`, demand })).status).toBe('ok');
    // The one slot is taken.
    expect((await store.rows([section(key, take())], { holdId: `${id}-b`, demand })).status).toBe('refused');
    const row = await client.getBuffer(store.key(key));
    // Real usage, delivered twice (a retried flush), and real usage for a request whose check has not landed.
    store.writes.settle(key, [`${id}-a`, 30, 0, 0]);
    await store.writes.flush();
    store.writes.settle(key, [`${id}-a`, 30, 0, 0]);
    store.writes.settle(key, [`${id}-ghost`, 5, 0, 0]);
    await store.writes.flush();
    // The row is as the check left it, with the settlements appended (three flushes' worth), and
    // lives as long as it did (its hour of tokens).
    const appended = (await client.getBuffer(store.key(key)))!;
    expect(appended.subarray(0, row!.length).equals(row!)).toBe(true);
    expect(appended.length).toBeGreaterThan(row!.length);
    expect(await client.pttl(store.key(key))).toBeGreaterThan(3_000_000);
    // The next check folds them in first: the slot is free again, the tokens are the real 30 and its own 120.
    const next = await store.rows([section(key, take())], { holdId: `${id}-c`, demand });
    expect(next.status).toBe('ok');
    expect(next.takes.get(key)!.map((a) => a.consumed)).toEqual([2, 30 + 120, 1]);
    // Written back without them (folded once: the tokens above count the repeated settlement once).
    const after = (await client.getBuffer(store.key(key)))!;
    expect(after.length).toBeLessThan(appended.length + 200);
    expect(await client.pttl(store.key(key))).toBeGreaterThan(3_000_000);
    // The settlement that came before its check left a tombstone: that check, landing late, takes nothing.
    expect((await store.rows([section(key, take())], { holdId: `${id}-ghost`, demand })).status).toBe('cancelled');
  });

  it('keeps real usage for a row that is not there for a hold\'s keep: the check it settles, landing later, takes nothing', async () => {
    const id = unique('absent');
    const key = rowKey(id);
    store.writes.settle(key, [`${id}-early`, 40, 0, 0]);
    await store.writes.flush();
    // A row of nothing but the settlement, kept for a hold's keep (15 minutes), not forever.
    expect(await client.exists(store.key(key))).toBe(1);
    const ttl = await client.pttl(store.key(key));
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect((await store.rows([section(key, [requests(100), tokens(10_000)])], { holdId: `${id}-early`, demand })).status).toBe('cancelled');
    // Another request of the identity counts from zero: the settlement charged nothing.
    const next = await store.rows([section(key, [requests(100), tokens(10_000)])], { holdId: `${id}-next`, demand });
    expect(next.takes.get(key)!.map((a) => a.consumed)).toEqual([1, 120]);
  });

  it('sets a row\'s expiry only when the row must outlive it, and then a quarter further', async () => {
    const id = unique('expiry');
    const key = rowKey(id);
    const minute = () => [requests(1000)];
    // A minute's window, and the hold kept 15 minutes for its settlement: the key lives as long as
    // the hold and a quarter more.
    await store.rows([section(key, minute())], { holdId: `${id}-1`, demand });
    const first = await client.pttl(store.key(key));
    expect(first).toBeGreaterThan(15 * 60_000);
    expect(first).toBeLessThanOrEqual(15 * 75_000);
    // Another request, whose hold is kept a little later, leaves the expiry where it is.
    await new Promise((r) => setTimeout(r, 50));
    await store.rows([section(key, minute())], { holdId: `${id}-2`, demand });
    const second = await client.pttl(store.key(key));
    expect(second).toBeLessThan(first);
    // An hour's window on the row moves it: the row must now outlive it.
    await store.rows([section(key, [...minute(), tokens(1e9)])], { holdId: `${id}-3`, demand });
    expect(await client.pttl(store.key(key))).toBeGreaterThan(3_600_000);
  });

  it('drops what lapsed from a row: a window that ended starts again, one that has not keeps counting', async () => {
    const key = rowKey(unique('lapse'));
    const short = { ...requests(1e9), policy: 'requests-short', windowMs: 150 };
    const take = () => [short, requests(1e9)];
    for (let i = 0; i < 3; i++) await store.rows([section(key, take())], { holdId: `${key}-${i}`, demand });
    await new Promise((r) => setTimeout(r, 250));
    const reply = await store.rows([section(key, take())], { holdId: `${key}-later`, demand });
    expect(reply.takes.get(key)!.map((a) => a.consumed)).toEqual([1, 4]);
    // And again in the next window (the row's earliest lapse moved to the new window's end).
    await new Promise((r) => setTimeout(r, 250));
    const again = await store.rows([section(key, take())], { holdId: `${key}-again`, demand });
    expect(again.takes.get(key)!.map((a) => a.consumed)).toEqual([1, 5]);
  });

  it('runs the calls of one turn in one script call, in order: calls on one row see each other, each all or nothing', async () => {
    const id = unique('batch');
    const [key, other] = [rowKey(id), rowKey(`${id}-other`)];
    // Six calls started in one turn (none awaited before the others): three rows between them.
    const calls = [0, 1, 2, 3, 4].map((i) => store.rows([section(key, [requests(3), tokens(10_000)])], { holdId: `${id}-${i}`, demand }));
    calls.push(store.rows([section(other, [requests(3)])], { holdId: `${id}-o`, demand }));
    const replies = await Promise.all(calls);
    expect(replies.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'refused', 'refused', 'ok']);
    // Counts as five calls of their own would have left them; the refused took nothing.
    expect(replies.slice(0, 5).map((r) => r.takes.get(key)![0]!.consumed)).toEqual([1, 2, 3, 4, 4]);
    expect(replies.slice(0, 3).map((r) => r.takes.get(key)![1]!.consumed)).toEqual([120, 240, 360]);
    expect(replies[5]!.takes.get(other)![0]!.consumed).toBe(1);
    // A settlement and a check of the same row in one turn: the hold is settled once.
    store.writes.settle(key, [`${id}-0`]);
    const [flushed, after] = await Promise.all([store.writes.flush(), store.rows([section(key, [requests(3)])], { holdId: `${id}-5`, demand })]);
    expect(flushed).toBeUndefined();
    expect(['ok', 'refused']).toContain(after.status);
    const last = await store.rows([section(key, [requests(3), tokens(10_000)])], { holdId: `${id}-6`, demand });
    // The cancel handed back one request and its 120 tokens, whichever of the two ran first in the batch.
    expect(last.takes.get(key)![1]!.consumed).toBe(after.status === 'ok' ? 240 : 240 + 120);
  });
});

describe('row calls on a Cluster client that may read from replicas', () => {
  it('reads no vector by MGET on a Cluster client that may send reads to replicas (scaleReads), and answers the same', async () => {
    const replicaReads = new Cluster(inject('redisClusterNodes'), { scaleReads: 'all' });
    let mgets = 0;
    const mget = replicaReads.mgetBuffer.bind(replicaReads);
    replicaReads.mgetBuffer = ((...keys: string[]) => {
      mgets++;
      return mget(...keys);
    }) as typeof replicaReads.mgetBuffer;
    const onReplicas = redisStore(replicaReads) as RedisStore;
    try {
      const id = unique('replica');
      const ops = new VectorOps();
      ops.add(0, 5);
      const first = section(rowKey(id), []);
      first.vector = { key: vectorKey(id, SIZE), size: SIZE, carried: [], ops: ops.list, snapshot: true, ttlMs: 3_600_000 };
      await onReplicas.rows([first]);
      const again = section(rowKey(id), []);
      again.vector = { key: vectorKey(id, SIZE), size: SIZE, carried: [], ops: [], snapshot: true, ttlMs: 3_600_000 };
      const reply = await onReplicas.rows([again]);
      expect(reply.snapshots.get(rowKey(id))![0]).toBe(5);
      expect(mgets).toBe(0);
    } finally {
      await onReplicas.close();
      await replicaReads.quit();
    }
  });
});
