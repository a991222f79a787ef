import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, parseAuditOptions, verifyAuditFiles, verifyAuditLines } from '../../src/audit/index.js';
import { body, decision, outcome, request, SECRET, tempDir, testContext } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

/** Writes `n` decision/outcome events through the real file sink and returns the file's lines. */
async function writeLog(n: number, file: Record<string, unknown> = {}, name = 'audit.jsonl'): Promise<string> {
  const path = join(dir, name);
  const log = createAuditLog(parseAuditOptions({ secret: SECRET, file: { path, ...file }, flushOnExit: false }, 'audit')!, testContext());
  for (let i = 0; i < n; i++) {
    const d = decision();
    if (i % 2 === 0) log.handlers.decision({ decision: d, request: request(), body: body(`prompt ${i}`) });
    else log.handlers.outcome({ decision: d, outcome: outcome(), costUsd: 0.001 * i });
  }
  await log.close();
  return path;
}

async function editLines(path: string, edit: (lines: string[]) => void): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const last = lines.pop();
  edit(lines);
  await writeFile(path, `${lines.join('\n')}\n${last}`);
}

describe('verifyAuditFiles', () => {
  it('passes an untouched log with counts per type', async () => {
    const path = await writeLog(10);
    expect(await verifyAuditFiles([path], SECRET)).toMatchObject({ ok: true, events: 10, firstSeq: 1, lastSeq: 10, byType: { decision: 5, outcome: 5 } });
  });

  it('fails at an edited line', async () => {
    const path = await writeLog(10);
    await editLines(path, (l) => {
      l[4] = l[4]!.replace('"identity":"u_1842"', '"identity":"u_0000"');
    });
    const r = await verifyAuditFiles([path], SECRET);
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ file: path, line: 5, seq: 5 });
    expect(r.failure!.problem).toMatch(/edited/);
    expect(r.events).toBe(4);
  });

  it('fails at the place of a deleted line', async () => {
    const path = await writeLog(10);
    await editLines(path, (l) => void l.splice(6, 1));
    const r = await verifyAuditFiles([path], SECRET);
    expect(r.failure).toMatchObject({ line: 7, seq: 8 });
    expect(r.failure!.problem).toMatch(/seq 8 where 7 was expected: 1 event\(s\) missing/);
  });

  it('fails at an inserted line, forged or copied', async () => {
    const path = await writeLog(10);
    await editLines(path, (l) => {
      const copy = JSON.parse(l[2]!);
      copy.seq = 4;
      copy.prev = JSON.parse(l[2]!).hash;
      l.splice(3, 0, JSON.stringify(copy));
    });
    const forged = await verifyAuditFiles([path], SECRET);
    expect(forged.failure).toMatchObject({ line: 4 });
    expect(forged.failure!.problem).toMatch(/edited or forged/);

    const path2 = await writeLog(10, {}, 'other.jsonl');
    await editLines(path2, (l) => void l.splice(5, 0, l[1]!));
    const copied = await verifyAuditFiles([path2], SECRET);
    expect(copied.failure).toMatchObject({ line: 6, seq: 2 });
    expect(copied.failure!.problem).toMatch(/duplicate, was inserted or was moved/);
  });

  it('fails at a reordered line', async () => {
    const path = await writeLog(10);
    await editLines(path, (l) => {
      [l[3], l[4]] = [l[4]!, l[3]!];
    });
    const r = await verifyAuditFiles([path], SECRET);
    expect(r.failure).toMatchObject({ line: 4, seq: 5 });
  });

  it('fails at the first line with the wrong secret, and when the start of the chain is missing', async () => {
    const path = await writeLog(6);
    const wrong = await verifyAuditFiles([path], 'another-secret-0123456789');
    expect(wrong.failure).toMatchObject({ line: 1 });
    expect(wrong.failure!.problem).toMatch(/secret is wrong/);

    await editLines(path, (l) => void l.splice(0, 1));
    const truncated = await verifyAuditFiles([path], SECRET);
    expect(truncated.failure!.problem).toMatch(/starts at seq 2/);
    expect(await verifyAuditFiles([path], SECRET, { partial: true })).toMatchObject({ ok: true, events: 5, firstSeq: 2 });
  });

  it('detects a deleted line, and a whole missing file, across rotated files', async () => {
    const path = await writeLog(40, { maxBytes: 4096 });
    const files = (await readdir(dir)).map((n) => join(dir, n));
    expect(files.length).toBeGreaterThan(2);
    const ordered = (await verifyAuditFiles(files, SECRET)).files.map((f) => f.path);
    const middle = ordered[1]!;
    await editLines(middle, (l) => void l.splice(1, 1));
    const r = await verifyAuditFiles(files, SECRET);
    expect(r.failure).toMatchObject({ file: middle, line: 2 });

    const withoutMiddle = ordered.filter((f) => f !== middle);
    const gap = await verifyAuditFiles(withoutMiddle, SECRET);
    expect(gap.failure).toMatchObject({ file: ordered[2], line: 1 });
    expect(gap.failure!.problem).toMatch(/missing/);
    expect(path).toBe(join(dir, 'audit.jsonl'));
  });

  it('verifies lines from elsewhere (e.g. a Redis stream export)', async () => {
    const path = await writeLog(5);
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    expect((await verifyAuditLines(lines, SECRET)).ok).toBe(true);
    lines.splice(1, 1);
    expect((await verifyAuditLines(lines, SECRET, { source: 'stream' })).failure).toMatchObject({ file: 'stream', line: 2 });
  });
});
