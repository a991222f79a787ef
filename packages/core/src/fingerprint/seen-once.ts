/**
 * Which number keys were seen before, approximately: a table of `size` slots (a power of two),
 * each remembering the last key that fell in it. `seen(key)` says whether `key` was the last one
 * in its slot, and puts it there. A key pushed out by another that shares its slot is forgotten
 * (a false "not seen"); a false "seen" needs two keys with the same 53 bits. 4 bytes a slot.
 *
 * What it is for: a cache admits an entry on its second sighting only, so traffic whose every
 * text is new (each chat turn is) does not fill it with entries nobody asks for again.
 *
 * @example
 * ```ts
 * const door = new SeenOnce(1 << 16);
 * door.seen(42); // false
 * door.seen(42); // true
 * ```
 */
export class SeenOnce {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(size: number) {
    if (!(size > 0 && (size & (size - 1)) === 0)) throw new RangeError('size must be a power of two');
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Whether `key` (an integer up to 2^53) was the last key of its slot; records it either way. */
  seen(key: number): boolean {
    const low = key % 0x100000000 | 0;
    const high = (key / 0x100000000) | 0;
    const slot = (low ^ Math.imul(high, 0x9e3779b1)) & this.mask;
    // The slot keeps a check of the key's other bits; 0 is an empty slot, so a check is never 0.
    const check = (Math.imul(low, 0x85ebca6b) ^ high) | 1;
    if (this.slots[slot] === check) return true;
    this.slots[slot] = check;
    return false;
  }
}
