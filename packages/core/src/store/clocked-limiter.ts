import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';

/** One key's count in its current window, as `dump` and `restore` see it. */
interface Entry {
  value: number;
  /** Clock ms when the window ends; `null` for a window that never ends. */
  expiresAt: number | null;
}

/**
 * One key's counters: for each limiter of the table, its count and the clock ms its window ends
 * (`Infinity` for a window that never ends, {@link EMPTY} when there is no counter), side by side
 * in one array of numbers. On a busy server every row a request touches is a cache miss; one flat
 * array is one or two of them, where a row of counter objects was one per limit.
 */
export type CounterRow = number[];
type Row = CounterRow;

/** The end of a window that never began: no counter. */
const EMPTY = -Infinity;

/**
 * The counters of every clocked limiter of one memory store, in one row per key: the limits of
 * one scope (an identity's requests, tokens, cost, output and concurrency) share a row, so a
 * request finds all of them with one lookup. On a busy server each lookup in a large map is a
 * cache miss; one per scope instead of one per limit was most of the limits' cost.
 *
 * Expiry is lazy, plus a sweep of the whole table at most four times per shortest window and only
 * once a quarter as many keys as the table holds were added since the last sweep: memory stays
 * within a third above the keys active in the longest window, no timer is armed per key, and a
 * sweep's cost is spread over the keys that made it necessary (a replay moving the clock through
 * days in seconds does not walk the table thousands of times).
 */
export class CounterTable {
  private readonly rows = new Map<string, Row>();
  private slots = 0;
  private sweepEveryMs = Infinity;
  private nextSweep = 0;
  /** Rows created since the last sweep. */
  private created = 0;

  constructor(readonly clock: Clock) {}

  /** A column for one limiter whose windows last `durationSec`. */
  addSlot(durationSec: number): number {
    this.sweepEveryMs = Math.min(this.sweepEveryMs, Math.max(1000, (durationSec * 1000) / 4));
    return this.slots++;
  }

  /** `key`'s row, created when missing. */
  row(key: string, now: number): Row {
    if (now >= this.nextSweep && this.created * 4 >= this.rows.size) this.sweep(now);
    let row = this.rows.get(key);
    if (row === undefined) {
      this.rows.set(key, (row = this.emptyRow()));
      this.created++;
    }
    // A limiter created after the row was (on a store shared with a later subsystem).
    else if (row.length < this.slots * 2) this.widen(row);
    return row;
  }

  /** `key`'s row if it has one. */
  peek(key: string): Row | undefined {
    const row = this.rows.get(key);
    if (row !== undefined && row.length < this.slots * 2) this.widen(row);
    return row;
  }

  /** Every key with a live counter in `slot`, with that counter. */
  *entries(slot: number, now: number): IterableIterator<[string, Entry]> {
    for (const [key, row] of this.rows) {
      const expiresAt = row[slot * 2 + 1];
      if (expiresAt !== undefined && expiresAt > now) yield [key, { value: row[slot * 2]!, expiresAt: expiresAt === Infinity ? null : expiresAt }];
    }
  }

  /** Number of keys with at least one counter (for tests and benchmarks). */
  get size(): number {
    return this.rows.size;
  }

  private emptyRow(): Row {
    // Filled with numbers from the start, so the array stays one packed block of doubles.
    const row: Row = [];
    for (let i = 0; i < this.slots; i++) row.push(0, EMPTY);
    return row;
  }

  private widen(row: Row): void {
    while (row.length < this.slots * 2) row.push(0, EMPTY);
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    this.created = 0;
    for (const [key, row] of this.rows) {
      let live = false;
      for (let i = 1; i < row.length; i += 2) {
        if (row[i]! > now) live = true;
        else row[i] = EMPTY;
      }
      if (!live) this.rows.delete(key);
    }
  }
}

/** Adds `value` to a row's counter in its live window, or starts a window with it; returns the count. */
function addTo(row: Row, slot: number, value: number, durationSec: number, now: number): number {
  const at = slot * 2;
  if (row[at + 1]! > now) return (row[at] = row[at]! + value);
  return startIn(row, slot, value, durationSec, now);
}

function startIn(row: Row, slot: number, value: number, durationSec: number, now: number): number {
  const at = slot * 2;
  row[at] = value;
  row[at + 1] = durationSec > 0 ? now + durationSec * 1000 : Infinity;
  return value;
}

/** Whether a row holds a live counter in `slot`. */
function isLive(row: Row, slot: number, now: number): boolean {
  return row[slot * 2 + 1]! > now;
}

/** What rate-limiter-flexible reports as `msBeforeNext` for a row's counter: -1 for a window that never ends. */
function msLeft(row: Row, slot: number, now: number): number {
  const expiresAt = row[slot * 2 + 1]!;
  return expiresAt === Infinity ? -1 : expiresAt - now;
}

/**
 * rate-limiter-flexible's memory limiter reads `Date.now()` and arms one timer per key, so it
 * cannot follow an injected clock. This storage has the same contract (`incrby`, `set`, `get`,
 * `delete`, and `_storage`/`_restoreRecord` for `dump`/`restore`) on the guard's clock, as one
 * column of the store's {@link CounterTable}. Rows are keyed by the caller's key without the
 * limiter's prefix, so the request path ({@link ImmediateLimiter}) builds no key strings.
 */
