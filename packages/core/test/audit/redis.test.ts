/// <reference path="../../../testing/test-setup/provided.d.ts" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditLog, createAuditLog, parseAuditOptions, verifyAuditLines, type AuditOptions } from '../../src/audit/index.js';
import { body, decision, request, SECRET, tempDir, testContext } from './helpers.js';

let redis: Redis;
beforeAll(async () => {
  redis = new Redis(inject('redisUrl'), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
});
afterAll(async () => {
  await redis.quit();
});

function emit(log: AuditLog, n: number): void {
  for (let i = 0; i < n; i++) log.handlers.decision({ decision: decision(), request: request(), body: body(`p${i}`) });
}

async function streamLines(key: string): Promise<string[]> {
  const entries = await redis.xrange(key, '-', '+');
  return entries.map(([, fields]) => fields[fields.indexOf('event') + 1]!);
}

describe('Redis Stream sink', () => {
  it('XADDs one entry per event, exactly the JSON line, and the stream verifies', async () => {
    const key = `dg:audit:test:${Date.now()}:a`;
    // Typed on purpose: an ioredis client must fit the narrowed client type without a cast.
    const options: AuditOptions = { secret: SECRET, redis: { client: redis, key }, instance: 'app-1', flushOnExit: false };
    const log = createAuditLog(parseAuditOptions(options, 'audit')!, testContext());
    emit(log, 30);
    await log.close();
    const lines = await streamLines(key);
    expect(lines).toHaveLength(30);
    expect(JSON.parse(lines[0]!)).toMatchObject({ instance: 'app-1', seq: 1, type: 'decision' });
    expect(await verifyAuditLines(lines, SECRET)).toMatchObject({ ok: true, events: 30 });
  });

  it('caps the stream with MAXLEN ~', async () => {
    const key = `dg:audit:test:${Date.now()}:b`;
    const log = createAuditLog(parseAuditOptions({ secret: SECRET, redis: { client: redis, key, maxLen: 10 }, batchSize: 50, flushOnExit: false }, 'audit')!, testContext());
    emit(log, 1000);
    await log.close();
    const len = await redis.xlen(key);
    expect(len).toBeGreaterThanOrEqual(10);
    expect(len).toBeLessThan(1000);
  });

  it('an unreachable Redis next to a file does not hold up the file; skipped events are counted', async () => {
    const { dir, cleanup } = await tempDir();
    const down = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    const path = join(dir, 'audit.jsonl');
    const ctx = testContext();
    const log = createAuditLog(parseAuditOptions({ secret: SECRET, file: path, redis: down, batchSize: 5, flushOnExit: false }, 'audit')!, ctx);
    emit(log, 20);
    await log.close();
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(20);
    expect((await verifyAuditLines(lines, SECRET)).ok).toBe(true);
    expect(log.stats).toMatchObject({ written: 20, skipped: 20, lost: 0 });
    expect(ctx.logger.errors.some((m) => /best-effort sink redis/.test(m))).toBe(true);
    down.disconnect();
    await cleanup();
  });
});
