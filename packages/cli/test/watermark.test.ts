import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { markText, watermarkKey } from '@distill-guard/core/watermark';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { ANSWERS } from '../../core/test/watermark/helpers.js';

const ENV = 'DG_TEST_WATERMARK_SECRET';
const SECRET = 'cli-watermark-secret-0123456789abcdef';
const key = watermarkKey(SECRET);

let dir: string;
beforeAll(() => {
  process.env[ENV] = SECRET;
});
afterAll(() => {
  delete process.env[ENV];
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-watermark-'));
  return () => rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(argv, { stdout, stderr, isTTY: false });
  return { code, stdout: out, stderr: err };
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const jsonl = (texts: string[]) => texts.map((text) => JSON.stringify({ text })).join('\n') + '\n';

describe('distill-guard watermark verify', () => {
  it('finds the mark in marked texts (JSONL, plain text, gzip) and says how strongly, exit 0', async () => {
    const marked = ANSWERS.map((a) => markText(a, key).text);
    const paths = [
      await file('marked.jsonl', jsonl(marked)),
      await file('marked.txt', marked.join('\n\n')),
      await file('marked.jsonl.gz', gzipSync(jsonl(marked))),
    ];
    for (const path of paths) {
      const r = await run(['watermark', 'verify', path, '--secret-env', ENV]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^FOUND +key ${key.id}: p = `));
      // Joined into one plain text, each answer's first word has another context: a few positions differ.
      expect(r.stdout).toMatch(/\d+ of \d+ scored positions agree with the key/);
    }
    const r = await run(['watermark', 'verify', paths[0]!, '--secret-env', ENV, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, number | boolean | string>;
    expect(result).toMatchObject({ found: true, keyId: key.id, texts: ANSWERS.length, alpha: 1e-6, attribution: false });
    expect(result.positions).toBeGreaterThan(60);
    expect(result.matches).toBe(result.positions);
    expect(result.pValue).toBeLessThan(1e-15);
    expect(result.z).toBeGreaterThan(7);
    // The secret is never printed.
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('does not find it in unmarked text or with another key, exit 1', async () => {
    const plain = await file('plain.jsonl', jsonl(ANSWERS));
    const r = await run(['watermark', 'verify', plain, '--secret-env', ENV, '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { found: boolean; pValue: number; positions: number };
    expect(result.found).toBe(false);
    expect(result.positions).toBeGreaterThan(60);
    expect(result.pValue).toBeGreaterThan(1e-6);

    const other = await file('other.jsonl', jsonl(ANSWERS.map((a) => markText(a, watermarkKey('another-secret-0123456789abcdef')).text)));
    const text = await run(['watermark', 'verify', other, '--secret-env', ENV]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^NOT FOUND/);
  });

  it('leaves out pairs always written one way (a normaliser expanded them), unless --all-pairs', async () => {
    const expand = (t: string) => t.replace(/\b(it|that|there|what)['\u2019]s\b/gi, '$1 is');
    const openings = ['', 'Well, ', 'So ', 'Honestly, ', 'In short, '];
    const attacked = await file('attacked.jsonl', jsonl(ANSWERS.flatMap((a) => openings.map((o) => expand(markText(o + a, key).text)))));
    const r = await run(['watermark', 'verify', attacked, '--secret-env', ENV]);
    expect(r.stdout).toMatch(/left out, always written one way: .*p-it-is \(\d+\)/);
    const json = JSON.parse((await run(['watermark', 'verify', attacked, '--secret-env', ENV, '--json'])).stdout) as { skippedPairs: Array<{ pair: string }>; positions: number };
    expect(json.skippedPairs.map((p) => p.pair)).toContain('p-it-is');
    const all = JSON.parse((await run(['watermark', 'verify', attacked, '--secret-env', ENV, '--json', '--all-pairs'])).stdout) as { skippedPairs: unknown[]; positions: number };
    expect(all.skippedPairs).toEqual([]);
    expect(all.positions).toBeGreaterThan(json.positions);
  });

  it('says when there is too little text to reach alpha', async () => {
    const short = await file('short.txt', markText("I don't know. It's late.", key).text);
    const r = await run(['watermark', 'verify', short, '--secret-env', ENV]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('too little text to reach alpha');
  });

  it('ranks identities with --identities (ids one per line, or the audit log), the one served first', async () => {
    const served = ANSWERS.map((a) => markText(a, key, { identity: 'user:alice' }).text);
    const texts = await file('alice.jsonl', jsonl(served));
    const others = Array.from({ length: 30 }, (_, i) => `user:u${i}`);
    const ids = await file('ids.txt', [...others.slice(0, 15), 'user:alice', ...others.slice(15)].join('\n'));
    const audit = await file('audit.jsonl', [...others, 'user:alice'].map((identity, seq) => JSON.stringify({ seq, type: 'decision', identity })).join('\n'));
    for (const list of [ids, audit]) {
      const r = await run(['watermark', 'verify', texts, '--secret-env', ENV, '--identities', list, '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as { attribution: boolean; identities: Array<{ identity: string; adjustedPValue: number }> };
      expect(result.attribution).toBe(true);
      expect(result.identities).toHaveLength(31);
      expect(result.identities[0]!.identity).toBe('user:alice');
      expect(result.identities[0]!.adjustedPValue).toBeLessThan(1e-3);
    }
    const r = await run(['watermark', 'verify', texts, '--secret-env', ENV, '--identities', ids, '--top', '3']);
    expect(r.stdout).toMatch(/Identities \(of 31\), strongest first/);
    expect(r.stdout.trimEnd().split('\n').at(-3)).toMatch(/^ {2}user:alice /);
  });

  it('is a usage error (exit 2) without a secret, a file, or with a bad option', async () => {
    const texts = await file('t.jsonl', jsonl(ANSWERS));
    const cases: Array<[string[], RegExp]> = [
      [['watermark', 'verify', texts, '--secret-env', 'DG_TEST_UNSET_VARIABLE'], /DG_TEST_UNSET_VARIABLE is not set/],
      [['watermark', 'verify', '--secret-env', ENV], /give at least one file/],
      [['watermark', 'verify', join(dir, 'missing.jsonl'), '--secret-env', ENV], /no such file or directory/],
      [['watermark', 'verify', texts, '--secret-env', ENV, '--alpha', '2'], /--alpha must be a number between 0 and 1/],
      [['watermark', 'verify', texts, '--secret-env', ENV, '--format', 'csv'], /--format must be auto, text or jsonl/],
      [['watermark', 'verify', texts, '--secret', SECRET], /Unknown option '--secret'/],
      [['watermark', 'check', texts], /unknown subcommand 'check'/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Usage: distill-guard watermark verify');
    }
  });

  it('notes JSON lines without a "text" and reads the rest', async () => {
    const marked = ANSWERS.map((a) => markText(a, key).text);
    const path = await file('mixed.jsonl', `${jsonl(marked)}{"prompt":"no text"}\nnot json\n`);
    const r = await run(['watermark', 'verify', path, '--secret-env', ENV]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 lines without a "text" string skipped \(first: .*mixed\.jsonl:31: no "text" string\)/);
  });
});
