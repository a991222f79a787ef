import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';

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
 */
class ClockedMemoryStorage {
  readonly _storage = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(private readonly clock: Clock) {}

  incrby(key: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.clock.now();
    if (now >= this.nextSweep) this.sweep(now, durationSec);
    const entry = this._storage.get(key);
    if (entry !== undefined && (entry.expiresAt === null || entry.expiresAt > now)) {
      entry.value += value;
      return new RateLimiterRes(0, entry.expiresAt === null ? -1 : entry.expiresAt - now, entry.value, false);
    }
    return this.start(key, value, durationSec, now);
  }

  set(key: string, value: number, durationSec: number): RateLimiterRes {
    return this.start(key, value, durationSec, this.clock.now());
  }

  get(key: string): RateLimiterRes | null {
    const now = this.clock.now();
    const entry = this._storage.get(key);
    if (!entry) return null;
    if (entry.expiresAt !== null && entry.expiresAt <= now) {
      this._storage.delete(key);
      return null;
    }
    return new RateLimiterRes(0, entry.expiresAt === null ? -1 : entry.expiresAt - now, entry.value, false);
  }

  delete(key: string): boolean {
    return this._storage.delete(key);
  }

  private start(key: string, value: number, durationSec: number, now: number): RateLimiterRes {
    const durationMs = durationSec * 1000;
    const expiresAt = durationMs > 0 ? now + durationMs : null;
    const entry = this._storage.get(key);
    // Overwrite in place: deleting and re-adding would leave tombstones in the Map.
    if (entry !== undefined) {
      entry.value = value;
      entry.expiresAt = expiresAt;
    } else {
      this._storage.set(key, { value, expiresAt });
    }
    return new RateLimiterRes(0, durationMs === 0 ? -1 : durationMs, value, true);
  }

  /** Drops every expired key; runs four times per window, so each key costs O(1) amortised. */
  private sweep(now: number, durationSec: number): void {
    this.nextSweep = now + Math.max(1000, (durationSec * 1000) / 4);
    for (const [key, entry] of this._storage) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this._storage.delete(key);
    }
  }
}

/** A rate-limiter-flexible memory limiter whose windows follow `clock`. */
export function clockedRateLimiterMemory(
  options: ConstructorParameters<typeof RateLimiterMemory>[0],
  clock: Clock,
): RateLimiterMemory {
  const limiter = new RateLimiterMemory(options);
  (limiter as unknown as { _memoryStorage: ClockedMemoryStorage })._memoryStorage = new ClockedMemoryStorage(clock);
  return limiter;
}

/** The parts of a `RateLimiterMemory` the synchronous calls below use. */
interface MemoryLimiterInternals {
  points: number;
  blockDuration: number;
  execEvenly: boolean;
  getKey(key: string): string;
  _getKeySecDuration(options?: object): number;
  _memoryStorage: unknown;
}

/** The limiter's storage, when it is a clocked memory limiter (whose calls can be made synchronously). */
function clockedStorage(limiter: unknown): ClockedMemoryStorage | undefined {
  const storage = (limiter as Partial<MemoryLimiterInternals>)._memoryStorage;
  return storage instanceof ClockedMemoryStorage ? storage : undefined;
}

/** Whether {@link consumeNow} and {@link adjustNow} apply to this limiter. */
export function isClockedMemoryLimiter(limiter: unknown): limiter is RateLimiterMemory {
  const l = limiter as Partial<MemoryLimiterInternals>;
  return clockedStorage(limiter) !== undefined && !l.blockDuration && !l.execEvenly;
}

/**
 * `RateLimiterMemory.consume` of a clocked limiter without its Promise: the same storage call and
 * the same arithmetic (rate-limiter-flexible's, for limiters without block duration or even
 * spreading), answered at once. A memory limiter has nothing to wait for, and a request checks
 * several of them: the promises were most of the cost.
 */
export function consumeNow(limiter: RateLimiterMemory, key: string, points: number): { res: RateLimiterRes; ok: boolean } {
  const l = limiter as unknown as MemoryLimiterInternals;
  const res = clockedStorage(limiter)!.incrby(l.getKey(key), points, l._getKeySecDuration());
  (res as { remainingPoints: number }).remainingPoints = Math.max(l.points - res.consumedPoints, 0);
  return { res, ok: res.consumedPoints <= l.points };
}

/** `penalty(key, delta)` (or `reward(key, -delta)`) of a clocked memory limiter, answered at once. */
export function adjustNow(limiter: RateLimiterMemory, key: string, delta: number): void {
  const l = limiter as unknown as MemoryLimiterInternals;
  clockedStorage(limiter)!.incrby(l.getKey(key), delta, l._getKeySecDuration());
}
