export type { LimiterSpec, Store, StoreOp, StoreResult } from './types.js';
export type { RedisClientLike, RedisPipelineLike } from './redis-client.js';
export { execNow, memoryStore, MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { redisStore, RedisStore, type RedisStoreOptions } from './redis-store.js';
export { hashTag, storeKey } from './keys.js';
