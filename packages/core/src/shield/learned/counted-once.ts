/**
 * The feature indices already counted in the current text, for `hashFeatures` to count each
 * once: a small open-addressing set sized to the text, not a mark per index of the whole weight
 * table.
 *
 * Why: the text's features are looked up at random in the model's weights; a mark array as big
 * as the weights (one byte per index, 256 KiB at 2^18) doubled the memory touched at random per
 * feature, and inside a server, where other requests' work evicts both between two scans, each
 * touch is a cache miss. This set takes 16 bytes per feature of the text, in one block that
 * the text's own lookups keep warm.
 *
 * @example
 * ```ts
 * const once = new CountedOnce();
 * once.begin(100); // a text with at most 100 features
 * once.firstTime(42); // true
 * once.firstTime(42); // false
 * ```
 */
export class CountedOnce {
  /** `index + 1` per used slot, 0 for a free one; the current text uses `[0, mask]`. */
  private slots = new Int32Array(4096);
  private mask = 4095;

  /**
   * Starts a new text that asks {@link firstTime} at most `most` times. Four slots per feature
   * (two past 16,384 features, a text of some 5,000 characters, to bound the memory): with the
   * set a quarter full at most, a lookup mostly reads one slot.
   */
  begin(most: number): void {
    const wanted = most <= 16_384 ? 4 * most : 2 * most;
    let capacity = 256;
    while (capacity < wanted) capacity *= 2;
    if (capacity > this.slots.length) this.slots = new Int32Array(capacity);
    else this.slots.fill(0, 0, capacity);
    this.mask = capacity - 1;
  }

  /** True the first time `index` (non-negative) is asked in the current text, false after. */
  firstTime(index: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    const key = index + 1;
    let s = index & mask;
    let v = slots[s]!;
    while (v !== 0 && v !== key) {
      s = (s + 1) & mask;
      v = slots[s]!;
    }
    if (v === key) return false;
    slots[s] = key;
    return true;
  }
}
