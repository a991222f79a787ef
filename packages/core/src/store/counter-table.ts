/**
 * One key's counters: for each counter of the table, its count and the clock ms its window ends
 * ({@link NO_WINDOW} when there is no counter), side by side in one array of numbers. On a busy
 * server every row a request touches is a cache miss; one flat array is one or two of them, where
 * a row of counter objects was one per limit.
 */
export type CounterRow = number[];

/** The end of a window that never began: no counter. */
const NO_WINDOW = -Infinity;

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
 */
export class CounterTable {
  private readonly rows = new Map<string, CounterRow>();
  private readonly slotsByName = new Map<string, number>();
  private readonly windows: number[] = [];
  private sweepEveryMs = Infinity;
  private nextSweep = 0;
  /** Rows created since the last sweep. */
  private created = 0;

  /** The column of the counter `name` whose windows last `windowSeconds`, created on first use. */
  slot(name: string, windowSeconds: number): number {
    const id = `${name}/${windowSeconds}`;
    let slot = this.slotsByName.get(id);
    if (slot === undefined) {
      slot = this.windows.length;
      this.windows.push(windowSeconds * 1000);
      this.slotsByName.set(id, slot);
      this.sweepEveryMs = Math.min(this.sweepEveryMs, Math.max(1000, (windowSeconds * 1000) / 4));
    }
    return slot;
  }

  /** `key`'s row, created when missing. Valid until the caller returns to the event loop. */
  row(key: string, now: number): CounterRow {
    if (now >= this.nextSweep && this.created * 4 >= this.rows.size) this.sweep(now);
    let row = this.rows.get(key);
    if (row === undefined) {
      this.rows.set(key, (row = this.emptyRow()));
      this.created++;
    }
    // A counter created after the row was (a guard on a shared store with other limits).
    else if (row.length < this.windows.length * 2) this.widen(row);
    return row;
  }

  /** The live count of `slot` in `row` (0 when its window ended). */
  count(row: CounterRow, slot: number, now: number): number {
    return row[slot * 2 + 1]! > now ? row[slot * 2]! : 0;
  }

  /** Adds `points` (negative to hand some back) to `slot`'s live window, or starts one; returns the count. */
  add(row: CounterRow, slot: number, points: number, now: number): number {
    const at = slot * 2;
    if (row[at + 1]! > now) return (row[at] = row[at]! + points);
    row[at] = points;
    row[at + 1] = now + this.windows[slot]!;
    return points;
  }

  /** When `slot`'s window in `row` ends: its live end, or the end a window starting now would have. */
  windowEnd(row: CounterRow, slot: number, now: number): number {
    const end = row[slot * 2 + 1]!;
    return end > now ? end : now + this.windows[slot]!;
  }

  /** Number of keys with at least one counter (for tests and benchmarks). */
  get size(): number {
    return this.rows.size;
  }

  private emptyRow(): CounterRow {
    // Filled with numbers from the start, so the array stays one packed block of doubles.
    const row: CounterRow = [];
    for (let i = 0; i < this.windows.length; i++) row.push(0, NO_WINDOW);
    return row;
  }

  private widen(row: CounterRow): void {
    while (row.length < this.windows.length * 2) row.push(0, NO_WINDOW);
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    this.created = 0;
    for (const [key, row] of this.rows) {
      let live = false;
      for (let i = 1; i < row.length; i += 2) {
        if (row[i]! > now) live = true;
        else row[i] = NO_WINDOW;
      }
      if (!live) this.rows.delete(key);
    }
  }
}
