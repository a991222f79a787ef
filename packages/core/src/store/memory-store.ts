import { systemClock, type Clock } from '../clock/index.js';
import { expectNumber, expectObject, optional } from '../options/validate.js';
import { COUNTER_ROW_BYTES, CounterTable } from './counter-table.js';
import type { Store, StoreOp, StoreResult } from './types.js';

type Value = { kind: 'string'; value: string } | { kind: 'hash'; value: Map<string, string> };
interface Entry {
  data: Value;
  expiresAt: number | null;
  /** Write counter when the entry last moved to the young end of the LRU order. */
  touched: number;
}

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most keys with a TTL kept at once (least recently used go first, like Redis `volatile-lru`).
   * Keys without a TTL (flags) are never evicted. Default 1,000,000.
   */
  maxKeys?: number;
  /**
   * Most rows of limit counters kept: one per identity and one per client address that has a
   * limit of its own (an anonymous client's address is its identity: one row). Default 400,000.
   * Past it, the least recently used rows with little spent are evicted; a row that is refused,
   * at half of any quota or more, or holding a concurrency slot is kept (see docs/configuration.md).
   */
  maxIdentities?: number;
  /**
   * Resident bytes the limit counters may take, turned into a number of rows at
   * {@link COUNTER_ROW_BYTES} each; the smaller of this and `maxIdentities` is the cap.
   * Default 16 MiB (83,886 rows): with the detector's own default bound, the whole guard stays
   * under 200 MB resident at 200,000 identities (`pnpm bench memory-bound`).
   */
  maxBytes?: number;
  /** Clock for TTLs and limiter windows; `createGuard` passes its own. */
  clock?: Clock;
}

/** Defaults of {@link memoryStore}'s bounds. */
export const MEMORY_STORE_DEFAULTS = { maxKeys: 1_000_000, maxIdentities: 400_000, maxBytes: 16 * 1024 * 1024 } as const;

/** Rows of limit counters the default bounds allow (83,886); also the cap of the per-process insurance table on Redis. */
export const DEFAULT_COUNTER_ROWS = Math.min(MEMORY_STORE_DEFAULTS.maxIdentities, Math.floor(MEMORY_STORE_DEFAULTS.maxBytes / COUNTER_ROW_BYTES));

