// Vitest global setup shared by every project of the root vitest.config.ts: one standalone
// redis-server and one 3-master Redis Cluster per run, on free loopback ports (never 6379).
// Tests read them with `inject('redisUrl')` and `inject('redisClusterNodes')`.
import type { TestProject } from 'vitest/node';
import { startRedisCluster, type RedisCluster } from '../src/redis/cluster.js';
import { startRedisServer, type RedisServer } from '../src/redis/server.js';

interface SharedRedis {
  ready: Promise<{ server: RedisServer; cluster: RedisCluster }>;
  users: number;
}

// Vitest runs a global setup once per project, each in its own module instance, all in the
// main process; this process-wide slot makes the six projects share one set of servers.
const KEY = Symbol.for('distill-guard.testing.redis');
const slot = globalThis as typeof globalThis & { [KEY]?: SharedRedis };

async function startAll(): Promise<{ server: RedisServer; cluster: RedisCluster }> {
  const [server, cluster] = await Promise.allSettled([startRedisServer(), startRedisCluster({ masters: 3 })]);
  if (server.status === 'fulfilled' && cluster.status === 'fulfilled') return { server: server.value, cluster: cluster.value };
  if (server.status === 'fulfilled') await server.value.stop();
  if (cluster.status === 'fulfilled') await cluster.value.stop();
  throw server.status === 'rejected' ? server.reason : (cluster as PromiseRejectedResult).reason;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = slot[KEY];
  if (!shared) {
    shared = { ready: startAll(), users: 0 };
    slot[KEY] = shared;
  }
  shared.users++;
  let redis: Awaited<SharedRedis['ready']>;
  try {
    redis = await shared.ready;
  } catch (error) {
    delete slot[KEY];
    throw error;
  }
  project.provide('redisUrl', redis.server.url);
  project.provide('redisClusterNodes', redis.cluster.nodes);

  return async () => {
    const current = slot[KEY];
    if (!current || --current.users > 0) return;
    delete slot[KEY];
    await Promise.all([redis.server.stop(), redis.cluster.stop()]);
  };
}
