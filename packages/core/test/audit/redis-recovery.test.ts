import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, parseAuditOptions, verifyAuditLines, type AuditLog } from '../../src/audit/index.js';
import { manualClock } from '../../src/clock/index.js';
import { body, decision, request, SECRET, T0, testContext } from './helpers.js';

/**
 * A real redis-server that keeps its data across a crash (append-only file, fsync on every
 * write), killed with SIGKILL and started again on the same port while the audit log writes to it.
 */
const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

let server: RedisServer;
let client: Redis;
let reader: Redis;
beforeAll(async () => {
  server = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  // The app's client: reconnects by itself, fails fast while Redis is away.
  client = new Redis(server.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 50 });
  reader = new Redis(server.url, { retryStrategy: () => 50 });
  await until(() => client.status === 'ready');
});
afterAll(async () => {
  client.disconnect();
  reader.disconnect();
  await server.stop();
});

function emit(log: AuditLog, n: number, from = 0): void {
  for (let i = 0; i < n; i++) log.handlers.decision({ decision: decision({ timestamp: T0 }), request: request(), body: body(`prompt ${from + i}`) });
}

async function streamLines(key: string): Promise<string[]> {
  const entries = await reader.xrange(key, '-', '+');
  return entries.map(([, fields]) => fields[fields.indexOf('event') + 1]!);
}

describe('Redis Stream sink across a Redis crash', () => {
  it('keeps what it queued, counts what a full queue dropped in one chained dropped event once Redis is back, and the stream verifies', async () => {
    const key = `dg:audit:crash:${Date.now()}`;
    const options = parseAuditOptions({ secret: SECRET, redis: { client, key, timeoutMs: 500 }, flushOnExit: false, flushIntervalMs: 10, maxQueue: 10, closeTimeoutMs: 20_000 }, 'audit')!;
    const ctx = testContext(manualClock(T0));
    const log = createAuditLog(options, ctx);
    emit(log, 5);
    await until(() => log.stats.written === 5);

    await server.kill();
    // Ten fit in the queue; fifteen are dropped, and counted.
    emit(log, 25, 5);
    await until(() => log.stats.writeErrors > 0);
    expect(log.stats.written).toBe(5);
    expect(log.stats.dropped).toBe(15);

    await server.restart();
    // The queue is written, after the dropped event that counts the loss.
    await until(() => log.stats.written >= 16);
    emit(log, 3, 30);
    await log.close();
    expect(log.stats).toMatchObject({ written: 19, dropped: 15, lost: 0 });

    const lines = await streamLines(key);
    const result = await verifyAuditLines(lines, SECRET);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result).toMatchObject({ events: 19, firstSeq: 1, lastSeq: 19, byType: { decision: 18, dropped: 1 } });
    const dropped = lines.map((l) => JSON.parse(l) as { type: string }).find((e) => e.type === 'dropped');
    // After the ten that were kept, in the order things happened.
    expect(dropped).toMatchObject({ seq: 16, count: 15 });
    expect(ctx.logger.warnings.some((m) => /sink recovered/.test(m))).toBe(true);
  }, 60_000);

  it('writes a batch once when Redis stalls past the timeout and then answers: the batch that timed out lands late, and the retry does not repeat it', async () => {
    const key = `dg:audit:stall:${Date.now()}`;
    const options = parseAuditOptions({ secret: SECRET, redis: { client, key, timeoutMs: 300 }, flushOnExit: false, flushIntervalMs: 10, closeTimeoutMs: 20_000 }, 'audit')!;
    const log = createAuditLog(options, testContext(manualClock(T0)));
    emit(log, 3);
    await until(() => log.stats.written === 3);
    // SIGSTOP: the connection stays open, the batch is sent, no answer comes.
    server.pause();
    try {
      emit(log, 4, 3);
      await until(() => log.stats.writeErrors >= 2);
    } finally {
      server.resume();
    }
    await until(() => log.stats.written === 7);
    emit(log, 2, 7);
    await log.close();
    const lines = await streamLines(key);
    const result = await verifyAuditLines(lines, SECRET);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result).toMatchObject({ events: 9, firstSeq: 1, lastSeq: 9, byType: { decision: 9 } });
  }, 60_000);
});
