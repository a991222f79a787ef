import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, runChildForJson } from '../child-process.js';

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
    child = await bundleChild(new URL('./children/prompt-cache-child.ts', import.meta.url), dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps no prompt text: 2,000 cached fingerprints of 16 KB prompts hold a small fraction of their texts', async () => {
    const r = await runChildForJson<{ prompts: number; textBytes: number; grownBytes: number; stillCached: boolean }>(child, ['2000', '16384'], ['--expose-gc']);
    expect(r.prompts).toBe(2000);
    expect(r.stillCached).toBe(true);
    // About 32 MB if each entry held its prompt (one byte a character); the fingerprints themselves
    // take a few hundred bytes each.
    expect(r.grownBytes).toBeLessThan(r.textBytes / 4);
  }, 120_000);
});
