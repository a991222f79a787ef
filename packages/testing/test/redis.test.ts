import { existsSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { RedisServerNotFoundError, startRedisCluster, startRedisServer, type RedisServer } from '../src/index.js';

const quiet = { maxRetriesPerRequest: 0, retryStrategy: () => null } as const;

describe('startRedisServer', () => {
  let server: RedisServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('starts a private redis-server on a free loopback port and answers set/get', async () => {
    server = await startRedisServer();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const client = new Redis(server.url, quiet);
    try {
      await client.set('greeting', 'hello');
      expect(await client.get('greeting')).toBe('hello');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
    } finally {
      client.disconnect();
    }
  });

  it('survives kill() then restart() on the same port, with its data gone', async () => {
    server = await startRedisServer();
    const port = server.port;
    const before = new Redis(server.url, quiet);
    await before.set('k', 'v');
    before.disconnect();

    await server.kill();
    expect(server.running).toBe(false);
    const down = new Redis(server.url, { ...quiet, lazyConnect: true });
    down.on('error', () => {});
    await expect(down.connect()).rejects.toThrow();
    down.disconnect();

    await server.restart();
    expect(server.running).toBe(true);
    expect(server.port).toBe(port);
    const after = new Redis(server.url, quiet);
    try {
      expect(await after.get('k')).toBeNull();
      await after.set('k', 'again');
      expect(await after.get('k')).toBe('again');
    } finally {
      after.disconnect();
    }
  });

  it('removes its temp dir on stop()', async () => {
    server = await startRedisServer();
    const dir = server.dir;
    expect(existsSync(dir)).toBe(true);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
    expect(server.running).toBe(false);
  });
});

describe('missing redis-server', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('throws RedisServerNotFoundError telling how to install it', async () => {
    vi.stubEnv('REDIS_SERVER_BIN', '/nonexistent/distill-guard/redis-server');
    const attempt = startRedisServer();
    await expect(attempt).rejects.toBeInstanceOf(RedisServerNotFoundError);
    const error = (await attempt.catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('/nonexistent/distill-guard/redis-server');
    expect(error.message).toContain('sudo apt-get install redis-server');
    expect(error.message).toContain('brew install redis');
    expect(error.message).toContain('REDIS_SERVER_BIN');
  });

  it('the cluster launcher fails the same way', async () => {
    vi.stubEnv('REDIS_SERVER_BIN', '/nonexistent/distill-guard/redis-server');
    await expect(startRedisCluster()).rejects.toBeInstanceOf(RedisServerNotFoundError);
  });
});

describe('global setup', () => {
  it('provides a standalone Redis as redisUrl', async () => {
    const url = inject('redisUrl');
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toContain(':6379');
    const client = new Redis(url, quiet);
    try {
      await client.set('testing:global', '1');
      expect(await client.incr('testing:global')).toBe(2);
    } finally {
      await client.del('testing:global');
      client.disconnect();
    }
  });

  it('provides a 3-master cluster as redisClusterNodes that serves keys on every slot range', async () => {
    const nodes = inject('redisClusterNodes');
    expect(nodes).toHaveLength(3);
    const cluster = new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
    try {
      const keys = Array.from({ length: 60 }, (_, i) => `testing:cluster:${i}`);
      for (const key of keys) await cluster.set(key, key.toUpperCase());
      for (const key of keys) expect(await cluster.get(key)).toBe(key.toUpperCase());

      const slots = await Promise.all(keys.map((key) => cluster.call('CLUSTER', 'KEYSLOT', key) as Promise<number>));
      const owners = new Set(slots.map((slot) => Math.floor((slot * 3) / 16384)));
      expect(owners.size).toBe(3);

      const perNode = await Promise.all(cluster.nodes('master').map((node) => node.dbsize()));
      expect(perNode.filter((n) => n > 0)).toHaveLength(3);

      // Keys sharing a hash tag land on one slot, so a multi-key command works.
      await cluster.mset('{id:42}:a', '1', '{id:42}:b', '2');
      expect(await cluster.mget('{id:42}:a', '{id:42}:b')).toEqual(['1', '2']);
      for (const key of keys) await cluster.del(key);
      await cluster.del('{id:42}:a', '{id:42}:b');
    } finally {
      cluster.disconnect();
    }
  });
});

describe('startRedisCluster', () => {
  it('starts, reports cluster_state:ok on every node, and cleans up on stop()', async () => {
    const cluster = await startRedisCluster({ masters: 3 });
    const dirs = cluster.servers.map((server) => server.dir);
    try {
      for (const node of cluster.nodes) {
        const client = new Redis({ ...node, ...quiet });
        try {
          const info = (await client.call('CLUSTER', 'INFO')) as string;
          expect(info).toContain('cluster_state:ok');
          expect(info).toContain('cluster_slots_assigned:16384');
        } finally {
          client.disconnect();
        }
      }
    } finally {
      await cluster.stop();
    }
    expect(cluster.servers.every((server) => !server.running)).toBe(true);
    expect(dirs.some((dir) => existsSync(dir))).toBe(false);
  });
});
