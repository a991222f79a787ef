/**
 * What the scanner reads behind a candidate word: the previous word (the context every choice is
 * keyed by), whether the word starts a sentence, and whether it stands alone in its chunk. It
 * reads the text already written, so a marked answer and a copy of it agree on every context.
 */

/** Marks the start of the text in the scanner's tail. */
export const TEXT_START = '\u0002';
/** Stands for a protected span (code, quote, JSON...) in the scanner's tail. */
export const PROTECTED = '\u0001';
/** Context of a word whose previous chunk is not a plain word (a number, a URL, code...). */
export const OTHER_CONTEXT = '<x>';
/** Context of the first word of a text. */
export const START_CONTEXT = '<s>';

/**
 * How far back the scanner looks. The tail it keeps is longer (see `Scanner`), so the window is
 * the same however a stream was cut into chunks.
 */
export const LOOKBACK = 200;

export interface Behind {
  /** The word's chunk starts with the word, or with opening brackets or emphasis only. */
  clean: boolean;
  context: string;
  sentenceStart: boolean;
}

const OPENERS = '([*_';
const PLAIN_CHUNK = /^[([*_]*([A-Za-z]+(?:['\u2019][A-Za-z]+)*)[.,;:!?)\]*_]*$/;
const SENTENCE_END = /[.!?:][)\]*_]*$/;
const LIST_MARKER = /^(?:[-*+\u2022]|\d{1,3}[.)]|#{1,6})$/;
const NOT_CLEAN: Behind = { clean: false, context: OTHER_CONTEXT, sentenceStart: false };

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || (c > '\u007f' && /\s/.test(c));
}

/** The lower-case word a chunk consists of (`'` for `’`), or undefined when it is not one plain word. */
export function plainWord(chunk: string): string | undefined {
  const m = PLAIN_CHUNK.exec(chunk);
  return m ? m[1]!.toLowerCase().replace(/\u2019/g, "'") : undefined;
}

/**
 * Reads `tail` (the text written before a candidate word, at most {@link LOOKBACK} characters
 * of it, starting with a sentinel when the text since the last protected span is shorter).
 *
 * @example
 * ```ts
 * lookBehind(`${TEXT_START}It is good. For`.slice(0, -3)); // { clean: true, context: 'good', sentenceStart: true }
 * ```
 */
export function lookBehind(tail: string): Behind {
  let i = tail.length;
  while (i > 0 && OPENERS.includes(tail[i - 1]!)) i--;
  if (i === 0) return NOT_CLEAN;
  const before = tail[i - 1]!;
  if (before === TEXT_START) return { clean: true, context: START_CONTEXT, sentenceStart: true };
  if (!isSpace(before)) return NOT_CLEAN;
  let j = i;
  while (j > 0 && isSpace(tail[j - 1]!)) j--;
  const newline = tail.slice(j, i).includes('\n');
  if (j === 0 || tail[j - 1] === PROTECTED) return { clean: true, context: OTHER_CONTEXT, sentenceStart: newline };
  if (tail[j - 1] === TEXT_START) return { clean: true, context: START_CONTEXT, sentenceStart: true };
  let k = j;
  while (k > 0 && !isSpace(tail[k - 1]!) && tail[k - 1] !== PROTECTED && tail[k - 1] !== TEXT_START) k--;
  const chunk = tail.slice(k, j);
  // A chunk cut by the window's start, or glued to a protected span, is no plain word.
  const whole = k > 0 && tail[k - 1] !== PROTECTED;
  const context = whole ? (plainWord(chunk) ?? OTHER_CONTEXT) : OTHER_CONTEXT;
  let sentenceStart = newline || SENTENCE_END.test(chunk);
  if (!sentenceStart && whole && LIST_MARKER.test(chunk)) {
    // "- Finally, ..." and "2. First, ..." start sentences too.
    let m = k - 1;
    while (m > 0 && (tail[m] === ' ' || tail[m] === '\t')) m--;
    sentenceStart = tail[m] === '\n' || tail[m] === TEXT_START;
  }
  return { clean: true, context, sentenceStart };
}
