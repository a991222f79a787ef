import { createServer, connect, type Server } from 'node:net';
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KIND_CODE, redisStore, rowKey, vectorKey, VectorOps, type RedisStore, type RowSection, type RowTake } from '../../src/internal.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const demand = { maxTokens: 100, minGrant: 10, inputTokens: 20, inputCostUsd: 0, outputTokenUsd: 0 };
const requests: RowTake = { policy: 'requests-1m', kind: KIND_CODE.requests, limit: 1_000, windowMs: 60_000 };
const tokens = (limit: number): RowTake => ({ policy: 'tokens-1h', kind: KIND_CODE.tokens, limit, windowMs: 3_600_000 });
const SIZE = 8;

/** A section of `key` taking `take`, with one `add(0, 1)` op on its vector when `vector` is given. */
function section(key: string, take: RowTake[], vector?: string): RowSection {
  const s: RowSection = { key, take, settle: [], renew: [] };
  if (vector) {
    const ops = new VectorOps();
    ops.add(0, 1);
    s.vector = { key: vector, size: SIZE, carried: [], ops: ops.list, snapshot: false, ttlMs: 3_600_000 };
  }
  return s;
}

/**
 * A loopback TCP proxy in front of the test's redis-server. Armed, it lets the next EVALSHA
 * through, swallows the first bytes Redis answers after it (so Redis has run the script) and
 * drops the connection: the client never sees that reply, as when a connection breaks between a
 * script's run and its answer.
 */
class ReplyDropper {
  private readonly server: Server;
  private armed: (() => void) | undefined;
  constructor(upstreamPort: number) {
    this.server = createServer((client) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      let pending: (() => void) | undefined;
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (data: Buffer) => {
        if (this.armed && data.toString('latin1').toLowerCase().includes('evalsha')) {
          pending = this.armed;
          this.armed = undefined;
        }
        upstream.write(data);
      });
      upstream.on('data', (data: Buffer) => {
        if (!pending) return void client.write(data);
        // The script ran: its reply is lost with the connection.
        const done = pending;
        pending = undefined;
        close();
        done();
      });
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
  }
  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)));
  }
  /** Resolves once a script's reply was dropped. */
  dropNextScriptReply(): Promise<void> {
    return new Promise((resolve) => (this.armed = resolve));
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe.each([
  ['standalone', () => new Redis(inject('redisUrl'))],
  ['cluster', () => new Cluster(inject('redisClusterNodes'))],
] as const)('a reservation whose script runs twice (its reply lost, the call sent again; %s)', (_kind, connect) => {
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

  it('charges once, answers the first run again and appends its vector ops once', async () => {
    const id = unique('twice');
    const key = rowKey(id);
    const vkey = vectorKey(id, SIZE);
    const take = [requests, tokens(1_000_000)];
    const first = await store.rows([section(key, take, vkey)], { holdId: `${id}-a`, demand });
    const again = await store.rows([section(key, take, vkey)], { holdId: `${id}-a`, demand });
    expect(first.status).toBe('ok');
    expect(again.status).toBe('ok');
    expect(again.grant).toBe(first.grant);
    expect(again.takes.get(key)!.map((t) => t.consumed)).toEqual([1, 120]);
    // The next request counts one before it, not two.
    const next = await store.rows([section(key, take)], { holdId: `${id}-b`, demand });
    expect(next.takes.get(key)!.map((t) => t.consumed)).toEqual([2, 240]);
    expect(Array.from((await store.readVector(vkey, SIZE))!)[0]).toBe(1);
    // One hold to settle: settled at 50 tokens, the row keeps 50 + 120.
    store.writes.settle(key, [`${id}-a`, 50, 0, 0]);
    await store.writes.flush();
    const after = await store.rows([section(key, take)], { holdId: `${id}-c`, demand });
    expect(after.takes.get(key)!.map((t) => t.consumed)).toEqual([3, 290]);
  });

  it('answers a partial grant again as it was granted, not refused by its own take', async () => {
    const key = rowKey(unique('partial'));
    // 20 input tokens and a budget of 100: 80 of the 100 max_tokens are granted.
    const first = await store.rows([section(key, [tokens(100)])], { holdId: 'p', demand });
    expect([first.status, first.grant]).toEqual(['ok', 80]);
    const again = await store.rows([section(key, [tokens(100)])], { holdId: 'p', demand });
    expect([again.status, again.grant]).toEqual(['ok', 80]);
    expect(again.takes.get(key)![0]!.consumed).toBe(100);
  });
});

describe("a connection that drops after the script ran (ioredis sends the call again: the default autoResendUnfulfilledCommands)", () => {
  let dropper: ReplyDropper;
  let client: Redis;
  let store: RedisStore;
  beforeAll(async () => {
    dropper = new ReplyDropper(Number(new URL(inject('redisUrl')).port));
    const port = await dropper.listen();
    client = new Redis(port, '127.0.0.1');
    await client.ping();
    // A time limit far beyond a reconnect: the call sent again lands before its deadline.
    store = redisStore(client, { timeoutMs: 15_000 });
  });
  afterAll(async () => {
    await store.close();
    client.disconnect();
    await dropper.close();
  });

  it('charges the request once', async () => {
    const id = unique('resend');
    const key = rowKey(id);
    const vkey = vectorKey(id, SIZE);
    // The script is loaded (EVALSHA, not NOSCRIPT then EVAL) before the reply to drop.
    expect((await store.rows([section(rowKey(unique('warm')), [requests])], { holdId: 'w', demand })).status).toBe('ok');
    const dropped = dropper.dropNextScriptReply();
    const reply = store.rows([section(key, [requests], vkey)], { holdId: `${id}-a`, demand });
    await dropped;
    // The client reconnected and sent the call again; its answer is the only one it got.
    const answer = await reply;
    expect(answer.status).toBe('ok');
    expect(answer.takes.get(key)![0]!.consumed).toBe(1);
    const next = await store.rows([section(key, [requests])], { holdId: `${id}-b`, demand });
    expect(next.takes.get(key)![0]!.consumed).toBe(2);
    expect(Array.from((await store.readVector(vkey, SIZE))!)[0]).toBe(1);
  });
});
