import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '@distill-guard/core/audit';
import { run, SECRET, tempDir, writeAudit, type Traffic } from './audit-fixture.js';

const ENV = 'DG_CLI_TEST_AUDIT_SECRET';
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  process.env[ENV] = SECRET;
});
afterEach(async () => {
  delete process.env[ENV];
  await cleanup();
});

const traffic: Traffic[] = [
  { identity: 'acct_1', served: 6, blocked: 0, score: 0.1, costUsd: 0.06 },
  { identity: 'acct_2', served: 4, blocked: 3, score: 0.9, costUsd: 0.5 },
];

async function edit(path: string, change: (lines: string[]) => void): Promise<void> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  change(lines);
  await writeFile(path, `${lines.join('\n')}\n`);
}

const verify = (...args: string[]) => run(['audit', 'verify', '--secret-env', ENV, ...args]);

describe('distill-guard audit verify', () => {
  it('prints OK with counts and exits 0 for an intact log', async () => {
    const path = await writeAudit(dir, traffic);
    const r = await verify(path);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('OK  23 events in 1 file (seq 1..23): 13 decision, 10 outcome\n');
    expect(r.stderr).toBe('');
  });

  it('checks rotated files given in any order, or the directory', async () => {
    await writeAudit(dir, traffic, { maxBytes: 2048 });
    const files = (await readdir(dir)).map((f) => join(dir, f));
    expect(files.length).toBeGreaterThan(2);
    const shuffled = await verify(...files.reverse());
    expect(shuffled.code).toBe(0);
    expect(shuffled.stdout).toMatch(new RegExp(`^OK  23 events in ${files.length} files \\(seq 1\\.\\.23\\)`));
    expect((await verify(dir)).code).toBe(0);
  });

  for (const [name, change, line] of [
    ['edited', (l: string[]) => (l[4] = l[4]!.replace('"score":0.1', '"score":0.0')), 5],
    ['deleted', (l: string[]) => void l.splice(7, 1), 8],
    ['inserted', (l: string[]) => void l.splice(3, 0, l[9]!), 4],
    ['reordered', (l: string[]) => ([l[10], l[11]] = [l[11]!, l[10]!]), 11],
  ] as const) {
    it(`fails at the ${name} line with file:line and exits 1`, async () => {
      const path = await writeAudit(dir, traffic);
      await edit(path, change);
      const r = await verify(path);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^FAIL ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line} \\(seq \\d+\\): `));
      expect(r.stdout).toContain(`${line - 1} events verified before this line.`);
    });
  }

  it('reports a wrong secret at line 1, and notes a missing secret variable', async () => {
    const path = await writeAudit(dir, traffic);
    process.env[ENV] = 'not-the-right-secret-at-all';
    const wrong = await verify(path);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/:1 \(seq 1\): hash does not match the content: the line was edited, or the secret is wrong/);
    delete process.env[ENV];
    const missing = await verify(path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${ENV} is not set`);
  });

  it('prints JSON with --json', async () => {
    const path = await writeAudit(dir, traffic);
    const r = await verify('--json', path);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 23, byType: { decision: 13, outcome: 10 } });
  });

  it('reports a bridged gap (a stream copy that skipped events) as a counted loss; an unbridged one still fails', async () => {
    const path = await writeAudit(dir, traffic);
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    const events = lines.map((l) => JSON.parse(l) as { seq: number; hash: string; time: number });
    // What the Redis stream sink writes in place of events 4 to 7 it could not take.
    const record = { level: 50, time: events[6]!.time, msg: 'audit redis skipped 4 event(s): the sink was failing', type: 'skipped', sink: 'redis', count: 4, fromSeq: 4, seq: 7, prev: events[2]!.hash, last: events[6]!.hash };
    const bridge = JSON.stringify({ ...record, hash: eventHash(SECRET, record) });
    const copy = join(dir, 'stream.jsonl');
    await writeFile(copy, `${[...lines.slice(0, 3), bridge, ...lines.slice(7)].join('\n')}\n`);
    const r = await verify(copy);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK  20 events in 1 file \(seq 1\.\.23\): .*1 skipped\n    counted loss: 4 events not in this copy, skipped while its sink was failing \(seq 4\.\.7 by redis\)\n$/);
    expect(JSON.parse((await verify('--json', copy)).stdout)).toMatchObject({ ok: true, skipped: 4, gaps: [{ line: 4, fromSeq: 4, toSeq: 7, count: 4, sink: 'redis' }] });
    await writeFile(copy, `${[...lines.slice(0, 3), ...lines.slice(7)].join('\n')}\n`);
    const cut = await verify(copy);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(':4 (seq 8): seq 8 where 4 was expected: 4 event(s) missing');
  });

  it('exits 2 with usage for bad arguments', async () => {
    expect((await run(['audit'])).code).toBe(2);
    expect((await run(['audit', 'check', 'x'])).code).toBe(2);
    expect((await run(['audit', 'verify'])).code).toBe(2);
    const unknown = await run(['audit', 'verify', '--secret', 'x', 'file']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: distill-guard audit verify');
  });

  it('exits 1 when a file cannot be read', async () => {
    const file = join(dir, 'missing.jsonl');
    const r = await verify(file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`distill-guard audit verify: cannot read audit file ${file}: no such file or directory.`);
    expect(r.stderr).not.toMatch(/ENOENT/);
  });
});
