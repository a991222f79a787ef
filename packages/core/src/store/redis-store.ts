import { RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OptionsError, StoreError } from '../errors/index.js';
import { expectBoolean, expectNumber, expectObject, expectString, optional } from '../options/validate.js';
import { storeKey } from './keys.js';
import type { RedisClientLike, RedisPipelineLike } from './redis-client.js';
import type { LimiterSpec, Store, StoreOp, StoreResult } from './types.js';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * Give up on a batch after this many ms and treat the store as down (then `onStoreError`
   * decides). Default 500.
   */
  timeoutMs?: number;
  /** Whether `guard.close()` also closes the client. Default false: the app owns its client. */
  closeClient?: boolean;
  /**
   * Prepended to every key (`<prefix>:dg:…`), so several apps or environments can share one
   * Redis without sharing counters. Default none.
   */
  prefix?: string;
}

/**
 * A store shared by every app instance, on an ioredis client (standalone, Sentinel or Cluster).
 * Counters use rate-limiter-flexible's Redis limiter; every key of one identity carries the same
 * hash tag, so each request costs one round trip even on a Cluster.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const guard = createGuard({ store: redisStore(new Redis(process.env.REDIS_URL)), onStoreError: 'open' });
 * ```
 */
export function redisStore(client: RedisClientLike, options: RedisStoreOptions = {}): RedisStore {
  if (!client || typeof (client as RedisClientLike).pipeline !== 'function') {
    throw new StoreError('redisStore(client) needs an ioredis client (new Redis(url) or new Redis.Cluster(nodes)).');
  }
  const o = expectObject('store', options, ['timeoutMs', 'closeClient', 'prefix']);
  const prefix = optional(o.prefix, '', (v) => expectString('store.prefix', v));
  if (/[{}\s]/.test(prefix)) throw new OptionsError('store.prefix', 'must not contain braces or spaces (it would break the per-identity hash tags).');
  return new RedisStore(client, {
    timeoutMs: optional(o.timeoutMs, 500, (v) => expectNumber('store.timeoutMs', v, { min: 1 })),
    closeClient: optional(o.closeClient, false, (v) => expectBoolean('store.closeClient', v)),
    prefix,
  });
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  /** The client has been ready once: from then on a disconnected client fails fast. */
  private everReady = false;
  /** The one start-up wait shared by every request, and whether it ran out (Redis down at start). */
  private starting: Promise<void> | undefined;
  private startupOver = false;

  constructor(
    readonly client: RedisClientLike,
    private readonly options: Required<RedisStoreOptions>,
  ) {}

  /**
   * Resolves when the client can take commands. An app usually starts listening before its Redis
   * client has connected: the first requests wait for the connection (at most `timeoutMs`, one
   * wait shared by all of them) instead of failing with a healthy Redis. Once the client has been
   * ready, or the start-up wait ran out, a client that is not ready fails at once, and
   * `onStoreError` decides. `undefined` when there is nothing to wait for.
   */
  whenReady(): Promise<void> | undefined {
    if (this.everReady) return undefined;
    if (this.client.status === 'ready') {
      this.everReady = true;
      return undefined;
    }
    if (this.startupOver) return undefined;
    this.starting ??= this.waitForReady();
    return this.starting;
  }

  private waitForReady(): Promise<void> {
    const client = this.client;
    if (client.status === 'wait') client.connect?.().catch(() => undefined);
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let poll: ReturnType<typeof setInterval> | undefined;
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        client.off?.('ready', done);
        if (client.status === 'ready') this.everReady = true;
        else this.startupOver = true;
        resolve();
      };
      timer = setTimeout(done, this.options.timeoutMs);
      if (client.once) client.once('ready', done);
      // A client without events (or one that got ready between the check and now): look again.
      poll = setInterval(() => {
        if (client.status === 'ready') done();
      }, 10);
    });
  }

  /** A key with this store's prefix. */
  key(key: string): string {
    return this.options.prefix ? `${this.options.prefix}:${key}` : key;
  }

  rateLimiter(spec: LimiterSpec): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.client,
      points: spec.points,
      duration: spec.durationSeconds,
      keyPrefix: this.key(storeKey('rl', spec.name)),
      // Fail at once while disconnected instead of queueing behind ioredis' offline queue.
      rejectIfRedisNotReady: true,
    });
  }

  async exec(ops: readonly StoreOp[]): Promise<StoreResult[]> {
    if (ops.length === 0) return [];
    const starting = this.whenReady();
    if (starting) await starting;
    if (this.client.status !== 'ready') throw new StoreError(`Redis is not connected (status: ${this.client.status}).`);
    // A Cluster pipeline must stay on one slot: group by hash tag and send the groups in parallel.
    const groups = this.client.isCluster ? groupBySlotTag(ops) : [ops.map((op, i) => ({ op, i }))];
    const results: StoreResult[] = new Array(ops.length);
    await withTimeout(
      Promise.all(
        groups.map(async (group) => {
          const pipeline = this.client.pipeline();
          const positions: number[] = [];
          for (const { op: raw, i } of group) {
            const op = this.options.prefix ? { ...raw, key: this.key(raw.key) } : raw;
            positions.push(i);
            queue(pipeline, op);
            if ('ttlSeconds' in op && op.ttlSeconds !== undefined && op.ttlSeconds > 0 && op.op !== 'set') {
              pipeline.expire(op.key, Math.ceil(op.ttlSeconds));
              positions.push(-1);
            }
          }
          const replies = await pipeline.exec();
          if (!replies) throw new StoreError('Redis pipeline was discarded.');
          replies.forEach(([err, value], k) => {
            if (err) throw new StoreError(`Redis command failed: ${err.message}`, { cause: err });
            const at = positions[k]!;
            if (at >= 0) results[at] = normalize(ops[at]!, value);
          });
        }),
      ),
      this.options.timeoutMs,
    );
    return results;
  }

  /** Batch timeout, also applied to limiter calls. */
  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  async close(): Promise<void> {
    if (this.options.closeClient) await this.client.quit().catch(() => undefined);
  }
}