/**
 * The default store: everything in this process, bounded, zero setup. Use `redisStore` when
 * several instances must share one view.
 *
 * @example
 * ```ts
 * const guard = createGuard({ store: memoryStore({ maxIdentities: 200_000 }) });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const o = expectObject('store', options, ['maxKeys', 'maxIdentities', 'maxBytes', 'clock']);
  return new MemoryStore({
    maxKeys: optional(o.maxKeys, MEMORY_STORE_DEFAULTS.maxKeys, (v) => expectNumber('store.maxKeys', v, { min: 1, integer: true })),
    maxIdentities: optional(o.maxIdentities, MEMORY_STORE_DEFAULTS.maxIdentities, (v) => expectNumber('store.maxIdentities', v, { min: 1, integer: true })),
    maxBytes: optional(o.maxBytes, MEMORY_STORE_DEFAULTS.maxBytes, (v) => expectNumber('store.maxBytes', v, { min: COUNTER_ROW_BYTES })),
    clock: (o.clock as Clock | undefined) ?? systemClock,
  });
}

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly volatile = new Map<string, Entry>();
  private readonly persistent = new Map<string, Entry>();
  private readonly maxKeys: number;
  private clock: Clock;
  /** Counts writes; an entry is moved to the young end only once it has aged past a quarter of the store. */
  private writes = 0;
  /** Where the counters' cap warning goes once a guard uses this store. */
  private warn: ((message: string) => void) | undefined;
  /** Most rows of limit counters (see {@link MemoryStoreOptions.maxIdentities}). */
  readonly maxRows: number;

  /** The limits' counters, one table per store, so guards sharing this store share its counters (as they would on Redis). */
  readonly counters: CounterTable;

  constructor(options: { maxKeys: number; clock: Clock; maxIdentities?: number; maxBytes?: number }) {
    this.maxKeys = options.maxKeys;
    this.clock = options.clock;
    this.maxRows = Math.max(1, Math.min(options.maxIdentities ?? Infinity, Math.floor((options.maxBytes ?? Infinity) / COUNTER_ROW_BYTES)));
    this.counters = new CounterTable({
      maxRows: this.maxRows,
      onFull: ({ maxRows }) =>
        this.warn?.(
          `The memory store holds the limit counters of ${maxRows.toLocaleString('en-US')} identities and addresses, its cap: the least recently used with less than half of every quota spent are now evicted to make room (refused, half-spent and busy ones are kept). Raise memoryStore({ maxIdentities, maxBytes }) if this process has the memory, or use redisStore.`,
        ),
    });
  }

  /** @internal The guard hands its warnings to the store it uses. */
  useWarnings(warn: (message: string) => void): void {
    this.warn ??= warn;
  }

  /** @internal The guard hands its clock to a store it was given without one. */
  useClock(clock: Clock): void {
    this.clock = clock;
  }

  /** Number of keys currently held (for benchmarks and tests). */
  get size(): number {
    return this.volatile.size + this.persistent.size;
  }

  /** Runs `ops` at once: the results themselves, never a Promise (see {@link Store.exec}). */
  exec(ops: readonly StoreOp[]): StoreResult[] {
    const now = this.clock.now();
    return ops.map((op) => this.apply(op, now));
  }

  /** `hget` answered at once, for a check that runs on every request (the flag index). */
  hgetNow(key: string, field: string): string | null {
    return this.hget(key, field, this.clock.now());
  }

  async close(): Promise<void> {
    this.volatile.clear();
    this.persistent.clear();
  }

  private apply(op: StoreOp, now: number): StoreResult {
    switch (op.op) {
      case 'get': {
        const e = this.read(op.key, now);
        return e?.data.kind === 'string' ? e.data.value : null;
      }
      case 'set':
        this.write(op.key, { kind: 'string', value: op.value }, op.ttlSeconds, now);
        return 'OK';
      case 'del':
        return this.volatile.delete(op.key) || this.persistent.delete(op.key) ? 1 : 0;
      case 'incrby': {
        const e = this.read(op.key, now);
        const next = (e?.data.kind === 'string' ? Number(e.data.value) || 0 : 0) + op.by;
        this.write(op.key, { kind: 'string', value: String(next) }, op.ttlSeconds, now, e);
        return next;
      }
      case 'hget':
        return this.hget(op.key, op.field, now);
      case 'hgetall': {
        const e = this.read(op.key, now);
        return e?.data.kind === 'hash' ? Object.fromEntries(e.data.value) : {};
      }
      case 'hset': {
        const hash = this.hash(op.key, now, op.ttlSeconds);
        for (const [k, v] of Object.entries(op.fields)) hash.set(k, v);
        return Object.keys(op.fields).length;
      }
      case 'hdel': {
        const e = this.read(op.key, now);
        if (e?.data.kind !== 'hash') return 0;
        let n = 0;
        for (const f of op.fields) if (e.data.value.delete(f)) n++;
        if (e.data.value.size === 0) this.volatile.delete(op.key) || this.persistent.delete(op.key);
        return n;
      }
      case 'hincrby': {
        const hash = this.hash(op.key, now, op.ttlSeconds);
        const next = (Number(hash.get(op.field)) || 0) + op.by;
        hash.set(op.field, String(next));
        return next;
      }
      case 'expire': {
        const e = this.read(op.key, now);
        if (!e) return 0;
        this.write(op.key, e.data, op.seconds, now, e);
        return 1;
      }
    }
  }

  private hget(key: string, field: string, now: number): string | null {
    const e = this.read(key, now);
    return e?.data.kind === 'hash' ? (e.data.value.get(field) ?? null) : null;
  }

  private hash(key: string, now: number, ttlSeconds: number | undefined): Map<string, string> {
    const e = this.read(key, now);
    if (e?.data.kind === 'hash') {
      if (ttlSeconds !== undefined) this.write(key, e.data, ttlSeconds, now, e);
      return e.data.value;
    }
    const data: Value = { kind: 'hash', value: new Map() };
    this.write(key, data, ttlSeconds, now);
    return data.value;
  }

  private read(key: string, now: number): Entry | undefined {
    const v = this.volatile.get(key);
    if (v) {
      if (v.expiresAt !== null && v.expiresAt <= now) {
        this.volatile.delete(key);
        return undefined;
      }
      // Map order is the LRU order. Moving an entry costs a delete and an insert (and a tombstone),
      // so only entries that have aged past a quarter of the store move: approximate LRU, O(1).
      if (this.writes - v.touched > this.maxKeys / 4) {
        v.touched = this.writes;
        this.volatile.delete(key);
        this.volatile.set(key, v);
      }
      return v;
    }
    return this.persistent.get(key);
  }

  private write(key: string, data: Value, ttlSeconds: number | undefined, now: number, previous?: Entry): void {
    // Like Redis, a write without a TTL keeps the TTL the key already had.
    const expiresAt = ttlSeconds !== undefined && ttlSeconds > 0 ? now + ttlSeconds * 1000 : (previous?.expiresAt ?? null);
    this.writes++;
    if (previous !== undefined && (previous.expiresAt === null) === (expiresAt === null)) {
      // Same map as before: update in place rather than delete and re-insert.
      previous.data = data;
      previous.expiresAt = expiresAt;
      return;
    }
    this.volatile.delete(key);
    this.persistent.delete(key);
    if (expiresAt === null) {
      this.persistent.set(key, { data, expiresAt, touched: this.writes });
      return;
    }
    this.volatile.set(key, { data, expiresAt, touched: this.writes });
    if (this.volatile.size > this.maxKeys) {
      const oldest = this.volatile.keys().next().value;
      if (oldest !== undefined) this.volatile.delete(oldest);
    }
  }
}
