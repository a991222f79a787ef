/** Entries each per-address cache keeps before it starts over (bounds memory under address churn). */
const CACHE_ENTRIES = 50_000;

/**
 * Remembers `compute(key)` for keys that repeat (peer addresses on keep-alive connections, the
 * same clients behind a proxy): parsing and matching an address costs more than a lookup.
 */
export function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      if (seen.size >= CACHE_ENTRIES) seen.clear();
      value = compute(key);
      seen.set(key, value);
    }
    return value;
  };
}
