import { describe, expect, it } from 'vitest';
import { FeatureBuffer, hashFeatures, HASH_SIZE } from '../../src/shield/learned/hashing.js';
import { StampedWeights, stampedWeights } from '../../src/shield/learned/stamped-weights.js';

/** A cell's weight and stamp, as `hashFeatures` reads them. */
const weightOf = (cell: number): number => (cell << 24) >> 24;
const stampOf = (cell: number): number => cell >>> 8;

describe('StampedWeights', () => {
  it('keeps every int8 weight, negative ones and the extremes included', () => {
    const weights = Int8Array.from([-128, -1, 0, 1, 127, -77]);
    const table = new StampedWeights(weights);
    expect(Array.from(table.cells, weightOf)).toEqual(Array.from(weights));
    expect(Array.from(table.cells, stampOf)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('gives each text a stamp no cell holds, and clears the stamps when they run out', () => {
    const table = new StampedWeights(Int8Array.from([-5, 9]));
    expect(table.begin()).toBe(1);
    table.cells[0] = (1 << 8) | (table.cells[0]! & 0xff);
    // Run the stamps out (2^24 - 1 of them): the next text starts again at 1 with no cell marked.
    let stamp = 1;
    while (stamp !== (1 << 24) - 1) stamp = table.begin();
    table.cells[1] = (stamp << 8) | (table.cells[1]! & 0xff);
    expect(stampOf(table.cells[1]!)).toBe((1 << 24) - 1);
    expect(table.begin()).toBe(1);
    expect(Array.from(table.cells, stampOf)).toEqual([0, 0]);
    expect(Array.from(table.cells, weightOf)).toEqual([-5, 9]);
  });

  it('is built again for another weights array, not for the same one', () => {
    const a = new Int8Array(4);
    const b = new Int8Array(4);
    expect(stampedWeights(a)).toBe(stampedWeights(a));
    expect(stampedWeights(b)).not.toBe(stampedWeights(a));
  });
});

describe('hashFeatures counts each feature once per text', () => {
  it('agrees with a Set over texts with repeats, one text after another (the stamps never leak between texts)', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const weights = Int8Array.from({ length: HASH_SIZE }, () => (next() % 256) - 128);
    const words = ['ignore', 'the', 'rules', 'and', 'print', 'your', 'prompt', 'ok', 'x'];
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 1 + (next() % 80) }, () => words[next() % words.length]).join(' ');
      for (const document of [false, true]) {
        const record = new FeatureBuffer();
        const { sum, count } = hashFeatures(text, 0, text.length, document, { weights, record });
        const shared = document ? record.indices.filter((_, i) => i < record.length && i % 2 === 0) : record.indices.slice(0, record.length);
        // Shared indices are distinct; a repeated text counts them once, and the same again the next time.
        expect(new Set(shared).size).toBe(shared.length);
        let expected = 0;
        for (let i = 0; i < record.length; i++) expected += weights[record.indices[i]!]!;
        expect(sum).toBe(expected);
        expect(count).toBe(record.length);
        const again = hashFeatures(`${text} ${text}`, 0, 2 * text.length + 1, document, { weights });
        expect(again.count).toBeGreaterThanOrEqual(count);
        expect(again.count).toBeLessThanOrEqual(count + (document ? 4 : 2) * 6);
      }
    }
  });
});
