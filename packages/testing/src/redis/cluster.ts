import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedisServer, redisMajorVersion } from './binary.js';
import { freePort, freePortPair } from './ports.js';
import { startRedisServer, type RedisServer } from './server.js';

const SLOTS = 16_384;

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** Number of master nodes (no replicas); default 3, at least 1. */
  masters?: number;
  /** Path of `redis-server`; default `REDIS_SERVER_BIN`, then PATH. */
  bin?: string;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** How long to wait for every node to report `cluster_state:ok`; default 20 s. */
  startTimeoutMs?: number;
}

/** A cluster node address, the shape ioredis `new Cluster(nodes)` takes. */
export interface RedisClusterNode {
  host: string;
  port: number;
}

/** A local Redis Cluster started by {@link startRedisCluster}. */
export interface RedisCluster {
  /** Startup nodes for `new Cluster(cluster.nodes)`. */
  nodes: RedisClusterNode[];
  /** The node processes, in slot order (node 0 owns the first slot range). */
  servers: RedisServer[];
  /** Stops every node and removes the cluster's temp dir. Idempotent. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function admin(node: RedisClusterNode): Redis {
  return new Redis({ host: node.host, port: node.port, maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: false });
}

async function startNode(bin: string, host: string, dir: string, hasClusterPort: boolean, timeoutMs: number) {
  for (let attempt = 0; ; attempt++) {
    const port = hasClusterPort ? await freePort(host) : await freePortPair(host);
    const bus = hasClusterPort ? await freePort(host) : port + 10_000;
    const args = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'];
    if (hasClusterPort) args.push('--cluster-port', String(bus));
    try {
      const server = await startRedisServer({ bin, host, port, dir, args, startTimeoutMs: timeoutMs });
      return { server, bus };
    } catch (error) {
      if (attempt >= 4 || !/address already in use/i.test(String(error))) throw error;
      rmSync(join(dir, 'nodes.conf'), { force: true });
    }
  }
}

async function addSlots(client: Redis, first: number, last: number): Promise<void> {
  try {
    await client.call('CLUSTER', 'ADDSLOTSRANGE', String(first), String(last));
  } catch (error) {
    // Redis 6 has no ADDSLOTSRANGE: list the slots instead.
    if (!/unknown subcommand|wrong number|syntax/i.test(String(error))) throw error;
    const slots: string[] = [];
    for (let slot = first; slot <= last; slot++) slots.push(String(slot));
    await client.call('CLUSTER', 'ADDSLOTS', ...slots);
  }
}

async function waitForClusterOk(clients: Redis[], masters: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const infos = await Promise.all(clients.map((client) => client.call('CLUSTER', 'INFO') as Promise<string>));
    const ready = infos.every(
      (info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`),
    );
    if (ready) return;
    last = infos.join('\n---\n');
    if (Date.now() > deadline) throw new Error(`Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms:\n${last}`);
    await sleep(50);
  }
}

/**
 * Starts a local Redis Cluster of `masters` nodes (default 3) on free loopback ports, joins
 * them with CLUSTER MEET and spreads the 16384 slots with CLUSTER ADDSLOTSRANGE (sent with
 * ioredis, no `redis-cli` needed), then waits until every node reports `cluster_state:ok`.
 *
 * @example
 * const cluster = await startRedisCluster({ masters: 3 });
 * const client = new Cluster(cluster.nodes);
 * await cluster.stop();
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  if (!Number.isInteger(masters) || masters < 1) {
    throw new TypeError(`startRedisCluster: option "masters" must be an integer >= 1, got ${String(masters)}`);
  }
  const bin = findRedisServer(options.bin);
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const hasClusterPort = redisMajorVersion(bin) >= 7;
  const root = mkdtempSync(join(tmpdir(), 'distill-guard-redis-cluster-'));

  const started: Array<{ server: RedisServer; bus: number }> = [];
  const clients: Redis[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(started.map(({ server }) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const launches = Array.from({ length: masters }, (_, i) => {
      const dir = join(root, `node-${i}`);
      mkdirSync(dir);
      return startNode(bin, host, dir, hasClusterPort, timeoutMs).then((node) => {
        started.push(node);
        return node;
      });
    });
    const settled = await Promise.allSettled(launches);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const nodes = settled.map((result) => (result as PromiseFulfilledResult<{ server: RedisServer; bus: number }>).value);

    for (const { server } of nodes) clients.push(admin({ host, port: server.port }));
    // Distinct epochs up front, as redis-cli does, so slot ownership settles without conflicts.
    await Promise.all(clients.map((client, i) => client.call('CLUSTER', 'SET-CONFIG-EPOCH', String(i + 1))));
    const first = clients[0] as Redis;
    for (const { server, bus } of nodes.slice(1)) {
      const meet = ['MEET', host, String(server.port)];
      if (hasClusterPort) meet.push(String(bus));
      await first.call('CLUSTER', ...meet);
    }
    await Promise.all(
      clients.map((client, i) => addSlots(client, Math.floor((i * SLOTS) / masters), Math.floor(((i + 1) * SLOTS) / masters) - 1)),
    );
    await waitForClusterOk(clients, masters, timeoutMs);

    return {
      nodes: nodes.map(({ server }) => ({ host, port: server.port })),
      servers: nodes.map(({ server }) => server),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    for (const client of clients) client.disconnect();
  }
}
