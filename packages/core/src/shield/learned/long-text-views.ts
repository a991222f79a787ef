/**
 * A long user text's ends and windows read as views of one pass over the whole text, where that
 * is exact: the n-gram hashes and their weights (`hashed-views.ts`), the character classes of
 * the structure features (`char-count-marks.ts`) and the folded text's word count. Everything
 * else of a piece (its fold, intents, rules and the structure's patterns) is still computed on
 * the piece itself. Each view gives what the direct computation gives, bit for bit; tests compare
 * them on random texts and spans.
 */
import { CharCountMarks } from './char-count-marks.js';
import { WholeTextHashes } from './hashed-views.js';
import type { HashedSum, HashTarget } from './hashing.js';
import { countWords, isSpaceCode, type CharCounts } from './structure.js';
import { userPieceSpans } from './user-windows.js';

/**
 * How `modelInput` gets the parts of a text that a long text's pieces can read off the whole's
 * pass; each must equal the direct computation (`hashFeatures` in the user channel without a
 * record, `charCounts(raw)`, `countWords(folded)`).
 */
export interface TextViews {
  hashed(folded: string, target: HashTarget): HashedSum;
  charCounts(raw: string): CharCounts;
  words(folded: string): number;
}

/**
 * The views of one long user text: {@link LongTextViews.whole} for the text itself (which also
 * makes the pass), then {@link LongTextViews.piece} with each piece's span, in the order of
 * `userPieceSpans`.
 *
 * @example
 * ```ts
 * const views = new LongTextViews();
 * modelInput(text, rule, 'user', target, dense, views.whole(text));
 * const spans = userPieceSpans(text.length);
 * for (let i = 0; i < spans.length; i += 2) modelInput(text.slice(spans[i], spans[i + 1]), ..., views.piece(spans[i], spans[i + 1]));
 * ```
 */
export class LongTextViews {
  private readonly hashes = new WholeTextHashes();
  private readonly marks = new CharCountMarks();
  private spans: Int32Array = new Int32Array(0);
  /** `wordStarts[i]`: words of the whole's folded text that start before `i`. */
  private wordStarts = new Int32Array(4096);
  private folded = '';
  private start = 0;
  private end = 0;

  private readonly wholeViews: TextViews = {
    hashed: (folded, target) => this.hashes.whole(folded, target),
    charCounts: (raw) => this.marks.mark(raw, this.spans),
    words: (folded) => this.markWords(folded),
  };

  private readonly pieceViews: TextViews = {
    hashed: (folded, target) => this.hashes.piece(folded, target),
    charCounts: () => this.marks.span(this.start, this.end),
    words: (folded) => this.pieceWords(folded),
  };

  /** The views for the whole of `text`, a user text of more than `LONG_USER_TEXT` characters. */
  whole(text: string): TextViews {
    this.spans = userPieceSpans(text.length);
    return this.wholeViews;
  }

  /** The views for the piece `text.slice(start, end)` of the text last given to {@link whole}, after the whole's model input. */
  piece(start: number, end: number): TextViews {
    this.start = start;
    this.end = end;
    return this.pieceViews;
  }

  /** `countWords(folded)`, keeping where each word starts. */
  private markWords(folded: string): number {
    const n = folded.length;
    if (this.wordStarts.length < n + 1) this.wordStarts = new Int32Array(Math.max(n + 1, 2 * this.wordStarts.length));
    const starts = this.wordStarts;
    let words = 0;
    let inWord = false;
    for (let i = 0; i < n; i++) {
      starts[i] = words;
      const space = isSpaceCode(folded.charCodeAt(i));
      if (!space && !inWord) words++;
      inWord = !space;
    }
    starts[n] = words;
    this.folded = folded;
    return words;
  }

  /** `countWords(folded)` of the piece whose hashes were just taken, where it was found in the whole's folded text. */
  private pieceWords(folded: string): number {
    const o = this.hashes.located;
    const m = folded.length;
    if (o < 0 || m === 0) return countWords(folded);
    const whole = this.folded;
    // A word the piece starts inside of is a word of the piece too.
    const cut = o > 0 && !isSpaceCode(whole.charCodeAt(o)) && !isSpaceCode(whole.charCodeAt(o - 1)) ? 1 : 0;
    return this.wordStarts[o + m]! - this.wordStarts[o]! + cut;
  }
}
