import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';

interface Entry {
  value: number;
  expiresAt: number | null;
}

/**
 * rate-limiter-flexible's memory limiter reads `Date.now()` and arms one timer per key, so it
 * cannot follow an injected clock. This storage has the same contract (`incrby`, `set`, `get`,
 * `delete`) on the guard's clock, with lazy expiry and an amortised sweep instead of timers, so a
 * replay at thousands of requests per second sees each window exactly as live traffic did.
 */
class ClockedMemoryStorage {
  /** Insertion order equals expiry order: all keys of one limiter share a duration. */
  readonly _storage = new Map<string, Entry>();
  private ops = 0;

  constructor(private readonly clock: Clock) {}

  incrby(key: string, value: number, durationSec: number): RateLimiterRes {
    const now = this.clock.now();
    this.sweep(now);
    const entry = this._storage.get(key);
    if (entry && (entry.expiresAt === null || entry.expiresAt > now)) {
      entry.value += value;
      return new RateLimiterRes(0, entry.expiresAt === null ? -1 : entry.expiresAt - now, entry.value, false);
    }
    return this.set(key, value, durationSec);
  }

  set(key: string, value: number, durationSec: number): RateLimiterRes {
    const durationMs = durationSec * 1000;
    this._storage.delete(key);
    this._storage.set(key, { value, expiresAt: durationMs > 0 ? this.clock.now() + durationMs : null });
    return new RateLimiterRes(0, durationMs === 0 ? -1 : durationMs, value, true);
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

  private sweep(now: number): void {
    if (++this.ops % 64 !== 0) return;
    for (const [key, entry] of this._storage) {
      if (entry.expiresAt === null || entry.expiresAt > now) break;
      this._storage.delete(key);
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
