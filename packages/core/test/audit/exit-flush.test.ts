import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEvents, verifyAuditFiles } from '../../src/audit/index.js';
import { bundleChild } from '../child-process.js';
import { SECRET, tempDir } from './helpers.js';

const COUNT = 20_000;
let dir: string;
let cleanup: () => Promise<void>;
let child: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // The child runs the TypeScript sources, bundled the way the package build does it.
  child = await bundleChild(new URL('./fixtures/exit-child.ts', import.meta.url), dir);
});
afterAll(() => cleanup());

function run(signal: NodeJS.Signals, path: string): Promise<{ stats: Record<string, number>; exit: { code: number | null; signal: NodeJS.Signals | null }; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, path, String(COUNT), SECRET], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let stats: Record<string, number> | undefined;
    proc.stderr.on('data', (c) => (stderr += c));
    proc.stdout.on('data', (c) => {
      out += c;
      if (!stats && out.includes('\n')) {
        stats = JSON.parse(out.slice(0, out.indexOf('\n')));
        proc.kill(signal);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, sig) => resolve({ stats: stats!, exit: { code, signal: sig }, stderr }));
  });
}

describe('flush on shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} with ${COUNT} queued events loses none, the chain verifies, and the process still ends by the signal`, async () => {
      const path = join(dir, signal, 'audit.jsonl');
      const { stats, exit, stderr } = await run(signal, path);
      expect(stderr).toBe('');
      // Everything was still queued when the signal arrived.
      expect(stats).toMatchObject({ queued: COUNT, written: 0, dropped: 0 });
      expect(exit.signal).toBe(signal);
      const files = (await readdir(join(dir, signal))).map((n) => join(dir, signal, n));
      expect(files.length).toBeGreaterThan(1); // rotated on the way out, still one chain
      const result = await verifyAuditFiles(files, SECRET);
      expect(result).toMatchObject({ ok: true, events: COUNT, firstSeq: 1, lastSeq: COUNT });
      const ids = new Set<string>();
      for await (const e of readAuditEvents(files)) ids.add(String(e.identity));
      expect(ids.size).toBe(COUNT);
    });
  }
});
