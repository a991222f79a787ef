import { RecencyList } from '../cache/index.js';

/**
 * The detector's rows (one typed array per account or group) by key, in least-recently-used order:
 * `touch` moves a row to the young end with four stores in a linked list ({@link RecencyList}),
 * where keeping the order as a `Map`'s insertion order took a delete and an insert of the key on
 * every request for the account and each of its groups (hashing the key again, and holes the map
 * rehashed away with a new backing store). The order is the same as that map's was.
 *
 * @example
 * ```ts
 * const rows = new LruRows<string>();
 * rows.add('acct', new Float64Array(4));
 * rows.touch('acct'); // its row, now the youngest
 * ```
 */
export class LruRows<K> {
  private readonly slots = new Map<K, number>();
  private readonly rows: Float64Array[] = [];
  private readonly keys: K[] = [];
  private readonly order = new RecencyList();
  private readonly free: number[] = [];

  /** Rows kept. */
  get size(): number {
    return this.slots.size;
  }

  /** `key`'s row, its place in the order unchanged. */
  get(key: K): Float64Array | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : this.rows[slot];
  }

  /** `key`'s row, moved to the young end. */
  touch(key: K): Float64Array | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.order.moveToYoung(slot);
    return this.rows[slot];
  }

  /** Keeps `row` for `key` (not kept yet) at the young end. */
  add(key: K, row: Float64Array): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.rows.length;
      this.rows.push(row);
      this.keys.push(key);
      if (slot >= this.order.capacity) this.order.grow(Math.max(64, slot * 2));
    } else {
      this.rows[slot] = row;
      this.keys[slot] = key;
    }
    this.slots.set(key, slot);
    this.order.append(slot);
  }

  /** Forgets `key`. */
  delete(key: K): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) this.dropSlot(slot);
  }

  /** The oldest slot, -1 when empty; walk on with {@link after}. */
  get oldest(): number {
    return this.order.oldest;
  }

  /** The slot after `slot` in the order (younger), -1 after the youngest. */
  after(slot: number): number {
    return this.order.after(slot);
  }

  keyAt(slot: number): K {
    return this.keys[slot]!;
  }

  rowAt(slot: number): Float64Array {
    return this.rows[slot]!;
  }

  /** Moves the row at `slot` to the young end. */
  moveToYoung(slot: number): void {
    this.order.moveToYoung(slot);
  }

  /** Forgets the row at `slot` and returns it (for reuse). */
  dropSlot(slot: number): Float64Array {
    const row = this.rows[slot]!;
    this.slots.delete(this.keys[slot]!);
    this.order.remove(slot);
    this.free.push(slot);
    return row;
  }
}
