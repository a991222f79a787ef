/**
 * Past `words.length / CLEAR_ALL_DIVISOR` indices (128 for the scorer's 8,192 words, a text of
 * about 25 characters), {@link IndexMarks.clear} zeroes every word in one sequential fill instead
 * of one scattered write per index, each reading its index back first: the fill of 32 KiB cost
 * less from there on, warm and with 4 MB read before each text (docs/shield.md, "Cost per KB of
 * new text", eighth round).
 */
const CLEAR_ALL_DIVISOR = 64;

/**
 * A bit per index of the hashed weight table: which indices the text being hashed has counted.
 * `hashFeatures` counts each feature once per text; it sets a feature's bit as it counts it, and
 * afterwards clears the words it touched, walking the same indices again (or, past a few dozen
 * characters of text, zeroes all of them at once), so the marks are all zero between texts.
 *
 * Why bits: with the weights (int8, 256 KiB) and a mark per index in one 32-bit cell (the
 * "stamped weights" this replaced), a feature cost one random read in 1 MiB; the marks take
 * 32 KiB (a core's L1 data cache on most x86 cores) and the weights a quarter of the cells'
 * bytes, so fewer of a text's reads miss where a server's other work has evicted them
 * (bench/shield-hashing-cold.mjs, docs/shield.md "Cost per KB of new text").
 *
 * @example
 * ```ts
 * const marks = new IndexMarks(1 << 18);
 * const w = marks.words;
 * const fresh = ((w[i >>> 5]! >>> (i & 31)) & 1) ^ 1;   // 1 the first time a text meets index i
 * w[i >>> 5]! |= 1 << (i & 31);
 * marks.clear(indices, n, (1 << 18) - 1);                  // after the text: every mark zero again
 * ```
 */
export class IndexMarks {
  /** Bit `i & 31` of word `i >>> 5`: index `i` is marked. */
  readonly words: Int32Array;

  constructor(size: number) {
    this.words = new Int32Array(Math.ceil(size / 32));
  }

  /**
   * Zeroes the word of each of `hashes[from, n)` masked by `mask`: every mark those indices set;
   * past {@link CLEAR_ALL_DIVISOR}'s share of the words, every word. Callers clear once a text is
   * counted, when every mark is to be zero, so the two leave the same marks.
   */
  clear(hashes: Int32Array, n: number, mask: number, from = 0): void {
    const words = this.words;
    if (n - from > words.length / CLEAR_ALL_DIVISOR) {
      words.fill(0);
      return;
    }
    for (let k = from; k < n; k++) words[(hashes[k]! & mask) >>> 5] = 0;
  }

  /** Whether no index is marked (for tests: a text's marks never leak into the next). */
  isClear(): boolean {
    return this.words.every((w) => w === 0);
  }
}
