import { appendFile, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../src/clock/index.js';
import { createAuditLog, parseAuditOptions, verifyAuditFiles, type AuditLog } from '../../src/audit/index.js';
import { body, decision, request, SECRET, T0, tempDir, testContext } from './helpers.js';

const DAY = 24 * 3600 * 1000;
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups) await c();
  cleanups = [];
});

async function dir(): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function fileLog(path: string, file: Record<string, unknown> = {}, clock = manualClock(T0)): AuditLog {
  const options = parseAuditOptions({ secret: SECRET, file: { path, ...file }, flushOnExit: false }, 'audit')!;
  return createAuditLog(options, testContext(clock));
}

function emit(log: AuditLog, n: number, time = T0): void {
  for (let i = 0; i < n; i++) log.handlers.decision({ decision: decision({ timestamp: time }), request: request(), body: body(`prompt ${i}`) });
}

async function lines(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('file sink', () => {
  it('appends one line per event and the chain verifies', async () => {
    const d = await dir();
    const path = join(d, 'audit.jsonl');
    const log = fileLog(path);
    emit(log, 25);
    await log.close();
    const events = await lines(path);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const result = await verifyAuditFiles([path], SECRET);
    expect(result).toMatchObject({ ok: true, events: 25, firstSeq: 1, lastSeq: 25, byType: { decision: 25 } });
  });

  it('rotates by size, the chain continues across files, and verify accepts the files in any order', async () => {
    const d = await dir();
    const path = join(d, 'audit.jsonl');
    const log = fileLog(path, { maxBytes: 4096 });
    emit(log, 60);
    await log.close();
    const names = (await readdir(d)).sort();
    expect(names.length).toBeGreaterThan(3);
    expect(names).toContain('audit.jsonl');
    expect(names.filter((n) => /^audit\.2026-11-02\.\d{3}\.jsonl$/.test(n)).length).toBe(names.length - 1);
    for (const n of names) {
      const s = (await readFile(join(d, n))).length;
      expect(s).toBeLessThanOrEqual(4096);
    }
    const shuffled = names.map((n) => join(d, n)).reverse();
    const result = await verifyAuditFiles(shuffled, SECRET);
    expect(result.ok).toBe(true);
    expect(result.events).toBe(60);
    expect(result.files.map((f) => f.firstSeq)).toEqual([...result.files.map((f) => f.firstSeq)].sort((a, b) => a! - b!));
    // A directory is expanded to its files.
    expect((await verifyAuditFiles([d], SECRET)).events).toBe(60);
  });

  it('rotates when the UTC day changes, naming the old file by its day', async () => {
    const d = await dir();
    const path = join(d, 'audit.jsonl');
    const clock = manualClock(T0);
    const log = fileLog(path, {}, clock);
    emit(log, 3, T0);
    await log.flush();
    clock.advance(DAY);
    emit(log, 2, T0 + DAY);
    await log.close();
    expect((await readdir(d)).sort()).toEqual(['audit.2026-11-02.001.jsonl', 'audit.jsonl']);
    expect((await lines(join(d, 'audit.2026-11-02.001.jsonl'))).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await lines(path)).map((e) => e.seq)).toEqual([4, 5]);
    expect((await verifyAuditFiles([d], SECRET)).ok).toBe(true);
  });

  it('continues the chain after a restart, from the active file or the newest rotated one', async () => {
    const d = await dir();
    const path = join(d, 'audit.jsonl');
    const first = fileLog(path);
    emit(first, 4);
    await first.close();
    const second = fileLog(path);
    emit(second, 3);
    await second.close();
    expect((await lines(path)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Active file rotated away and gone: resume from the rotated file.
    const { rename } = await import('node:fs/promises');
    await rename(path, join(d, 'audit.2026-11-02.001.jsonl'));
    const third = fileLog(path);
    emit(third, 1);
    await third.close();
    expect((await lines(path)).map((e) => e.seq)).toEqual([8]);
    expect(await verifyAuditFiles([d], SECRET)).toMatchObject({ ok: true, events: 8 });
  });

  it('after a crash that cut a line short, starts on a fresh line and verify points at the broken one', async () => {
    const d = await dir();
    const path = join(d, 'audit.jsonl');
    const first = fileLog(path);
    emit(first, 2);
    await first.close();
    await appendFile(path, '{"level":30,"time":1,"msg":"decis');
    const second = fileLog(path);
    emit(second, 1);
    await second.close();
    const raw = (await readFile(path, 'utf8')).split('\n');
    expect(raw[2]).toBe('{"level":30,"time":1,"msg":"decis');
    expect(JSON.parse(raw[3]!).seq).toBe(3);
    const result = await verifyAuditFiles([path], SECRET);
    expect(result.failure).toMatchObject({ file: path, line: 3 });
    expect(result.failure!.problem).toMatch(/not valid JSON/);
  });

  it("fsync 'always' syncs every batch; 'never' does not sync", async () => {
    const d = await dir();
    const probe = await open(join(d, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const sync = vi.spyOn(proto, 'datasync');

    const always = fileLog(join(d, 'always.jsonl'), { fsync: 'always' });
    emit(always, 3);
    await always.flush();
    emit(always, 3);
    await always.flush();
    expect(sync.mock.calls.length).toBeGreaterThanOrEqual(2);
    await always.close();

    sync.mockClear();
    const never = fileLog(join(d, 'never.jsonl'), { fsync: 'never' });
    emit(never, 3);
    await never.close();
    expect(sync).not.toHaveBeenCalled();
    expect((await lines(join(d, 'never.jsonl'))).length).toBe(3);
  });

  it('creates the file readable by its owner only', async () => {
    const d = await dir();
    const path = join(d, 'nested', 'audit.jsonl');
    const log = fileLog(path);
    emit(log, 1);
    await log.close();
    const { stat } = await import('node:fs/promises');
    expect((await stat(path)).mode & 0o077).toBe(0);
  });
});
