import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWatermarker, markText } from '../../src/watermark/index.js';
import { ANSWERS, randomPieces, rng, soupText, testKey, wordDeltas } from './helpers.js';

/**
 * The scanner has a fast path for stream deltas with nothing to mark (`quietHold`) beside its
 * full walk. Whatever the path, it must write what it wrote before the fast path existed, for
 * any text cut anywhere: the fixture answers, and random texts made of what the scanner treats
 * specially (members in every spelling, spaces and tabs, quotes, code, line starts).
 */

const TEXTS: [string, string][] = [
  ...ANSWERS.map((t, i): [string, string] => [`answer ${i}`, t]),
  ...Array.from({ length: 200 }, (_, i): [string, string] => [`soup ${i}`, soupText(i)]),
];

/**
 * What the scanner wrote for each text before the fast path, by hash: `whole` is `markText`'s
 * text, positions and changes under three keys (the third with attribution); `chunked` covers
 * every chunk written by `push` and `end` for each of the text's `chunkings`.
 * Regenerate only for a change meant to alter the mark.
 */
const GOLDEN: Record<string, { whole: string; chunked: string }> = JSON.parse(readFileSync(new URL('./fixtures/marked.golden.json', import.meta.url), 'utf8'));

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Cuts of every kind: one character, Claude's word deltas (one and four words), and random pieces of 1 to 16 characters. */
function chunkings(text: string, seed: number): string[][] {
  const words = wordDeltas(text);
  const fours: string[] = [];
  for (let i = 0; i < words.length; i += 4) fours.push(words.slice(i, i + 4).join(''));
  const out = [[...text], words, fours];
  const next = rng(seed);
  for (let i = 0; i < 12; i++) out.push(randomPieces(text, seed * 100 + i, 1 + Math.floor(next() * 16)));
  return out;
}

describe('marking under any chunking', () => {
  it('marks every text whole as the scanner did before its fast path', () => {
    for (const [name, text] of TEXTS) {
      const got = [1, 2].map((k) => markText(text, testKey(k)));
      got.push(markText(text, testKey(3), { identity: 'user:u_1' }));
      expect(got.map((m) => `${hash(m.text)}:${m.positions}:${m.changed}`).join(' '), name).toBe(GOLDEN[name]!.whole);
    }
  });

  it('writes every chunk as the scanner did before its fast path, however the text is cut', () => {
    for (const [seed, [name, text]] of TEXTS.entries()) {
      const h = createHash('sha256');
      for (const chunks of chunkings(text, seed)) {
        const m = createWatermarker(testKey(1));
        for (const c of chunks) h.update(m.push(c).text).update('\u0000');
        h.update(m.end().text).update('\u0001');
      }
      expect(h.digest('hex').slice(0, 16), name).toBe(GOLDEN[name]!.chunked);
    }
  });

  it('writes the same text, positions and changes whole and in any chunks (the fixture answers)', () => {
    for (const [seed, text] of ANSWERS.entries()) {
      const whole = markText(text, testKey(1));
      const attributed = markText(text, testKey(3), { identity: 'user:u_1' });
      for (const chunks of chunkings(text, seed)) {
        const m = createWatermarker(testKey(1));
        const out = chunks.map((c) => m.push(c).text).join('') + m.end().text;
        expect({ text: out, positions: m.positions, changed: m.changed }).toEqual({ text: whole.text, positions: whole.positions, changed: whole.changed });
        const a = createWatermarker(testKey(3), { identity: 'user:u_1' });
        expect(chunks.map((c) => a.push(c).text).join('') + a.end().text).toBe(attributed.text);
      }
    }
  });
});
