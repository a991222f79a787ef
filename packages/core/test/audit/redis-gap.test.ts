import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRecord, eventHash, GENESIS_HASH, type ChainHead } from '../../src/audit/chain.js';
import { skippedRecord, type AuditGap } from '../../src/audit/events.js';
import { createAuditLog, parseAuditOptions, verifyAuditFiles, verifyAuditLines, type AuditLog } from '../../src/audit/index.js';
import { manualClock } from '../../src/clock/index.js';
import { body, decision, request, SECRET, T0, tempDir, testContext } from './helpers.js';

/**
 * A gap in one copy of the chain (the Redis stream next to a file skipped batches while Redis was
 * away) is bridged by one signed `skipped` line: `verify` on that copy reports a counted loss, and
 * still fails on any gap that is not bridged or whose bridge does not fit.
 */

const until = async (check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** `n` chained events as JSON lines, and the hashes of every position (index = seq). */
function chain(n: number, secret = SECRET): { lines: string[]; heads: ChainHead[] } {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  const heads = [head];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const { event, head: next } = chainRecord(secret, head, { level: 30, time: T0, msg: 'flag', type: 'flag', identity: `u_${i}`, flagged: true, by: 'test' });
    head = next;
    heads.push(head);
    lines.push(JSON.stringify(event));
  }
  return { lines, heads };
}

function bridge(gap: AuditGap, secret = SECRET, edit: (r: Record<string, unknown>) => void = () => undefined): string {
  const record: Record<string, unknown> = { ...skippedRecord({}, 'redis', gap, T0) };
  edit(record);
  return JSON.stringify({ ...record, hash: eventHash(secret, record) });
}

describe('verify: a skipped line is a counted loss, any other gap is still a deletion', () => {
  const { lines, heads } = chain(10);
  /** The stream's copy: events 1-3, a bridge for 4-7, events 8-10. */
  const copy = [...lines.slice(0, 3), bridge({ after: heads[3]!, last: heads[7]! }), ...lines.slice(7)];

  it('passes a bridged gap and reports how many events it counts', async () => {
    const result = await verifyAuditLines(copy, SECRET);
    expect(result).toMatchObject({ ok: true, events: 7, firstSeq: 1, lastSeq: 10, skipped: 4, byType: { flag: 6, skipped: 1 } });
    expect(result.gaps).toEqual([{ file: '<input>', line: 4, sink: 'redis', fromSeq: 4, toSeq: 7, count: 4 }]);
    // The full chain has no gap at all.
    const full = await verifyAuditLines(lines, SECRET);
    expect(full.ok).toBe(true);
    expect(full.skipped).toBeUndefined();
  });

  it('passes a gap at the very start (from seq 1) and consecutive bridges', async () => {
    const start = [bridge({ after: heads[0]!, last: heads[2]! }), bridge({ after: heads[2]!, last: heads[5]! }), ...lines.slice(5)];
    expect(await verifyAuditLines(start, SECRET)).toMatchObject({ ok: true, firstSeq: 1, lastSeq: 10, skipped: 5 });
  });

  it('fails when the bridge is deleted, or an event before or after it is', async () => {
    const noBridge = copy.filter((_, i) => i !== 3);
    expect((await verifyAuditLines(noBridge, SECRET)).failure).toMatchObject({ line: 4, seq: 8, problem: expect.stringMatching(/4 event\(s\) missing/) });
    const before = copy.filter((_, i) => i !== 2);
    expect((await verifyAuditLines(before, SECRET)).failure).toMatchObject({ line: 3, problem: expect.stringMatching(/skipped events from seq 4 where 3 was expected/) });
    const after = copy.filter((_, i) => i !== 4);
    expect((await verifyAuditLines(after, SECRET)).failure).toMatchObject({ line: 5, seq: 9, problem: expect.stringMatching(/1 event\(s\) missing/) });
  });

  it('fails on a bridge that does not fit: edited, forged, wrong count, wrong links, or moved', async () => {
    const at = (line: string, i = 3) => copy.map((l, j) => (j === i ? line : l));
    // Edited without the secret: its hash no longer matches.
    const edited = copy[3]!.replace('"count":4', '"count":3');
    expect((await verifyAuditLines(at(edited), SECRET)).failure).toMatchObject({ line: 4, problem: expect.stringMatching(/hash does not match/) });
    // Signed with another key.
    expect((await verifyAuditLines(at(bridge({ after: heads[3]!, last: heads[7]! }, 'another-secret')), SECRET)).failure).toMatchObject({ line: 4, problem: expect.stringMatching(/hash does not match/) });
    // Signed, but counting other than the seqs it stands for.
    const miscounted = bridge({ after: heads[3]!, last: heads[7]! }, SECRET, (r) => (r.count = 3));
    expect((await verifyAuditLines(at(miscounted), SECRET)).failure).toMatchObject({ line: 4, problem: expect.stringMatching(/counts 3 event/) });
    // Its last hash is not the one the next event links to.
    expect((await verifyAuditLines(at(bridge({ after: heads[3]!, last: { seq: 7, hash: heads[6]!.hash } })), SECRET)).failure).toMatchObject({ line: 5, seq: 8, problem: expect.stringMatching(/prev does not match/) });
    // It does not link to the line before.
    expect((await verifyAuditLines(at(bridge({ after: { seq: 3, hash: heads[2]!.hash }, last: heads[7]! })), SECRET)).failure).toMatchObject({ line: 4, problem: expect.stringMatching(/does not link/) });
    // A bridge covering more than is missing (hiding events 3 and 4 behind a bridge from 2).
    const wide = [...lines.slice(0, 3), bridge({ after: heads[2]!, last: heads[7]! }), ...lines.slice(7)];
    expect((await verifyAuditLines(wide, SECRET)).failure).toMatchObject({ line: 4, problem: expect.stringMatching(/overlaps/) });
    // Moved after the events it bridges to.
    const moved = [...lines.slice(0, 3), lines[7]!, copy[3]!, ...lines.slice(8)];
    expect((await verifyAuditLines(moved, SECRET)).ok).toBe(false);
  });

  it('a copy that starts with a bridge after seq 1 needs --partial', async () => {
    const late = [bridge({ after: heads[4]!, last: heads[6]! }), ...lines.slice(6)];
    expect((await verifyAuditLines(late, SECRET)).failure?.problem).toMatch(/starts at seq 5, not 1/);
    expect(await verifyAuditLines(late, SECRET, { partial: true })).toMatchObject({ ok: true, skipped: 2, lastSeq: 10 });
  });
});