class ClockedMemoryStorage {
  constructor(
    readonly table: CounterTable,
    readonly slot: number,
    readonly durationSec: number,
    /** What rate-limiter-flexible's `getKey` puts before a key (`"<keyPrefix>:"`, or nothing). */
    private readonly prefix: string,
  ) {}

  incrby(rlKey: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.table.clock.now();
    const row = this.table.row(this.own(rlKey), now);
    const first = !isLive(row, this.slot, now);
    const consumed = addTo(row, this.slot, value, durationSec, now);
    return new RateLimiterRes(0, msLeft(row, this.slot, now), consumed, first);
  }

  set(rlKey: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.table.clock.now();
    const row = this.table.row(this.own(rlKey), now);
    startIn(row, this.slot, value, durationSec, now);
    return new RateLimiterRes(0, msLeft(row, this.slot, now), value, true);
  }

  get(rlKey: string): RateLimiterRes | null {
    const now = this.table.clock.now();
    const row = this.table.peek(this.own(rlKey));
    if (!row || !isLive(row, this.slot, now)) return null;
    return new RateLimiterRes(0, msLeft(row, this.slot, now), row[this.slot * 2]!, false);
  }

  delete(rlKey: string): boolean {
    const row = this.table.peek(this.own(rlKey));
    if (!row || !isLive(row, this.slot, this.table.clock.now())) return false;
    row[this.slot * 2 + 1] = EMPTY;
    return true;
  }

  /** rate-limiter-flexible's `dump()` reads this: this limiter's live records under their full keys. */
  get _storage(): Map<string, Entry> {
    const out = new Map<string, Entry>();
    for (const [key, entry] of this.table.entries(this.slot, this.table.clock.now())) out.set(this.prefix + key, entry);
    return out;
  }

  /** rate-limiter-flexible's `restore()` calls this. */
  _restoreRecord(rlKey: string, value: number, expiresAt: number | null): void {
    const row = this.table.row(this.own(rlKey), this.table.clock.now());
    row[this.slot * 2] = value;
    row[this.slot * 2 + 1] = expiresAt ?? Infinity;
  }

  private own(rlKey: string): string {
    return this.prefix !== '' && rlKey.startsWith(this.prefix) ? rlKey.slice(this.prefix.length) : rlKey;
  }
}

/**
 * A rate-limiter-flexible memory limiter whose windows follow the table's clock and whose
 * counters are one column of `table` (a table of its own when none is given).
 */
export function clockedRateLimiterMemory(
  options: ConstructorParameters<typeof RateLimiterMemory>[0],
  table: CounterTable | Clock,
): RateLimiterMemory {
  const counters = table instanceof CounterTable ? table : new CounterTable(table);
  const limiter = new RateLimiterMemory(options);
  const duration = (limiter as unknown as MemoryLimiterInternals)._getKeySecDuration();
  (limiter as unknown as { _memoryStorage: ClockedMemoryStorage })._memoryStorage = new ClockedMemoryStorage(counters, counters.addSlot(duration), duration, limiter.getKey(''));
  return limiter;
}

/** The parts of a `RateLimiterMemory` the immediate calls use. */
interface MemoryLimiterInternals {
  points: number;
  blockDuration: number;
  execEvenly: boolean;
  _getKeySecDuration(options?: object): number;
  _memoryStorage: unknown;
}

/**
 * A clocked memory limiter's counters without its Promise API: `consume`, `reward` and `penalty`
 * are all one {@link add} (rate-limiter-flexible's arithmetic for limiters without block duration
 * or even spreading), answered at once. A memory limiter has nothing to wait for and a request
 * checks several of them: the promises, result objects and prefixed key strings were most of the
 * cost.
 */
export class ImmediateLimiter {
  constructor(
    private readonly storage: ClockedMemoryStorage,
    /** The limiter's quota per window. */
    readonly points: number,
  ) {}

  /** The table this limiter's counters live in: limiters of one table can share a {@link row}. */
  get table(): CounterTable {
    return this.storage.table;
  }

  /** `key`'s row of counters, for {@link add}; valid until the call returns to the event loop. */
  row(key: string, now: number): Row {
    return this.storage.table.row(key, now);
  }

  /**
   * Adds `points` (negative to hand some back) to this limiter's counter in `row` for its current
   * window, or starts a window, and returns the count. `consume` succeeds when the count is at
   * most {@link points}.
   */
  add(row: Row, points: number, now: number): number {
    return addTo(row, this.storage.slot, points, this.storage.durationSec, now);
  }

  /** What rate-limiter-flexible reports as `msBeforeNext` for this limiter's counter in `row`: -1 for a window that never ends. */
  msBeforeNext(row: Row, now: number): number {
    return msLeft(row, this.storage.slot, now);
  }
}

/** Immediate access to a clocked memory limiter's counters, or `undefined` for any other limiter. */
export function immediateLimiter(limiter: unknown): ImmediateLimiter | undefined {
  const l = limiter as Partial<MemoryLimiterInternals>;
  const storage = l._memoryStorage;
  if (!(storage instanceof ClockedMemoryStorage) || l.blockDuration || l.execEvenly) return undefined;
  return new ImmediateLimiter(storage, l.points!);
}
