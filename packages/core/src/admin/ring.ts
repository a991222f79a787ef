/**
 * A fixed-capacity ring buffer: pushing past capacity overwrites the oldest item, so memory stays
 * bounded however much traffic flows through.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** The newest item, if any. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.next - 1 + this.capacity) % this.capacity];
  }

  /** Up to `limit` items, newest first, that pass `keep`. */
  newest(limit = this.count, keep?: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity] as T;
      if (!keep || keep(item)) out.push(item);
    }
    return out;
  }
}
