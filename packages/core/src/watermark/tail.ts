import { LOOKBACK, type WrittenCodes } from './lookback.js';

/**
 * Codes the ring holds: a power of two, room for the window and for what is read ahead of it.
 * When `lookBehind` reads, what lies read ahead past the end is at most a member and the
 * character after it (the automaton stops at the first event, and the scanner writes what it
 * read before it first), far less than Ring.SIZE - LOOKBACK: the window is never overwritten.
 */
export const enum Ring {
  SIZE = 1024,
  /** A position's slot in the ring: `position & Ring.MASK`. A const enum: see `StepBits`. */
  MASK = SIZE - 1,
}

/**
 * Rings of tails whose text is done, for the next ones: a new ring (2 KB, zeroed, outside V8's
 * heap) cost more than 1 µs, more than writing a short answer's tail.
 */
const SPARE_RINGS: Uint16Array[] = [];
const MAX_SPARE_RINGS = 64;
/** The ring of a tail that has none (between texts): never written. */
const NO_RING: Uint16Array = new Uint16Array(0);

/**
 * The end of what the scanner wrote since the text began or the last protected span, for
 * `lookBehind`: UTF-16 codes in a ring, by position (the number of codes before it since the
 * scanner's text began).
 *
 * Why codes and not a string: the automaton that reads prose (`advance`) copies each code it
 * reads into the ring, at the position it will have when written, one store per character on
 * top of the lookup it does anyway. Prose written as it was read (most of a text) is then in the
 * tail already, and `wroteRead` only moves the end. Appending each delta to a string instead
 * made a string per delta, and copied the whole tail whenever it was cut back or read. Text
 * read ahead and not written (a held word, the text after an event) lies past the end, where
 * nothing reads it, until it is written or overwritten. A tail has a ring from `open` to
 * `close`: one text.
 *
 * @example
 * ```ts
 * const tail = new WrittenTail();
 * tail.open(TEXT_START_CODE);
 * tail.add('It is good.');
 * tail.add(' For');
 * tail.codeAt(tail.end - 1); // 114 ('r'); tail.codeAt(0) is TEXT_START_CODE
 * ```
 */
export class WrittenTail implements WrittenCodes {
  /** The ring: the code at `position` is `codes[position & Ring.MASK]`. */
  codes: Uint16Array = NO_RING;
  /** The position after the last code written. */
  end = 0;
  /** Changes whenever the tail does: what was read from it holds while it is the same. */
  version = 0;
  /** Position of the sentinel the tail starts with. */
  private start = 0;

  /** Whether the tail has a ring: between `open` and `close`. */
  get isOpen(): boolean {
    return this.codes !== NO_RING;
  }

  /** Starts a text, with a ring, after `sentinel`. */
  open(sentinel: number): void {
    if (this.codes === NO_RING) this.codes = SPARE_RINGS.pop() ?? new Uint16Array(Ring.SIZE);
    this.end = 0;
    this.reset(sentinel);
  }

  /** The text is done: its ring goes to the next tail opened. */
  close(): void {
    if (this.codes !== NO_RING && SPARE_RINGS.length < MAX_SPARE_RINGS) SPARE_RINGS.push(this.codes);
    this.codes = NO_RING;
  }

  /** Starts again after `sentinel` (`TEXT_START_CODE`, or `PROTECTED_CODE` after a span). */
  reset(sentinel: number): void {
    this.start = this.end;
    this.codes[this.end & Ring.MASK] = sentinel;
    this.end++;
    this.version++;
  }

  /** Appends text the automaton did not read into its place (rewritten, or read by other code). */
  add(text: string): void {
    const n = text.length;
    if (n === 0) return;
    const codes = this.codes;
    const at = this.end;
    // Only the last LOOKBACK codes can be read; earlier ones would be overwritten in the ring.
    for (let i = n > LOOKBACK ? n - LOOKBACK : 0; i < n; i++) codes[(at + i) & Ring.MASK] = text.charCodeAt(i);
    this.end += n;
    this.version++;
  }

  /** The next `length` codes past the end, copied there by the automaton as it read them, are written. */
  wroteRead(length: number): void {
    if (length === 0) return;
    this.end += length;
    this.version++;
  }

  get windowStart(): number {
    return Math.max(this.start, this.end - LOOKBACK);
  }

  codeAt(position: number): number {
    return this.codes[position & Ring.MASK]!;
  }
}
