/**
 * Primitive operations the guard's subsystems (flags, verdicts, detector state) run on a store.
 * A batch runs in one round trip on Redis and atomically per key; values are strings like in Redis.
 */
export type StoreOp =
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: string; ttlSeconds?: number }
  | { op: 'del'; key: string }
  | { op: 'incrby'; key: string; by: number; ttlSeconds?: number }
  | { op: 'hget'; key: string; field: string }
  | { op: 'hgetall'; key: string }
  | { op: 'hset'; key: string; fields: Record<string, string>; ttlSeconds?: number }
  | { op: 'hdel'; key: string; fields: string[] }
  /** Adds `by` (may be fractional) to a hash field. */
  | { op: 'hincrby'; key: string; field: string; by: number; ttlSeconds?: number }
  | { op: 'expire'; key: string; seconds: number };

/** The result of each op, in order: `get`/`hget` a string or null, `hgetall` a record, counters a number. */
export type StoreResult = string | null | number | Record<string, string>;

/**
 * Where limits, flags, verdicts and detector state live: `memoryStore()` (the default, one
 * process) or `redisStore(client)` (shared by every instance). The request path uses each one's
 * own fast way (the memory store's counter table; one Lua call per request on Redis); `exec` is
 * what everything else runs (flags, verdicts, the admin API and the CLI).
 *
 * Keys passed in should wrap the identity in a hash tag (see {@link hashTag}) so every key of one
 * identity lives on one Redis Cluster slot.
 */
export interface Store {
  readonly kind: 'memory' | 'redis';
  /**
   * Runs a batch of primitive ops; one round trip on Redis. A store that answers at once (the
   * memory store) returns the results themselves, any other a Promise of them: `await` it either
   * way. A Promise rejects with a `StoreError` when the store is down.
   */
  exec(ops: readonly StoreOp[]): StoreResult[] | Promise<StoreResult[]>;
  /** Releases timers and, if the store owns it, the connection. */
  close(): Promise<void>;
}
