/**
 * One key's counters, as the offset of its row in the table's block of numbers: its recency
 * stamp, then for each counter of the table its count and the clock ms its window ends
 * ({@link NO_WINDOW} when there is no counter), side by side. Every row of a table lives in one
 * `Float64Array`: no object per row, and a request's counters are one or two cache lines.
 */
export type CounterRow = number;

import { RecencyList } from '../cache/index.js';

/** The end of a window that never began: no counter. */
const NO_WINDOW = -Infinity;

/**
 * Bytes one row costs on Node 20 with the default limits (its key, its map entry and its 11
 * numbers); `memoryStore({ maxBytes })` is turned into a number of rows with it.
 */
export const COUNTER_ROW_BYTES = 200;

/** Oldest rows looked at per eviction before the table gives up and grows past its cap. */
const EVICTION_SCAN = 32;

/** What a counter is worth to the eviction: its quota, and whether a live count is something held (a concurrency slot). */
export interface SlotQuota {
  /** The limit in points: a row with a live count at or past it is refused, and is never evicted. */
  points: number;
  /** Counts are things held (concurrency slots): a row holding any is never evicted. */
  held?: boolean;
}

/** Options of a {@link CounterTable}. */
export interface CounterTableOptions {
  /** Most rows kept (identities and client addresses each count one). Default: no cap. */
  maxRows?: number;
  /** Called once, the first time the cap makes the table evict a row. */
  onFull?: (info: { maxRows: number }) => void;
}

/**
 * The fixed-window counters of one memory store, in one row per key: the limits of one scope (an
 * identity's requests, tokens, cost, output and concurrency) share a row, so a request finds all
 * of them with one lookup. Each counter is a column ("slot"), named by its policy and window, so
 * that guards sharing a store share its counters, as they would on Redis.
 *
 * Time is whatever the caller passes (the guard's clock), never `Date.now()`: a replay moving
 * the clock through days gets exactly the counts a live server would have had. Expiry is lazy, plus a sweep of the whole table
 * at most four times per shortest window and only once a quarter as many keys as the table holds
 * were added since the last sweep: memory stays within a third above the keys active in the
 * longest window, no timer is armed per key, and a sweep's cost is spread over the keys that made
 * it necessary.
 *
 * With `maxRows`, a new row past the cap first evicts one, in a way that can never be a cheap
 * way to reset a limited identity. Among the oldest rows (the table keeps an approximate
 * least-recently-used order, {@link RecencyList}) it evicts the first that is cheap: no window live, or every live
 * count below half its quota and nothing held. A row with any count at half its quota or more
 * (so every refused row), a row holding a concurrency slot, and the rows of the request being
 * answered are never evicted: when the oldest rows are all such, the table grows past the cap
 * by them alone, and each of them cost its owner half a quota or a request in flight (a row
 * leaves once its windows end). Whatever an eviction hands back is less than half of the fresh
 * quota of any one of the (at least `maxRows`) new keys it took to push that row out. A count
 * never goes below zero, so a refund settled on a row evicted meanwhile cannot mint quota.
 */
export class CounterTable {
  /** Each key's row offset in {@link data}. */
  private readonly rows = new Map<string, CounterRow>();
  /**
   * The rows in least-recently-used order (approximately, see {@link row}), by row index (offset
   * over width, which a relayout keeps), and each row's key by index.
   */
  private readonly order = new RecencyList();
  private readonly keys: string[] = [];
  /** Every row, `width` numbers each; rows freed by a sweep or an eviction are reused. */
  private data = new Float64Array(0);
  private width = 1;
  /** Rows the block has room for, and the first never used. */
  private capacity = 0;
  private used = 0;
  private readonly free: number[] = [];
  private readonly slotsByName = new Map<string, number>();
  private readonly windows: number[] = [];
  /** Per slot: the smallest quota any guard registered for it (Infinity when none did), and whether its counts are held. */
  private readonly quotas: number[] = [];
  private readonly held: boolean[] = [];
  private sweepEveryMs = Infinity;
  private nextSweep = 0;
  /** Rows created since the last sweep. */
  private created = 0;
  /** Counts row lookups; a row moves to the young end once it has aged past a quarter of the table. */
  private touches = 0;
  /** The last keys handed out: rows the caller may still be using (one request's identity, address and global rows). */
  private readonly recent: string[] = ['', '', ''];
  private recentAt = 0;
  private readonly maxRows: number;
  private readonly onFull: ((info: { maxRows: number }) => void) | undefined;
  private full = false;
  /** Rows evicted by the cap so far. */
  evicted = 0;

  constructor(options: CounterTableOptions = {}) {
    this.maxRows = options.maxRows ?? Infinity;
    this.onFull = options.onFull;
  }

  /**
   * The column of the counter `name` whose windows last `windowSeconds`, created on first use.
   * `quota` tells the eviction what a count is worth (see the class); without it a count never
   * protects its row.
   */
  slot(name: string, windowSeconds: number, quota?: SlotQuota): number {
    const id = `${name}/${windowSeconds}`;
    let slot = this.slotsByName.get(id);
    if (slot === undefined) {
      slot = this.windows.length;
      this.windows.push(windowSeconds * 1000);
      this.quotas.push(Infinity);
      this.held.push(false);
      this.slotsByName.set(id, slot);
      this.sweepEveryMs = Math.min(this.sweepEveryMs, Math.max(1000, (windowSeconds * 1000) / 4));
      this.relayout(1 + this.windows.length * 2);
    }
    if (quota) {
      this.quotas[slot] = Math.min(this.quotas[slot]!, quota.points);
      if (quota.held) this.held[slot] = true;
    }
    return slot;
  }

