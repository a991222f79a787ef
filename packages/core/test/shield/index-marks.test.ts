import { describe, expect, it } from 'vitest';
import { COUNTED, FeatureBuffer, hashFeatures, HASH_SIZE } from '../../src/shield/learned/hashing.js';
import { IndexMarks } from '../../src/shield/learned/index-marks.js';

describe('IndexMarks', () => {
  it('clears exactly the words of the indices it is given, when they are few', () => {
    // 512 words: up to 8 indices are cleared one by one (more, and every word is zeroed at once).
    const marks = new IndexMarks(1 << 14);
    const indices = Int32Array.from([0, 31, 32, 1023, 5 | (1 << 10)]);
    for (const i of indices) marks.words[(i & 1023) >>> 5]! |= 1 << (i & 31);
    marks.words[7] = 1;
    marks.clear(indices, indices.length, 1023);
    expect(marks.words[7]).toBe(1);
    marks.words[7] = 0;
    expect(marks.isClear()).toBe(true);
  });

  it('zeroes every word at once when it is given more indices than a sixty-fourth of its words', () => {
    const marks = new IndexMarks(1 << 14);
    // 9 indices for 512 words: past 512 / 64 = 8, so one fill, not a scattered write per index.
    const indices = Int32Array.from({ length: 9 }, (_, i) => i * 32);
    for (const i of indices) marks.words[i >>> 5]! |= 1 << (i & 31);
    marks.words[400] = 1;
    marks.clear(indices, indices.length, (1 << 14) - 1);
    expect(marks.isClear()).toBe(true);
    // Up to the limit, only the indices' own words.
    marks.words[400] = 1;
    marks.clear(indices, 8, (1 << 14) - 1);
    expect(marks.words[400]).toBe(1);
  });
});

describe('hashFeatures counts each feature once per text', () => {
  it('agrees with a Set over texts with repeats, one text after another (the marks never leak between texts)', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const weights = Int8Array.from({ length: HASH_SIZE }, () => (next() % 256) - 128);
    const words = ['ignore', 'the', 'rules', 'and', 'print', 'your', 'prompt', 'ok', 'x'];
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 1 + (next() % 80) }, () => words[next() % words.length]).join(' ');
      for (const document of [false, true]) {
        const record = new FeatureBuffer();
        const { sum, count } = hashFeatures(text, 0, text.length, document, { weights, record });
        expect(COUNTED.isClear()).toBe(true);
        const shared = document ? record.indices.filter((_, i) => i < record.length && i % 2 === 0) : record.indices.slice(0, record.length);
        // Shared indices are distinct; a repeated text counts them once, and the same again the next time.
        expect(new Set(shared).size).toBe(shared.length);
        let expected = 0;
        for (let i = 0; i < record.length; i++) expected += weights[record.indices[i]!]!;
        expect(sum).toBe(expected);
        expect(count).toBe(record.length);
        // The scorer's branch-free paths (no record; user and document channel) give the same sum and count.
        expect(hashFeatures(text, 0, text.length, document, { weights })).toEqual({ sum, count });
        expect(COUNTED.isClear()).toBe(true);
        const again = hashFeatures(`${text} ${text}`, 0, 2 * text.length + 1, document, { weights });
        expect(again.count).toBeGreaterThanOrEqual(count);
        expect(again.count).toBeLessThanOrEqual(count + (document ? 4 : 2) * 6);
      }
    }
  });
});

describe("hashFeatures' branch-free paths", () => {
  it('sum and count what the recording path sums and counts, on random texts and spans, in both channels', () => {
    let seed = 11;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const weights = Int8Array.from({ length: HASH_SIZE }, () => (next() % 256) - 128);
    // Letters, digits, spaces, punctuation and a few characters beyond ASCII, with runs that repeat n-grams.
    const alphabet = 'aaabbcdeio   \n\t.,;:-_0129éßжω中あ🙂';
    for (let k = 0; k < 400; k++) {
      const chars = Array.from({ length: next() % 300 }, () => alphabet[next() % alphabet.length]!);
      const text = chars.join('') + (k % 3 === 0 ? chars.join('') : '');
      const start = text.length === 0 ? 0 : next() % text.length;
      const end = start + (text.length === start ? 0 : next() % (text.length - start + 1));
      for (const document of [false, true]) {
        const record = new FeatureBuffer();
        const recorded = hashFeatures(text, start, end, document, { weights, record });
        expect(hashFeatures(text, start, end, document, { weights })).toEqual(recorded);
        expect(COUNTED.isClear()).toBe(true);
      }
    }
  });
});
