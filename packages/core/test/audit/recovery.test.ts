import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock/index.js';
import { createAuditLog, parseAuditOptions, verifyAuditFiles, type AuditLog } from '../../src/audit/index.js';
import { body, decision, request, SECRET, T0, tempDir, testContext } from './helpers.js';

/**
 * Real faults, whoever runs the tests (root ignores permissions): the audit directory is replaced
 * by a plain file, so every open, write and rename inside it fails (ENOTDIR), then put back.
 */
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function workdir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Breaks `dir` (a plain file takes its place, its contents kept aside); returns the repair. */
async function breakDirectory(dir: string): Promise<() => Promise<void>> {
  const aside = `${dir}.aside`;
  await rename(dir, aside);
  await writeFile(dir, 'not a directory');
  return async () => {
    await rm(dir);
    await rename(aside, dir);
  };
}

function fileLog(path: string, file: Record<string, unknown> = {}): AuditLog {
  const options = parseAuditOptions({ secret: SECRET, file: { path, ...file }, flushOnExit: false, flushIntervalMs: 10, closeTimeoutMs: 20_000 }, 'audit')!;
  return createAuditLog(options, testContext(manualClock(T0)));
}

function emit(log: AuditLog, n: number, from = 0): void {
  for (let i = 0; i < n; i++) log.handlers.decision({ decision: decision({ timestamp: T0 }), request: request(), body: body(`prompt ${from + i}`) });
}

const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('audit sinks that recover', () => {
  it('opens the file once the directory becomes usable, and loses nothing queued meanwhile', async () => {
    const root = await workdir();
    const dir = join(root, 'audit');
    await mkdir(dir);
    const repair = await breakDirectory(dir);
    const path = join(dir, 'audit.jsonl');
    const log = fileLog(path);
    emit(log, 20);
    // It cannot open: nothing written, nothing lost, the events wait.
    await new Promise((r) => setTimeout(r, 300));
    expect(log.stats.written).toBe(0);
    expect(log.stats.queued + 0).toBeGreaterThan(0);
    await repair();
    await until(() => log.stats.written === 20);
    emit(log, 5, 20);
    await log.close();
    const result = await verifyAuditFiles([path], SECRET);
    expect(result).toMatchObject({ ok: true, events: 25, firstSeq: 1, lastSeq: 25 });
  });

  it('keeps writing after a rotation that failed, and rotates again once it can', async () => {
    const root = await workdir();
    const dir = join(root, 'audit');
    const path = join(dir, 'audit.jsonl');
    const log = fileLog(path, { maxBytes: 3000 });
    emit(log, 4);
    await log.flush();
    const repair = await breakDirectory(dir);
    emit(log, 20, 4);
    await new Promise((r) => setTimeout(r, 300));
    await repair();
    await until(() => log.stats.written === 24);
    emit(log, 20, 24);
    await log.close();
    const files = (await readdir(dir)).map((n) => join(dir, n));
    expect(files.length).toBeGreaterThan(1);
    const result = await verifyAuditFiles(files, SECRET);
    expect(result).toMatchObject({ ok: true, events: 44, firstSeq: 1, lastSeq: 44 });
  });

  it('counts what a full queue dropped in one chained event, so verify tells a counted loss from deletion', async () => {
    const root = await workdir();
    const dir = join(root, 'audit');
    await mkdir(dir);
    const path = join(dir, 'audit.jsonl');
    const options = parseAuditOptions({ secret: SECRET, file: { path }, flushOnExit: false, flushIntervalMs: 10, maxQueue: 10 }, 'audit')!;
    const log = createAuditLog(options, testContext(manualClock(T0)));
    const repair = await breakDirectory(dir);
    emit(log, 25);
    expect(log.stats.dropped).toBe(15);
    await new Promise((r) => setTimeout(r, 200));
    await repair();
    await until(() => log.stats.written >= 11);
    await log.close();
    const result = await verifyAuditFiles([path], SECRET);
    expect(result.ok).toBe(true);
    expect(result).toMatchObject({ events: 11, byType: { decision: 10, dropped: 1 } });
  });

  it.runIf(existsSync('/dev/full'))('on a full disk, keeps the events, counts what a full queue dropped, and writes it all once there is space', async () => {
    const root = await workdir();
    const path = join(root, 'audit.jsonl');
    // Every write to the file fails with ENOSPC: the disk is full.
    await symlink('/dev/full', path);
    const options = parseAuditOptions({ secret: SECRET, file: { path }, flushOnExit: false, flushIntervalMs: 10, maxQueue: 10 }, 'audit')!;
    const log = createAuditLog(options, testContext(manualClock(T0)));
    emit(log, 25);
    await new Promise((r) => setTimeout(r, 300));
    expect(log.stats.written).toBe(0);
    expect(log.stats.writeErrors).toBeGreaterThan(0);
    // Space is freed: the path is an ordinary file again.
    await rm(path);
    await writeFile(path, '');
    await until(() => log.stats.written >= 11);
    emit(log, 3, 25);
    await log.close();
    const result = await verifyAuditFiles([path], SECRET);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result).toMatchObject({ firstSeq: 1, byType: { decision: 13, dropped: 1 } });
  });
});
