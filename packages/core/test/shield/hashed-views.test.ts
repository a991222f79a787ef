import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/shield/learned/fold.js';
import { COUNTED, hashFeatures, HASH_SIZE, ngramHashes, ngramHashesAt } from '../../src/shield/learned/hashing.js';
import { syncPoint, WholeTextHashes } from '../../src/shield/learned/hashed-views.js';
import { userTextPieces } from '../../src/shield/learned/user-windows.js';

let seed = 11;
const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const weights = Int8Array.from({ length: HASH_SIZE }, () => (next() % 256) - 128);
const target = { weights };
// Word characters, blanks of every kind the walk collapses, digits (hashed as `0`), punctuation, and
// characters the fold turns into others: the walk's state is tested at every kind of boundary.
const PARTS = ['ignore', 'the', 'rules', 'a', 'b', 'ok', ' ', ' ', '  ', '\n', '\t', '\r\n', '.', ',', '-', '12', '3', 'été', 'über', '«', '»', 'ПРИВЕТ', 'ΑΒΓ', '__', '|', '1gn0re', 'all', 'see', '!!!!!', 'go go go go go', '中文', '…',
  // Words longer than the walks a piece's end is read from: the walk must start further back.
  'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'.repeat(5)];
const randomText = (n: number): string => {
  let s = '';
  while (s.length < n) s += PARTS[next() % PARTS.length];
  return s.slice(0, n);
};

describe('ngramHashesAt', () => {
  it('is the walk of ngramHashes, and says where each character\'s hashes start', () => {
    for (let t = 0; t < 300; t++) {
      const text = randomText(1 + (next() % 600));
      const start = next() % text.length;
      const end = start + (next() % (text.length - start + 1));
      const a = new Int32Array(5 * (end - start + 1));
      const b = new Int32Array(a.length);
      const positions = new Int32Array(end - start + 1);
      const n = ngramHashes(text, start, end, a);
      expect(ngramHashesAt(text, start, end, b, positions)).toBe(n);
      expect(b).toEqual(a);
      // Walked again from each character on, the hashes before it are the same: positions are where they end.
      const mid = start + (next() % (end - start + 1));
      const c = new Int32Array(a.length);
      ngramHashesAt(text, start, mid, c, positions);
      expect(c.subarray(0, positions[mid - start]!)).toEqual(a.subarray(0, positions[mid - start]!));
    }
  });
});

describe('WholeTextHashes: pieces hashed as views of the whole', () => {
  it('gives every piece the sum and count of hashing it from scratch (random texts, random pieces)', () => {
    const views = new WholeTextHashes();
    for (let t = 0; t < 300; t++) {
      const text = randomText(200 + (next() % 3_000));
      const folded = foldText(text).text;
      expect(views.whole(folded, target)).toEqual(hashFeatures(folded, 0, folded.length, false, target));
      for (let p = 0; p < 12; p++) {
        const start = next() % text.length;
        const piece = foldText(text.slice(start, start + 1 + (next() % 500))).text;
        expect(views.piece(piece, target)).toEqual(hashFeatures(piece, 0, piece.length, false, target));
        expect(COUNTED.isClear()).toBe(true);
      }
    }
    // Most pieces were views (the test would pass with every piece hashed from scratch).
    expect(views.views).toBeGreaterThan(views.fromScratch);
  });

  it('gives a long text\'s ends and windows the sums of hashing them from scratch', () => {
    const views = new WholeTextHashes();
    for (let t = 0; t < 20; t++) {
      const text = randomText(4_001 + (next() % 12_000));
      const folded = foldText(text).text;
      views.whole(folded, target);
      const { ends, windows } = userTextPieces(text);
      for (const piece of [...ends, ...windows]) {
        const f = foldText(piece).text;
        expect(views.piece(f, target)).toEqual(hashFeatures(f, 0, f.length, false, target));
      }
    }
  });

  it('finds no meeting point where a walk started inside a text cannot know its state', () => {
    expect(syncPoint('abcdefgh', 0, 8)).toBe(-1); // one word: never a whole word
    expect(syncPoint('ab cd', 0, 5)).toBe(-1); // the second word has not ended yet
    expect(syncPoint('ab cd ef', 0, 8)).toBe(6); // after `cd ` (a whole word) and more than four characters
  });
});