let server: RedisServer;
let client: Redis;
let reader: Redis;
beforeAll(async () => {
  server = await startRedisServer({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  client = new Redis(server.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 50 });
  reader = new Redis(server.url, { retryStrategy: () => 50 });
  // Connection errors while the server is down are expected; the sink reports its own.
  client.on('error', () => undefined);
  reader.on('error', () => undefined);
  await until(() => client.status === 'ready');
});
afterAll(async () => {
  client.disconnect();
  reader.disconnect();
  await server.stop();
});

let n = 0;
function emit(log: AuditLog, count: number): void {
  for (let i = 0; i < count; i++) log.handlers.decision({ decision: decision({ timestamp: T0 }), request: request(), body: body(`prompt ${n++}`) });
}

async function stream(key: string): Promise<Array<{ id: string; line: string }>> {
  const entries = await reader.xrange(key, '-', '+');
  return entries.map(([id, fields]) => ({ id, line: fields[fields.indexOf('event') + 1]! }));
}

const parse = (line: string) => JSON.parse(line) as { type: string; seq: number; count?: number; fromSeq?: number };

describe('Redis stream next to a file, across a Redis crash', () => {
  it('the file holds everything; the stream verifies with a counted loss equal to what it skipped; deletions are still caught', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const key = `dg:audit:gap:${Date.now()}`;
      const path = join(dir, 'audit.jsonl');
      const options = parseAuditOptions(
        { secret: SECRET, file: path, redis: { client, key, timeoutMs: 500 }, batchSize: 5, flushIntervalMs: 10, flushOnExit: false, closeTimeoutMs: 20_000 },
        'audit',
      )!;
      const ctx = testContext(manualClock(T0));
      const log = createAuditLog(options, ctx);
      const start = n;
      emit(log, 10);
      await until(async () => log.stats.written === 10 && (await reader.xlen(key)) === 10);

      await server.kill();
      // Events keep flowing while Redis is away: the file takes them, the stream skips them.
      await until(() => {
        emit(log, 1);
        return log.stats.skipped >= 15;
      });
      await server.restart();
      // Events keep flowing: once the stream rested and Redis is back, it bridges and catches up.
      await until(async () => {
        emit(log, 1);
        return (await stream(key)).some((e) => parse(e.line).type === 'skipped');
      });
      emit(log, 7);
      await log.close();
      const total = n - start;
      expect(log.stats).toMatchObject({ dropped: 0, lost: 0, written: total, seq: total });
      expect(log.stats.skipped).toBeGreaterThanOrEqual(15);

      // The file: everything, in one chain, nothing lost.
      const file = await verifyAuditFiles([path], SECRET);
      expect(file).toMatchObject({ ok: true, events: total, firstSeq: 1, lastSeq: total });
      expect(file.skipped).toBeUndefined();

      // The stream: the same chain with one counted gap where Redis was away.
      const entries = await stream(key);
      const result = await verifyAuditLines(
        entries.map((e) => e.line),
        SECRET,
      );
      expect(result.ok, JSON.stringify(result.failure)).toBe(true);
      expect(result).toMatchObject({ firstSeq: 1, lastSeq: total, byType: { skipped: 1 } });
      const held = entries.filter((e) => parse(e.line).type !== 'skipped').length;
      // Every event is either in the stream or counted in the bridge; the bridge counts what was skipped
      // (less any event of a skipped batch that Redis took before it died).
      expect(held + result.skipped!).toBe(total);
      expect(result.skipped).toBeLessThanOrEqual(log.stats.skipped);
      expect(result.skipped).toBeGreaterThanOrEqual(log.stats.skipped - 5);
      const gap = result.gaps![0]!;
      expect(gap.fromSeq).toBeGreaterThan(10);

      // Deleting a stream entry after the bridge, or the bridge itself, is still caught.
      const bridgeAt = entries.findIndex((e) => parse(e.line).type === 'skipped');
      const victim = entries[bridgeAt + 2]!;
      await reader.xdel(key, victim.id);
      const cut = await verifyAuditLines(
        (await stream(key)).map((e) => e.line),
        SECRET,
      );
      expect(cut.failure).toMatchObject({ seq: parse(victim.line).seq + 1, problem: expect.stringMatching(/1 event\(s\) missing/) });
      const noBridge = entries.filter((_, i) => i !== bridgeAt).map((e) => e.line);
      expect((await verifyAuditLines(noBridge, SECRET)).failure?.problem).toMatch(/event\(s\) missing/);

      // Deleting a line of the file is still caught too.
      const lines = (await readFile(path, 'utf8')).split('\n');
      lines.splice(gap.fromSeq, 1);
      await writeFile(path, lines.join('\n'));
      expect((await verifyAuditFiles([path], SECRET)).failure).toMatchObject({ seq: gap.fromSeq + 2, problem: expect.stringMatching(/1 event\(s\) missing/) });
    } finally {
      await cleanup();
    }
  }, 90_000);

  it('events of a skipped batch that land late (Redis stalled, then ran them) are not counted as lost: the bridge starts after them', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const key = `dg:audit:gap-stall:${Date.now()}`;
      const path = join(dir, 'audit.jsonl');
      const options = parseAuditOptions(
        { secret: SECRET, file: path, redis: { client, key, timeoutMs: 300 }, batchSize: 5, flushIntervalMs: 10, flushOnExit: false, closeTimeoutMs: 20_000 },
        'audit',
      )!;
      const log = createAuditLog(options, testContext(manualClock(T0)));
      const start = n;
      emit(log, 5);
      await until(async () => log.stats.written === 5 && (await reader.xlen(key)) === 5);
      // SIGSTOP: the connection stays open; the first batch is sent and times out, three times.
      server.pause();
      try {
        await until(() => {
          emit(log, 1);
          return log.stats.skipped >= 10;
        });
      } finally {
        server.resume();
      }
      await until(async () => {
        emit(log, 1);
        return (await stream(key)).some((e) => parse(e.line).type === 'skipped');
      });
      emit(log, 3);
      await log.close();
      const total = n - start;
      expect(log.stats).toMatchObject({ dropped: 0, lost: 0, written: total, seq: total });
      expect((await verifyAuditFiles([path], SECRET)).ok).toBe(true);

      const entries = await stream(key);
      const result = await verifyAuditLines(
        entries.map((e) => e.line),
        SECRET,
      );
      expect(result.ok, JSON.stringify(result.failure)).toBe(true);
      expect(result).toMatchObject({ firstSeq: 1, lastSeq: total, byType: { skipped: 1 } });
      const held = entries.filter((e) => parse(e.line).type !== 'skipped').length;
      expect(held + result.skipped!).toBe(total);
      // The batch sent to the stalled server landed when it ran again: skipped for the log, but in the stream.
      expect(result.skipped).toBeLessThan(log.stats.skipped);
      expect(result.gaps![0]!.fromSeq).toBeGreaterThan(6);
    } finally {
      await cleanup();
    }
  }, 90_000);

  it('a gap still open at close is bridged by the flush when Redis is back, so the stream ends where the file does', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const key = `dg:audit:gap-close:${Date.now()}`;
      const path = join(dir, 'audit.jsonl');
      const options = parseAuditOptions(
        { secret: SECRET, file: path, redis: { client, key, timeoutMs: 500 }, batchSize: 5, flushIntervalMs: 10, flushOnExit: false, closeTimeoutMs: 20_000 },
        'audit',
      )!;
      const log = createAuditLog(options, testContext(manualClock(T0)));
      const start = n;
      emit(log, 5);
      await until(async () => log.stats.written === 5 && (await reader.xlen(key)) === 5);
      await server.kill();
      await until(() => {
        emit(log, 1);
        return log.stats.skipped >= 5;
      });
      await server.restart();
      await until(() => client.status === 'ready');
      // No event follows: the close's flush writes the skipped line on its own.
      await log.close();
      const total = n - start;
      const entries = await stream(key);
      const result = await verifyAuditLines(
        entries.map((e) => e.line),
        SECRET,
      );
      expect(result.ok, JSON.stringify(result.failure)).toBe(true);
      expect(result).toMatchObject({ firstSeq: 1, lastSeq: total, skipped: total - 5, byType: { decision: 5, skipped: 1 } });
      expect(parse(entries[entries.length - 1]!.line)).toMatchObject({ type: 'skipped', fromSeq: 6, seq: total, count: total - 5 });
    } finally {
      await cleanup();
    }
  }, 90_000);

  it('after a restart, a stream left behind (Redis still away at the last close) is bridged up to where the file resumes the chain', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const key = `dg:audit:gap-restart:${Date.now()}`;
      const path = join(dir, 'audit.jsonl');
      const options = parseAuditOptions(
        { secret: SECRET, file: path, redis: { client, key, timeoutMs: 500 }, batchSize: 5, flushIntervalMs: 10, flushOnExit: false, closeTimeoutMs: 20_000, instance: 'app-1' },
        'audit',
      )!;
      const first = createAuditLog(options, testContext(manualClock(T0)));
      emit(first, 5);
      await until(async () => first.stats.written === 5 && (await reader.xlen(key)) === 5);
      await server.kill();
      emit(first, 6);
      await first.close();
      expect(first.stats).toMatchObject({ written: 11, skipped: 6, lost: 0 });

      await server.restart();
      await until(() => client.status === 'ready');
      // The next run continues the file's chain at seq 12; the stream holds 1 to 5.
      const second = createAuditLog(options, testContext(manualClock(T0)));
      emit(second, 4);
      await second.close();
      expect(second.stats).toMatchObject({ written: 4, skipped: 0, seq: 15 });
      // A restart with the stream up to date adds no skipped line.
      const third = createAuditLog(options, testContext(manualClock(T0)));
      emit(third, 2);
      await third.close();

      expect(await verifyAuditFiles([path], SECRET)).toMatchObject({ ok: true, events: 17, lastSeq: 17 });
      const entries = await stream(key);
      const result = await verifyAuditLines(
        entries.map((e) => e.line),
        SECRET,
      );
      expect(result.ok, JSON.stringify(result.failure)).toBe(true);
      expect(result).toMatchObject({ firstSeq: 1, lastSeq: 17, skipped: 6, byType: { decision: 11, skipped: 1 } });
      expect(parse(entries[5]!.line)).toMatchObject({ type: 'skipped', instance: 'app-1', fromSeq: 6, seq: 11, msg: expect.stringMatching(/behind the chain at start/) });
    } finally {
      await cleanup();
    }
  }, 90_000);
});
