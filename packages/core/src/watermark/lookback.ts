import { isApostrophe, isAsciiLetter, isDigit, isWhitespace } from './chars.js';

/**
 * What the scanner reads behind a candidate word: the previous word (the context every choice is
 * keyed by), whether the word starts a sentence, and whether it stands alone in its chunk. It
 * reads the text already written, so a marked answer and a copy of it agree on every context.
 */

/** Marks the start of the text in the scanner's tail (`\u0002`). */
export const TEXT_START_CODE = 2;
/** Stands for a protected span (code, quote, JSON...) in the scanner's tail (`\u0001`). */
export const PROTECTED_CODE = 1;
/** Context of a word whose previous chunk is not a plain word (a number, a URL, code...). */
export const OTHER_CONTEXT = '<x>';
/** Context of the first word of a text. */
export const START_CONTEXT = '<s>';

/**
 * How far back the scanner looks. The tail it keeps is longer (see `WrittenTail`), so the window
 * is the same however a stream was cut into chunks.
 */
export const LOOKBACK = 200;

/** The text written before a candidate word, by position (see `WrittenTail`). */
export interface WrittenCodes {
  /** The first position `lookBehind` reads: the sentinel, or LOOKBACK before the end. */
  readonly windowStart: number;
  /** The position after the last character written. */
  readonly end: number;
  /** The UTF-16 code at `position`, from `windowStart` to before `end`. */
  codeAt(position: number): number;
}

export interface Behind {
  /** The word's chunk starts with the word, or with opening brackets or emphasis only. */
  clean: boolean;
  context: string;
  sentenceStart: boolean;
}

const NEWLINE = 10;
const NOT_CLEAN: Behind = { clean: false, context: OTHER_CONTEXT, sentenceStart: false };
const AT_TEXT_START: Behind = { clean: true, context: START_CONTEXT, sentenceStart: true };

/** `(`, `[`, `*`, `_`: what may open a chunk before its word. */
function isOpener(c: number): boolean {
  return c === 40 || c === 91 || c === 42 || c === 95;
}

/** What may close a chunk after its word: `.,;:!?)]*_`. */
function isCloser(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 42 || c === 95;
}

/** Whitespace between chunks (`\v` and `\f` are not). */
function isSpace(c: number): boolean {
  return c === 32 || c === NEWLINE || c === 9 || c === 13 || (c > 0x7f && isWhitespace(c));
}

/** Whether a chunk is separated from what is before it: not a space, nor a sentinel. */
function isChunkChar(c: number): boolean {
  return !isSpace(c) && c !== PROTECTED_CODE && c !== TEXT_START_CODE;
}

/** The lower-case word `tail[from, to)` consists of (`'` for `’`), after openers and before closers; undefined when it is not one plain word. */
function plainWord(tail: WrittenCodes, from: number, to: number): string | undefined {
  let i = from;
  while (i < to && isOpener(tail.codeAt(i))) i++;
  const start = i;
  while (i < to && isAsciiLetter(tail.codeAt(i))) i++;
  if (i === start) return undefined;
  while (i + 1 < to && isApostrophe(tail.codeAt(i)) && isAsciiLetter(tail.codeAt(i + 1))) {
    i += 2;
    while (i < to && isAsciiLetter(tail.codeAt(i))) i++;
  }
  const end = i;
  while (i < to && isCloser(tail.codeAt(i))) i++;
  if (i < to) return undefined;
  let word = '';
  // Letters and apostrophes only: `| 32` puts a letter in lower case and leaves `'` as it is.
  for (let p = start; p < end; p++) {
    const c = tail.codeAt(p);
    word += String.fromCharCode(c === 0x2019 ? 39 : c | 32);
  }
  return word;
}

/** A chunk that ends a sentence: `.`, `!`, `?` or `:`, then closing brackets or emphasis. */
function endsSentence(tail: WrittenCodes, from: number, to: number): boolean {
  let i = to;
  for (let c = tail.codeAt(i - 1); i > from && (c === 41 || c === 93 || c === 42 || c === 95); c = tail.codeAt(i - 1)) i--;
  if (i === from) return false;
  const c = tail.codeAt(i - 1);
  return c === 46 || c === 33 || c === 63 || c === 58;
}

/** A list item's marker: `-`, `*`, `+`, `•`, one to three digits and `.` or `)`, or one to six `#`. */
function isListMarker(tail: WrittenCodes, from: number, to: number): boolean {
  const length = to - from;
  const first = tail.codeAt(from);
  if (length === 1 && (first === 45 || first === 42 || first === 43 || first === 0x2022)) return true;
  if (first === 35) {
    for (let i = from; i < to; i++) if (tail.codeAt(i) !== 35) return false;
    return length <= 6;
  }
  if (length < 2 || length > 4) return false;
  for (let i = from; i < to - 1; i++) if (!isDigit(tail.codeAt(i))) return false;
  const last = tail.codeAt(to - 1);
  return last === 46 || last === 41;
}

/**
 * Reads the end of `tail`, the text written before a candidate word: at most its last
 * {@link LOOKBACK} characters (it starts with a sentinel when the text since the last protected
 * span is shorter). One pass over character codes, backwards from the word.
 *
 * @example
 * ```ts
 * const tail = new WrittenTail();
 * tail.open(TEXT_START_CODE);
 * tail.add('It is good. ');
 * lookBehind(tail); // { clean: true, context: 'good', sentenceStart: true }
 * ```
 */
export function lookBehind(tail: WrittenCodes): Behind {
  const window = tail.windowStart;
  let i = tail.end;
  while (i > window && isOpener(tail.codeAt(i - 1))) i--;
  if (i === window) return NOT_CLEAN;
  const before = tail.codeAt(i - 1);
  if (before === TEXT_START_CODE) return AT_TEXT_START;
  if (!isSpace(before)) return NOT_CLEAN;
  let j = i;
  let newline = false;
  for (; j > window && isSpace(tail.codeAt(j - 1)); j--) if (tail.codeAt(j - 1) === NEWLINE) newline = true;
  if (j === window || tail.codeAt(j - 1) === PROTECTED_CODE) return { clean: true, context: OTHER_CONTEXT, sentenceStart: newline };
  if (tail.codeAt(j - 1) === TEXT_START_CODE) return AT_TEXT_START;
  let k = j;
  while (k > window && isChunkChar(tail.codeAt(k - 1))) k--;
  // A chunk cut by the window's start, or glued to a protected span, is no plain word.
  const whole = k > window && tail.codeAt(k - 1) !== PROTECTED_CODE;
  const context = (whole && plainWord(tail, k, j)) || OTHER_CONTEXT;
  let sentenceStart = newline || endsSentence(tail, k, j);
  if (!sentenceStart && whole && isListMarker(tail, k, j)) {
    // "- Finally, ..." and "2. First, ..." start sentences too.
    let m = k - 1;
    while (m > window && (tail.codeAt(m) === 32 || tail.codeAt(m) === 9)) m--;
    const c = tail.codeAt(m);
    sentenceStart = c === NEWLINE || c === TEXT_START_CODE;
  }
  return { clean: true, context, sentenceStart };
}
