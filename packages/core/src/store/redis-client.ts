/**
 * The part of an ioredis client (standalone `Redis` or `Cluster`) that distill-guard uses.
 * Declared here rather than importing ioredis types so that core does not depend on ioredis;
 * any ioredis 5/6 instance fits.
 */
export interface RedisPipelineLike {
  get(key: string): this;
  set(key: string, value: string, ...args: Array<string | number>): this;
  del(key: string): this;
  incrbyfloat(key: string, by: number): this;
  hget(key: string, field: string): this;
  hgetall(key: string): this;
  hset(key: string, fields: Record<string, string>): this;
  hdel(key: string, ...fields: string[]): this;
  hincrbyfloat(key: string, field: string, by: number): this;
  expire(key: string, seconds: number): this;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}

export interface RedisClientLike {
  /** `'ready'` when connected; anything else makes the store fail fast. */
  readonly status: string;
  /** Set on ioredis `Cluster` instances. */
  readonly isCluster?: boolean;
  pipeline(): RedisPipelineLike;
  /** Used by rate-limiter-flexible to register its Lua script. */
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  quit(): Promise<unknown>;
}
