import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';

/** One key's count in its current window. */
export interface Counter {
  readonly value: number;
  /** Clock ms when the window ends; `null` for a window that never ends. */
  readonly expiresAt: number | null;
}

interface Entry {
  value: number;
  expiresAt: number | null;
}

/** One key's counters, one slot per limiter of the table. */
export type CounterRow = Array<Entry | undefined>;
type Row = CounterRow;

/**
 * The counters of every clocked limiter of one memory store, in one row per key: the limits of
 * one scope (an identity's requests, tokens, cost, output and concurrency) share a row, so a
 * request finds all of them with one lookup. On a busy server each lookup in a large map is a
 * cache miss; one per scope instead of one per limit was most of the limits' cost.
 *
 * Expiry is lazy, plus a sweep of the whole table four times per shortest window, so memory stays
 * bounded by the keys active in the longest window and no timer is armed per key.
 */
export class CounterTable {
  private readonly rows = new Map<string, Row>();
  private slots = 0;
  private sweepEveryMs = Infinity;
  private nextSweep = 0;

  constructor(readonly clock: Clock) {}

  /** A column for one limiter whose windows last `durationSec`. */
  addSlot(durationSec: number): number {
    this.sweepEveryMs = Math.min(this.sweepEveryMs, Math.max(1000, (durationSec * 1000) / 4));
    return this.slots++;
  }

  /** `key`'s row, created when missing. */
  row(key: string, now: number): Row {
    if (now >= this.nextSweep) this.sweep(now);
    let row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, (row = []));
    return row;
  }

  /** `key`'s row if it has one. */
  peek(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Every key with a counter in `slot`, live or not yet swept. */
  *entries(slot: number): IterableIterator<[string, Entry]> {
    for (const [key, row] of this.rows) {
      const entry = row[slot];
      if (entry !== undefined) yield [key, entry];
    }
  }

  /** Number of keys with at least one counter (for tests and benchmarks). */
  get size(): number {
    return this.rows.size;
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    for (const [key, row] of this.rows) {
      let live = false;
      for (let i = 0; i < row.length; i++) {
        const entry = row[i];
        if (entry === undefined) continue;
        if (entry.expiresAt !== null && entry.expiresAt <= now) row[i] = undefined;
        else live = true;
      }
      if (!live) this.rows.delete(key);
    }
  }
}

/** Adds `value` to a row's counter in its live window, or starts a window with it; returns the live entry. */
function addTo(row: Row, slot: number, value: number, durationSec: number, now: number): Entry {
  const entry = row[slot];
  if (entry !== undefined && (entry.expiresAt === null || entry.expiresAt > now)) {
    entry.value += value;
    return entry;
  }
  return startIn(row, slot, value, durationSec, now);
}

function startIn(row: Row, slot: number, value: number, durationSec: number, now: number): Entry {
  const durationMs = durationSec * 1000;
  const expiresAt = durationMs > 0 ? now + durationMs : null;
  const entry = row[slot];
  // Reuse the entry of an ended window rather than allocate.
  if (entry !== undefined) {
    entry.value = value;
    entry.expiresAt = expiresAt;
    return entry;
  }
  return (row[slot] = { value, expiresAt });
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
    const before = row[this.slot];
    const live = before !== undefined && (before.expiresAt === null || before.expiresAt > now);
    const entry = addTo(row, this.slot, value, durationSec, now);
    return new RateLimiterRes(0, msBeforeNext(entry, now), entry.value, !live);
  }

  set(rlKey: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.table.clock.now();
    const entry = startIn(this.table.row(this.own(rlKey), now), this.slot, value, durationSec, now);
    return new RateLimiterRes(0, msBeforeNext(entry, now), value, true);
  }

  get(rlKey: string): RateLimiterRes | null {
    const now = this.table.clock.now();
    const row = this.table.peek(this.own(rlKey));
    const entry = row?.[this.slot];
    if (!row || !entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= now) {
      row[this.slot] = undefined;
      return null;
    }
    return new RateLimiterRes(0, msBeforeNext(entry, now), entry.value, false);
  }

  delete(rlKey: string): boolean {
    const row = this.table.peek(this.own(rlKey));
    if (!row?.[this.slot]) return false;
    row[this.slot] = undefined;
    return true;
  }

  /** rate-limiter-flexible's `dump()` reads this: this limiter's records under their full keys. */
  get _storage(): Map<string, Entry> {
    const out = new Map<string, Entry>();
    for (const [key, entry] of this.table.entries(this.slot)) out.set(this.prefix + key, { ...entry });
    return out;
  }

  /** rate-limiter-flexible's `restore()` calls this. */
  _restoreRecord(rlKey: string, value: number, expiresAt: number | null): void {
    const row = this.table.row(this.own(rlKey), this.table.clock.now());
    row[this.slot] = { value, expiresAt };
  }

  private own(rlKey: string): string {
    return this.prefix !== '' && rlKey.startsWith(this.prefix) ? rlKey.slice(this.prefix.length) : rlKey;
  }
}

/** What rate-limiter-flexible reports as `msBeforeNext` for a counter: -1 for a window that never ends. */
export function msBeforeNext(counter: Counter, now: number): number {
  return counter.expiresAt === null ? -1 : counter.expiresAt - now;
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
   * window, or starts a window, and returns the live counter: read it before the next call.
   * `consume` succeeds when the returned value is at most {@link points}.
   */
  add(row: Row, points: number, now: number): Counter {
    return addTo(row, this.storage.slot, points, this.storage.durationSec, now);
  }
}

/** Immediate access to a clocked memory limiter's counters, or `undefined` for any other limiter. */
export function immediateLimiter(limiter: unknown): ImmediateLimiter | undefined {
  const l = limiter as Partial<MemoryLimiterInternals>;
  const storage = l._memoryStorage;
  if (!(storage instanceof ClockedMemoryStorage) || l.blockDuration || l.execEvenly) return undefined;
  return new ImmediateLimiter(storage, l.points!);
}
