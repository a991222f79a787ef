/**
 * The part of an ioredis client (standalone `Redis` or `Cluster`) that distill-guard uses.
 * Declared here rather than importing ioredis types so that core does not depend on ioredis;
 * any ioredis 5/6 instance fits.
 */
export interface RedisPipelineLike {
  get(key: string): unknown;
  set(key: string, value: string): unknown;
  set(key: string, value: string, secondsToken: 'EX', seconds: number): unknown;
  del(key: string): unknown;
  incrbyfloat(key: string, increment: number): unknown;
  hget(key: string, field: string): unknown;
  hgetall(key: string): unknown;
  hset(key: string, fields: Record<string, string>): unknown;
  hdel(key: string, ...fields: string[]): unknown;
  hincrbyfloat(key: string, field: string, increment: number): unknown;
  expire(key: string, seconds: number): unknown;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}

export interface RedisClientLike {
  /** `'ready'` when connected; anything else makes the store fail fast. */
  readonly status: string;
  /** Set on ioredis `Cluster` instances. */
  readonly isCluster?: boolean;
  pipeline(): RedisPipelineLike;
  /** ioredis clients are event emitters: the store waits for `ready` at start-up. */
  once?(event: 'ready', listener: () => void): unknown;
  off?(event: 'ready', listener: () => void): unknown;
  /** Connects a client created with `lazyConnect`. */
  connect?(): Promise<unknown>;
  /** Reads a key as bytes (tooling's view of a vector). */
  getBuffer(key: string): Promise<Buffer | null>;
  /** Reads keys as bytes: the detector's vectors, sent just before the row script (same round trip). */
  mgetBuffer(...keys: string[]): Promise<Array<Buffer | null>>;
  /** Registers the row and vector Lua scripts (`dgRows8`, `dgVectors2`). */
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  quit(): Promise<unknown>;
}
