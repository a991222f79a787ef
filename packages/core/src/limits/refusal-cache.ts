/**
 * Refusals Redis gave, kept in this process until their window resets: a client hammering a door
 * that is closed (its request count for the minute is spent) is answered without a Redis call.
 *
 * Only request-count refusals are kept. They hold for every request until the window ends,
 * whatever the request asks for; a token, cost or output budget may still cover a smaller
 * request, or be refunded when requests in flight settle, and a concurrency slot frees at any
 * moment, so those always ask Redis. Another instance's requests cannot reopen the door early
 * either: they only add to the count.
 *
 * @example
 * ```ts
 * const refusals = new RefusalCache();
 * refusals.remember('dg:r4:{u_1}', 0, 30, clock.now() + 12_000);
 * refusals.find(['dg:r4:{u_1}'], clock.now()); // { spec: 0, consumed: 30, until: … }
 * ```
 */
export class RefusalCache {
  private readonly entries = new Map<string, RememberedRefusal>();

  /** `maxEntries` bounds the memory: past it the oldest refusal is forgotten (and asked again). */
  constructor(private readonly maxEntries = 50_000) {}

  /** Keeps that limit `spec` of the row `key` refuses until `until` (clock ms), at count `consumed`. */
  remember(key: string, spec: number, consumed: number, until: number): void {
    const known = this.entries.get(key);
    if (known && known.until >= until) return;
    if (known) this.entries.delete(key);
    else if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { spec, consumed, until });
  }

  /** The refusal still standing for any of `keys` at `now`, if one is. */
  find(keys: readonly string[], now: number): RememberedRefusal | undefined {
    for (const key of keys) {
      const known = this.entries.get(key);
      if (!known) continue;
      if (known.until > now) return known;
      this.entries.delete(key);
    }
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface RememberedRefusal {
  /** The index of the refusing limit in the configuration's specs. */
  spec: number;
  /** Its count when it refused (for the `RateLimit` headers). */
  consumed: number;
  /** When its window ends, on the guard's clock. */
  until: number;
}
