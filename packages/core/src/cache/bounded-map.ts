/**
 * A map bounded by a total size (the characters of its texts, the entries of its records), oldest
 * entry out first. Keys are strings or numbers (a number key costs no string to build or hash).
 *
 * The oldest key is kept in a queue rather than read with `map.keys().next()`: deleting from the
 * front of a `Map` leaves deleted slots there until the next rehash, and every `keys().next()`
 * walks past all of them, which made each eviction cost more than the scan it saved. Replacing a
 * key's value keeps its place in line.
 */
export class BoundedMap<V, K extends string | number = string> {
  private readonly map = new Map<K, V>();
  private queue: K[] = [];
  private head = 0;
  private size = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (key: K, value: V) => number,
  ) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    const previous = this.map.get(key);
    if (previous !== undefined) this.size -= this.sizeOf(key, previous);
    else this.queue.push(key);
    this.map.set(key, value);
    this.size += this.sizeOf(key, value);
    while (this.size > this.maxSize && this.head < this.queue.length) {
      const oldest = this.queue[this.head++]!;
      const evicted = this.map.get(oldest);
      if (evicted === undefined) continue;
      this.map.delete(oldest);
      this.size -= this.sizeOf(oldest, evicted);
    }
    // Drop the consumed front of the queue now and then, not on every eviction.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.map.clear();
    this.queue = [];
    this.head = 0;
    this.size = 0;
  }

  /** Number of entries (for tests). */
  get count(): number {
    return this.map.size;
  }
}
