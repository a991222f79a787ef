import { isLetter } from './answer-chars.js';
import { lexKey } from './lexicon.js';

// One served answer as its readers (answer.ts: layout, answer-working.ts: content) share it. Both
// read the answer's first 1,500 and last 500 characters word by word, and hashing a word's letters
// is the larger part of a reader's per-character work; within a reading each word there is hashed
// once, by whichever reader reaches it first, and the other is handed its key and its end.
//
// A word is shared only when it ended by itself (the next character cannot continue it): a reader
// that stops a word early (at a window's edge, at a string's closing quote) or starts one in the
// middle of another hashes it itself, so every reader sees exactly the keys it would compute alone.

/** Characters of an answer's start whose words are shared (the readers' head). */
const HEAD_CHARS = 1500;
/** Characters of an answer's end whose words are shared (the readers' tail). */
const TAIL_CHARS = 500;
const SLOTS = HEAD_CHARS + TAIL_CHARS;

/**
 * The words of the answer being read, by start position: `stamp[slot] === reading` marks a word
 * start hashed in this reading (no clearing between answers), `ends` where it ended, `keys` its
 * lexicon key.
 */
const stamp = new Uint32Array(SLOTS);
const ends = new Int32Array(SLOTS);
const keys = new Int32Array(SLOTS);
let reading = 0;
let current: string | undefined;
/** Where the tail's slots start in the current answer (its length less {@link TAIL_CHARS}, at least the head's end). */
let tailFrom = 0;

/**
 * Reads `text` with every answer reader called inside `read`, each word of its head and tail hashed
 * once for all of them. Outside a reading, the readers hash every word themselves; a reading of the
 * same text inside one joins it, a reading of another text starts afresh (and the outer reading
 * goes on without the words read so far).
 *
 * @example
 * ```ts
 * const p = withAnswerReading(text, (t) => Math.max(answerReasoningScore(t), answerWorkingScore(t)));
 * ```
 */
export function withAnswerReading<T>(text: string, read: (text: string) => T): T {
  if (text === current) return read(text);
  const outer = current;
  begin(text);
  try {
    return read(text);
  } finally {
    // The answer is not kept past its reading.
    if (outer === undefined) current = undefined;
    else begin(outer);
  }
}

/** Starts a reading of `text`: a new stamp, so no word of an earlier reading is taken for one of this. */
function begin(text: string): void {
  reading = reading === 0xffffffff ? 1 : reading + 1;
  if (reading === 1) stamp.fill(0);
  current = text;
  tailFrom = Math.max(HEAD_CHARS, text.length - TAIL_CHARS);
}

/** The slot of a word starting at `i`, or -1 outside the shared head and tail. */
function slotOf(i: number): number {
  if (i < HEAD_CHARS) return i;
  if (i >= tailFrom) return HEAD_CHARS + (i - tailFrom);
  return -1;
}

/** The key of the word {@link readWord} read last (state, so that a reader's loop allocates nothing). */
export const lastWord = { key: 0 };

/**
 * Reads the Latin word starting at `i` (a letter) up to `end`, case-folded, an inner apostrophe
 * ("don't", "l’eau") kept as one; sets {@link lastWord}'s key and returns the index after the word.
 * Inside {@link withAnswerReading}, a word of the answer's head or tail already read is handed over.
 */
export function readWord(text: string, i: number, end: number): number {
  const slot = text === current ? slotOf(i) : -1;
  if (slot >= 0 && stamp[slot] === reading) {
    const after = ends[slot]!;
    if (after <= end) {
      lastWord.key = keys[slot]!;
      return after;
    }
    return hashWord(text, i, end);
  }
  const after = hashWord(text, i, end);
  // Shared only when the word ended by itself, not at `end`.
  if (slot >= 0 && !continuesWord(text, after)) {
    stamp[slot] = reading;
    ends[slot] = after;
    keys[slot] = lastWord.key;
  }
  return after;
}

function hashWord(text: string, i: number, end: number): number {
  let h = 0x811c9dc5;
  while (i < end) {
    let d = text.charCodeAt(i);
    if (d === 39 || d === 0x2019) {
      if (!isLetter(text.charCodeAt(i + 1))) break;
      d = 39;
    } else if (!isLetter(d)) break;
    if (d >= 65 && d <= 90) d += 32;
    h = Math.imul(h ^ d, 0x01000193);
    i++;
  }
  lastWord.key = lexKey(h);
  return i;
}

/** Whether the character at `i` would continue a word: a letter, or an apostrophe before one. */
function continuesWord(text: string, i: number): boolean {
  const d = text.charCodeAt(i);
  return isLetter(d) || ((d === 39 || d === 0x2019) && isLetter(text.charCodeAt(i + 1)));
}
