import { LOOKBACK, TEXT_START } from './lookback.js';

/** The tail is cut back to this many characters when it reaches twice as many (at least LOOKBACK). */
const KEEP = 256;

/**
 * The end of what the scanner wrote since the text began or the last protected span, for
 * `lookBehind`: a string built by appending, cut back now and then. (Keeping the pieces in an
 * array instead and joining them when read cost more on a stream: each piece stored was one
 * more reference for the collector to track.)
 *
 * @example
 * ```ts
 * const tail = new WrittenTail();
 * tail.add('It is good.');
 * tail.add(' For');
 * tail.window(); // '\u0002It is good. For'
 * ```
 */
export class WrittenTail {
  private text = TEXT_START;
  /** Changes whenever the tail does: what was read from it holds while it is the same. */
  version = 0;

  /** Starts again after `sentinel` (`TEXT_START`, or `PROTECTED` after a span). */
  reset(sentinel: string): void {
    this.text = sentinel;
    this.version++;
  }

  add(text: string): void {
    if (text.length === 0) return;
    this.text += text;
    this.version++;
    if (this.text.length > 2 * KEEP) this.text = this.text.slice(-KEEP);
  }

  /** The last LOOKBACK characters of the sentinel and the text written since (all of them when fewer). */
  window(): string {
    return this.text.length > LOOKBACK ? this.text.slice(-LOOKBACK) : this.text;
  }
}