function queue(p: RedisPipelineLike, op: StoreOp): void {
  switch (op.op) {
    case 'get':
      p.get(op.key);
      return;
    case 'set':
      if (op.ttlSeconds && op.ttlSeconds > 0) p.set(op.key, op.value, 'EX', Math.ceil(op.ttlSeconds));
      else p.set(op.key, op.value);
      return;
    case 'del':
      p.del(op.key);
      return;
    case 'incrby':
      p.incrbyfloat(op.key, op.by);
      return;
    case 'hget':
      p.hget(op.key, op.field);
      return;
    case 'hgetall':
      p.hgetall(op.key);
      return;
    case 'hset':
      p.hset(op.key, op.fields);
      return;
    case 'hdel':
      p.hdel(op.key, ...op.fields);
      return;
    case 'hincrby':
      p.hincrbyfloat(op.key, op.field, op.by);
      return;
    case 'expire':
      p.expire(op.key, Math.ceil(op.seconds));
      return;
  }
}

function normalize(op: StoreOp, value: unknown): StoreResult {
  switch (op.op) {
    case 'incrby':
    case 'hincrby':
    case 'del':
    case 'hset':
    case 'hdel':
    case 'expire':
      return Number(value);
    case 'hgetall':
      return (value ?? {}) as Record<string, string>;
    case 'set':
      return 'OK';
    default:
      return (value ?? null) as string | null;
  }
}

function groupBySlotTag(ops: readonly StoreOp[]): Array<Array<{ op: StoreOp; i: number }>> {
  const groups = new Map<string, Array<{ op: StoreOp; i: number }>>();
  ops.forEach((op, i) => {
    const open = op.key.indexOf('{');
    const close = open >= 0 ? op.key.indexOf('}', open + 1) : -1;
    const tag = close > open + 1 ? op.key.slice(open + 1, close) : op.key;
    let g = groups.get(tag);
    if (!g) groups.set(tag, (g = []));
    g.push({ op, i });
  });
  return [...groups.values()];
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreError(`Redis did not answer within ${ms} ms.`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
