import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The prompt cache keeps up to 32,768 fingerprints, and a client chooses its prompts: an entry
 * that referred to its prompt's text would make the cache's bound one of prompts, not bytes. A
 * child process with `--expose-gc` fingerprints 2,000 distinct prompts of 16,384 characters (32 MB
 * of text) and measures what the heap kept of them after full collections.
 */
describe('the prompt cache, in a process of its own', () => {
  let dir: string;
  let child: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dg-prompt-cache-'));
    await build({
      entry: { 'prompt-cache-child': fileURLToPath(new URL('./children/prompt-cache-child.ts', import.meta.url)) },
      outDir: dir,
      format: ['esm'],
      platform: 'node',
      target: 'node20',
      config: false,
      dts: false,
      silent: true,
      outExtension: () => ({ js: '.mjs' }),
    });
    child = join(dir, 'prompt-cache-child.mjs');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps no prompt text: 2,000 cached fingerprints of 16 KB prompts hold a small fraction of their texts', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--expose-gc', child, '2000', '16384'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (c) => (stdout += c));
      proc.stderr.on('data', (c) => (stderr += c));
      proc.on('error', reject);
      proc.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { prompts: number; textBytes: number; grownBytes: number; stillCached: boolean };
    expect(r.prompts).toBe(2000);
    expect(r.stillCached).toBe(true);
    // About 32 MB if each entry held its prompt (one byte a character); the fingerprints themselves
    // take a few hundred bytes each.
    expect(r.grownBytes).toBeLessThan(r.textBytes / 4);
  }, 120_000);
});