  /** `key`'s row, created when missing. Valid until the caller returns to the event loop. */
  row(key: string, now: number): CounterRow {
    if (now >= this.nextSweep && this.created * 4 >= this.rows.size) this.sweep(now);
    this.touches++;
    let row = this.rows.get(key);
    if (row === undefined) {
      if (this.rows.size >= this.maxRows) this.evict(now);
      row = this.allocate();
      this.rows.set(key, row);
      const index = row / this.width;
      this.keys[index] = key;
      this.order.append(index);
      this.created++;
    } else if (this.touches - this.data[row]! > this.rows.size / 4) {
      // Only rows that aged past a quarter of the table move to the young end: approximate LRU,
      // O(1), and most touches of a busy row move nothing.
      this.data[row] = this.touches;
      this.order.moveToYoung(row / this.width);
    }
    this.recent[this.recentAt] = key;
    this.recentAt = (this.recentAt + 1) % this.recent.length;
    return row;
  }

  /** The live count of `slot` in `row` (0 when its window ended). */
  count(row: CounterRow, slot: number, now: number): number {
    const at = row + 1 + slot * 2;
    return this.data[at + 1]! > now ? this.data[at]! : 0;
  }

  /** Adds `points` (negative to hand some back) to `slot`'s live window, or starts one; returns the count (never below zero). */
  add(row: CounterRow, slot: number, points: number, now: number): number {
    const d = this.data;
    const at = row + 1 + slot * 2;
    if (d[at + 1]! > now) return (d[at] = Math.max(0, d[at]! + points));
    d[at + 1] = now + this.windows[slot]!;
    return (d[at] = Math.max(0, points));
  }

  /** When `slot`'s window in `row` ends: its live end, or the end a window starting now would have. */
  windowEnd(row: CounterRow, slot: number, now: number): number {
    const end = this.data[row + 2 + slot * 2]!;
    return end > now ? end : now + this.windows[slot]!;
  }

  /** Number of keys with at least one counter (for tests and benchmarks). */
  get size(): number {
    return this.rows.size;
  }

  /** A fresh row: a freed one, or the next of the block (grown by half when full). */
  private allocate(): CounterRow {
    let row = this.free.pop();
    if (row === undefined) {
      if (this.used === this.capacity) this.grow(Math.max(64, Math.min(this.maxRows, Math.ceil(this.capacity * 1.5))));
      row = this.used++ * this.width;
    }
    const d = this.data;
    d[row] = this.touches;
    for (let at = row + 1; at < row + this.width; at += 2) (d[at] = 0), (d[at + 1] = NO_WINDOW);
    return row;
  }

  private grow(capacity: number): void {
    if (capacity <= this.capacity) capacity = this.capacity + 64;
    const data = new Float64Array(capacity * this.width);
    data.set(this.data.subarray(0, this.used * this.width));
    this.data = data;
    this.capacity = capacity;
    this.order.grow(capacity);
  }

  /** A counter was added: every row gets its columns (no counter yet), at new offsets. */
  private relayout(width: number): void {
    const old = this.data;
    const oldWidth = this.width;
    this.data = new Float64Array(this.capacity * width);
    this.width = width;
    const moved = (row: number) => (row / oldWidth) * width;
    for (const [key, row] of this.rows) {
      const to = moved(row);
      this.data.set(old.subarray(row, row + oldWidth), to);
      for (let at = to + oldWidth; at < to + width; at += 2) (this.data[at] = 0), (this.data[at + 1] = NO_WINDOW);
      this.rows.set(key, to);
    }
    for (let i = 0; i < this.free.length; i++) this.free[i] = moved(this.free[i]!);
  }

  /** True when evicting `row` hands back little: every live count below half its quota, and nothing held. */
  private cheap(row: CounterRow, now: number): boolean {
    const d = this.data;
    for (let slot = 0, at = row + 1; at < row + this.width; slot++, at += 2) {
      if (d[at + 1]! <= now) continue;
      const count = d[at]!;
      if (this.held[slot] ? count > 0 : count * 2 >= this.quotas[slot]!) return false;
    }
    return true;
  }

  /** Evicts one row (see the class), unless every row looked at must stay. */
  private evict(now: number): void {
    if (!this.full) {
      this.full = true;
      this.onFull?.({ maxRows: this.maxRows });
    }
    const kept: number[] = [];
    let scanned = 0;
    for (let index = this.order.oldest; index !== -1; index = this.order.after(index)) {
      if (++scanned > EVICTION_SCAN) break;
      if (this.recent.includes(this.keys[index]!)) continue;
      const row = index * this.width;
      if (this.cheap(row, now)) {
        this.drop(index);
        this.evicted++;
        break;
      }
      kept.push(index);
    }
    // Rows looked at and kept go to the young end, so the next eviction looks at others.
    for (const index of kept) {
      this.data[index * this.width] = this.touches;
      this.order.moveToYoung(index);
    }
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    this.created = 0;
    const d = this.data;
    // Oldest first, as the rows' order: nothing is allocated per row of the table.
    for (let index = this.order.oldest; index !== -1; ) {
      const after = this.order.after(index);
      const row = index * this.width;
      let live = false;
      for (let at = row + 2; at < row + this.width; at += 2) {
        if (d[at]! > now) live = true;
        else d[at] = NO_WINDOW;
      }
      // The rows of the request being answered stay, even before their first count.
      if (!live && !this.recent.includes(this.keys[index]!)) this.drop(index);
      index = after;
    }
  }

  /** Takes the row at `index` out of the table; its numbers are reused by the next new row. */
  private drop(index: number): void {
    this.rows.delete(this.keys[index]!);
    this.order.remove(index);
    this.keys[index] = '';
    this.free.push(index * this.width);
  }
}
