export { findRedisServer, redisMajorVersion, RedisServerNotFoundError } from './binary.js';
export { startRedisServer, type RedisServer, type RedisServerOptions } from './server.js';
export { startRedisCluster, type RedisCluster, type RedisClusterNode, type RedisClusterOptions } from './cluster.js';
