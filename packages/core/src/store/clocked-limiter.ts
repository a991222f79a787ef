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

/**
 * rate-limiter-flexible's memory limiter reads `Date.now()` and arms one timer per key, so it
 * cannot follow an injected clock. This storage has the same contract (`incrby`, `set`, `get`,
 * `delete`) on the guard's clock, with lazy expiry plus a full sweep of expired keys a few times
 * per window instead of timers: a replay at tens of thousands of requests per second sees each
 * window exactly as live traffic did, and memory stays bounded by the keys active in a window.
 *
 * Entries are held under the caller's key without the limiter's prefix (each limiter has its own
 * storage), so the request path ({@link ImmediateLimiter}) builds no key strings.
 */
class ClockedMemoryStorage {
  readonly _storage = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(
    private readonly clock: Clock,
    /** What rate-limiter-flexible's `getKey` puts before a key (`"<keyPrefix>:"`, or nothing). */
    private readonly prefix: string,
  ) {}

  // rate-limiter-flexible's storage contract, with its prefixed keys.

  incrby(rlKey: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.clock.now();
    const before = this._storage.get(this.own(rlKey));
    const live = before !== undefined && (before.expiresAt === null || before.expiresAt > now);
    const entry = this.add(this.own(rlKey), value, durationSec, now);
    return new RateLimiterRes(0, msBeforeNext(entry, now), entry.value, !live);
  }

  set(rlKey: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.clock.now();
    const entry = this.start(this.own(rlKey), value, durationSec, now);
    return new RateLimiterRes(0, msBeforeNext(entry, now), value, true);
  }

  get(rlKey: string): RateLimiterRes | null {
    const now = this.clock.now();
    const key = this.own(rlKey);
    const entry = this._storage.get(key);
    if (!entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= now) {
      this._storage.delete(key);
      return null;
    }
    return new RateLimiterRes(0, msBeforeNext(entry, now), entry.value, false);
  }

  delete(rlKey: string): boolean {
    return this._storage.delete(this.own(rlKey));
  }

  /** Adds `value` to `key`'s count in its live window, or starts a window with it; returns the live entry. */
  add(key: string, value: number, durationSec: number, now: number): Entry {
    if (now >= this.nextSweep) this.sweep(now, durationSec);
    const entry = this._storage.get(key);
    if (entry !== undefined && (entry.expiresAt === null || entry.expiresAt > now)) {
      entry.value += value;
      return entry;
    }
    return this.start(key, value, durationSec, now);
  }

  private own(rlKey: string): string {
    return this.prefix !== '' && rlKey.startsWith(this.prefix) ? rlKey.slice(this.prefix.length) : rlKey;
  }

  private start(key: string, value: number, durationSec: number, now: number): Entry {
    const durationMs = durationSec * 1000;
    const expiresAt = durationMs > 0 ? now + durationMs : null;
    const entry = this._storage.get(key);
    // Overwrite in place: deleting and re-adding would leave tombstones in the Map.
    if (entry !== undefined) {
      entry.value = value;
      entry.expiresAt = expiresAt;
      return entry;
    }
    const fresh = { value, expiresAt };
    this._storage.set(key, fresh);
    return fresh;
  }

  /** Drops every expired key; runs four times per window, so each key costs O(1) amortised. */
  private sweep(now: number, durationSec: number): void {
    this.nextSweep = now + Math.max(1000, (durationSec * 1000) / 4);
    for (const [key, entry] of this._storage) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this._storage.delete(key);
    }
  }
}

/** What rate-limiter-flexible reports as `msBeforeNext` for a counter: -1 for a window that never ends. */
export function msBeforeNext(counter: Counter, now: number): number {
  return counter.expiresAt === null ? -1 : counter.expiresAt - now;
}

/** A rate-limiter-flexible memory limiter whose windows follow `clock`. */
export function clockedRateLimiterMemory(
  options: ConstructorParameters<typeof RateLimiterMemory>[0],
  clock: Clock,
): RateLimiterMemory {
  const limiter = new RateLimiterMemory(options);
  (limiter as unknown as { _memoryStorage: ClockedMemoryStorage })._memoryStorage = new ClockedMemoryStorage(clock, limiter.getKey(''));
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
    private readonly durationSec: number,
    /** The limiter's quota per window. */
    readonly points: number,
  ) {}

  /**
   * Adds `points` (negative to hand some back) to `key`'s count in its current window, or starts
   * a window, and returns the live counter: read it before the next call. `consume` succeeds
   * when the returned value is at most {@link points}.
   */
  add(key: string, points: number, now: number): Counter {
    return this.storage.add(key, points, this.durationSec, now);
  }
}

/** Immediate access to a clocked memory limiter's counters, or `undefined` for any other limiter. */
export function immediateLimiter(limiter: unknown): ImmediateLimiter | undefined {
  const l = limiter as Partial<MemoryLimiterInternals>;
  const storage = l._memoryStorage;
  if (!(storage instanceof ClockedMemoryStorage) || l.blockDuration || l.execEvenly) return undefined;
  return new ImmediateLimiter(storage, (limiter as MemoryLimiterInternals)._getKeySecDuration(), l.points!);
}
