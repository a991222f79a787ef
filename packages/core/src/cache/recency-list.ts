/** The end of the list, and a slot not in it. */
const NONE = -1;

/**
 * The order in which slots (small integers, as many as a table has rows) were last used, oldest
 * first, as a doubly linked list in two `Int32Array`s: moving a slot to the young end is four
 * stores, where keeping the order in a `Map`'s insertion order took a delete and an insert of the
 * key (hashing it again, and leaving a hole the map rehashes away later, a new backing store each
 * time).
 *
 * @example
 * ```ts
 * const order = new RecencyList();
 * order.grow(64);
 * order.append(3); order.append(5); order.moveToYoung(3);
 * order.oldest; // 5
 * ```
 */
export class RecencyList {
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  private head = NONE;
  private tail = NONE;

  /** Slots below this fit (see {@link grow}). */
  get capacity(): number {
    return this.prev.length;
  }

  /** The oldest slot, or -1 when the list is empty. */
  get oldest(): number {
    return this.head;
  }

  /** The slot after `slot` (one used more recently), or -1 after the youngest. */
  after(slot: number): number {
    return this.next[slot]!;
  }

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    if (capacity <= this.prev.length) return;
    const prev = new Int32Array(capacity);
    const next = new Int32Array(capacity);
    prev.set(this.prev);
    next.set(this.next);
    this.prev = prev;
    this.next = next;
  }

  /** Puts `slot` (not in the list) at the young end. */
  append(slot: number): void {
    this.prev[slot] = this.tail;
    this.next[slot] = NONE;
    if (this.tail === NONE) this.head = slot;
    else this.next[this.tail] = slot;
    this.tail = slot;
  }

  /** Takes `slot` (in the list) out. */
  remove(slot: number): void {
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    if (p === NONE) this.head = n;
    else this.next[p] = n;
    if (n === NONE) this.tail = p;
    else this.prev[n] = p;
  }

  /** Moves `slot` (in the list) to the young end. */
  moveToYoung(slot: number): void {
    if (slot === this.tail) return;
    this.remove(slot);
    this.append(slot);
  }
}
