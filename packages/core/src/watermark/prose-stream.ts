import { isCandidate, rowAfter } from './prose-automaton.js';
import { asString, sliceOf } from './chars.js';
import { advance, type Cursor, type ProseStop } from './prose-scan.js';
import type { WrittenTail } from './tail.js';

/**
 * The scanner's fast path on a stream: prose read delta by delta, with the automaton's state
 * kept between deltas. A word held back ("do", which may become "do not") is not read again
 * when the next delta comes, no buffer is joined to read it, and the scanner's walk is not
 * set up around it (about a tenth of the cost of a stream of one-word deltas through the
 * route's rewriter). It takes the deltas with no event in them; at an event the scanner's
 * walk takes over with `held` and the delta, and writes what it would have written anyway.
 * What it reads goes into the scanner's `tail` as it reads it (see `advance`).
 *
 * @example
 * ```ts
 * const tail = new WrittenTail();
 * tail.open(TEXT_START_CODE);
 * const prose = new ProseStream(tail);
 * prose.resume(-1, '');
 * prose.read('Please do');  // 'Please ' ("do" may become "do not")
 * prose.read(' tell');      // 'do tell'
 * prose.read(' me `x`');    // undefined: a span opens, the scanner's walk takes it
 * ```
 */
export class ProseStream {
  /** Text read but not written yet: from the start of the member it may become. */
  held = '';
  /** `held.length`, kept as a number: a string's `length` costs a type check per read (see `asString`). */
  private heldLength = 0;
  /** How many characters the text the last `read` returned has. */
  written = 0;
  /** Whether the text the last `read` returned has a `’`. */
  wroteCurly = false;
  /** Where the automaton is at the end of `held`, indexes into `held`. */
  private readonly cursor: Cursor = { row: 0, start: 0, second: 0, curly: -1 };
  /** Index in `held` of its first `’`, or -1. */
  private heldCurly = -1;
  /**
   * Where the last `read` that returned undefined stopped, in `held` and the chunk after it,
   * with the first `’` before it (-1: none): what `scanProse` finds there (see `Scanner.run`).
   */
  readonly stopped: ProseStop = { event: -1, held: 0, curly: -1 };

  constructor(private readonly tail: WrittenTail) {}

  /**
   * Reads on after `before` (the last character written, -1 for none), with `held` (text the
   * scanner's walk held back) not written yet. False when `held` has an event in it: the walk
   * must take the next delta.
   */
  resume(before: number, held: string): boolean {
    const cursor = this.cursor;
    cursor.row = rowAfter(before);
    held = asString(held);
    this.held = held;
    this.heldLength = held.length;
    this.heldCurly = -1;
    if (held.length === 0) return true;
    if (advance(held, 0, held.length, 0, cursor, this.tail) >= 0) return false;
    this.heldCurly = cursor.curly;
    return true;
  }

  /**
   * The text to write now that `chunk` came, or undefined when it has an event: then the walk
   * takes `held` and the chunk, and `stopped` says where the event is (`advance` left the
   * cursor where it was).
   */
  read(chunk: string): string | undefined {
    chunk = asString(chunk);
    const cursor = this.cursor;
    const base = this.heldLength;
    const event = advance(chunk, 0, chunk.length, base, cursor, this.tail);
    const curly = this.heldCurly >= 0 ? this.heldCurly : cursor.curly;
    if (event >= 0) {
      this.stopped.event = event;
      this.stopped.curly = curly;
      return undefined;
    }
    if (!isCandidate(cursor.row)) {
      this.written = base + chunk.length;
      this.wroteCurly = curly >= 0;
      this.heldCurly = -1;
      if (base === 0) return chunk;
      const held = this.held;
      this.held = '';
      this.heldLength = 0;
      return held + chunk;
    }
    // Hold from the start of the member being read; it may have started in `held`.
    const start = cursor.start;
    cursor.start = 0;
    cursor.second -= start;
    this.written = start;
    this.heldLength = base + chunk.length - start;
    this.wroteCurly = curly >= 0 && curly < start;
    this.heldCurly = curly >= start ? curly - start : -1;
    if (base === 0) {
      this.held = sliceOf(chunk, start);
      return sliceOf(chunk, 0, start);
    }
    const held = asString(this.held);
    if (start < base) {
      this.held = sliceOf(held, start) + chunk;
      return sliceOf(held, 0, start);
    }
    this.held = sliceOf(chunk, start - base);
    return held + sliceOf(chunk, 0, start - base);
  }
}
