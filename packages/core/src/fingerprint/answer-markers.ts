import { isDigit } from './answer-chars.js';
import { cjkOperatorAt, isCjkNumeral } from './answer-cjk-numerals.js';

// Where the computations are in the middle of a long answer, for the content reader's steered
// window (answer-working.ts). The reader reads only 1,000 characters of a long middle; an attacker
// who pads the middle with ordinary prose hides its working there, read only when a window lands on
// it. One cheap pass over the whole middle (a character test per character, no words, no
// allocation) finds the computation markers, an operator between two operands with a number
// beside it, and one window is drawn where they are dense: padding no longer dilutes the working.
// An attacker can plant markers as decoys to draw the window away, but a marker is what the reader
// counts as a computation, so a decoy dense enough to draw it is working the reader counts. Two
// things keep that true: an operator needs an operand on its left as well (a number, a one-letter
// variable, a closing bracket), so `+44 20 7946 0958` in a list of phone numbers is no marker;
// and a sentence gives at most {@link SENTENCE_MARKERS} markers, so one long chain of operators
// (`1+1+1+…`) weighs what one computed sentence does.

/** Characters per bucket of the marker count (half a window). */
export const MARKER_BUCKET = 250;
/** A window's weight grows with the square of its markers, capped here: dense working outweighs scattered figures. */
const MARKER_CAP = 16;
/**
 * Markers a window needs before it weighs anything: a computed sentence has one or two ("3 + 1 = 4"),
 * a derivation many. Scattered figures, or decoys of one computation each, draw nothing.
 */
const MARKER_FLOOR = 2;
/** Characters either side of an operator searched for a digit. */
const MARKER_REACH = 3;
/** Markers one sentence can give: "60 × 2 = 120" has two. */
const SENTENCE_MARKERS = 2;

let weights = new Float64Array(64);

/** The characters below U+3000 that can be an operator (1: = + - * / − × ÷ · ⋅ ≈) or end a sentence (2: . ! ? ; and a line's end). */
const OPERATOR_CHAR = new Uint8Array(0x3000);
for (const c of [61, 43, 45, 42, 47, 0x2212, 0xd7, 0xf7, 0xb7, 0x22c5, 0x2248]) OPERATOR_CHAR[c] = 1;
for (const c of [10, 46, 33, 63, 59, 0x964, 0x965, 0x61f, 0x6d4]) OPERATOR_CHAR[c] = 2;

/** An operator the content reader reads (the same set as its `operator()` calls). */
function isOperatorAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  const next = text.charCodeAt(i + 1);
  if (c === 61) return next !== 61 && next !== 62 && prev !== 61 && prev !== 60 && prev !== 62 && prev !== 33;
  if (c === 43 || c === 0x2212 || c === 0xd7 || c === 0xf7 || c === 0xb7 || c === 0x22c5 || c === 0x2248 || c === 0xff0b || c === 0xff1d) return true;
  return (c === 45 || c === 42 || c === 47) && prev === 32 && next === 32;
}

const isNumeral = (c: number) => isDigit(c) || isCjkNumeral(c);

/**
 * An operand on the left of the operator at `i`, as the reader counts one: the nearest character
 * before it other than a space, on the same line, is a numeral, a letter that is a word of its own
 * (`x`, the `c` of `2c`), or a closing bracket or power (`)`, `²`, `%`).
 */
function operandBefore(text: string, i: number, from: number): boolean {
  let k = i - 1;
  while (k >= from && k > i - 1 - MARKER_REACH && text.charCodeAt(k) === 32) k--;
  if (k < from) return false;
  const c = text.charCodeAt(k);
  if (isNumeral(c) || c === 41 || c === 0xb2 || c === 0xb3 || c === 37) return true;
  const letter = (d: number) => (d >= 97 && d <= 122) || (d >= 65 && d <= 90);
  return letter(c) && !(k > from && letter(text.charCodeAt(k - 1)));
}

/** A digit or a Chinese or Japanese numeral within {@link MARKER_REACH} characters of `i`. */
function digitNear(text: string, i: number, from: number, to: number): boolean {
  for (let k = 1; k <= MARKER_REACH; k++) {
    if (i - k >= from && isNumeral(text.charCodeAt(i - k))) return true;
    if (i + k < to && isNumeral(text.charCodeAt(i + k))) return true;
  }
  return false;
}

/**
 * Counts computation markers in `text[from, to)` per bucket of {@link MARKER_BUCKET} characters and
 * returns the buckets' weights (valid up to the bucket count) and their sum. The array is reused
 * by the next call.
 */
export function markerWeights(text: string, from: number, to: number): { weights: Float64Array; total: number; buckets: number } {
  const buckets = Math.ceil((to - from) / MARKER_BUCKET);
  if (weights.length < buckets) weights = new Float64Array(Math.max(buckets, weights.length * 2));
  weights.fill(0, 0, buckets);
  let inSentence = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let marker = false;
    if (c < 0x3000) {
      // One table read rejects most characters (letters, spaces, digits, punctuation).
      const kind = OPERATOR_CHAR[c];
      if (kind === 0) continue;
      if (kind === 2) {
        if (!(c === 46 && isDigit(text.charCodeAt(i + 1)))) inSentence = 0;
        continue;
      }
      if (isOperatorAt(text, i)) marker = operandBefore(text, i, from) && digitNear(text, i, from, to);
    } else if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b) {
      inSentence = 0;
      continue;
    } else if (c === 0xff0b || c === 0xff1d) marker = operandBefore(text, i, from) && digitNear(text, i, from, to);
    else if (i > from && isCjkNumeral(text.charCodeAt(i - 1)) && !isCjkNumeral(c)) {
      const len = cjkOperatorAt(text, i, to);
      marker = len > 0 && isCjkNumeral(text.charCodeAt(i + len));
    }
    if (marker && inSentence < SENTENCE_MARKERS) {
      inSentence++;
      weights[Math.floor((i - from) / MARKER_BUCKET)]!++;
    }
  }
  // A window spans two buckets: a bucket's weight is that of the window starting at it (its markers
  // and the next bucket's), so a derivation split over a bucket's edge is found whole.
  let total = 0;
  for (let b = 0; b < buckets; b++) {
    const m = Math.max(0, Math.min(weights[b]! + (b + 1 < buckets ? weights[b + 1]! : 0), MARKER_CAP) - MARKER_FLOOR);
    weights[b] = m * m;
    total += weights[b]!;
  }
  return { weights, total, buckets };
}

/** The bucket a draw `u` in [0, 1) lands on, each bucket in proportion to its weight (`total` > 0). */
export function drawBucket(weights: Float64Array, buckets: number, total: number, u: number): number {
  let left = u * total;
  for (let b = 0; b < buckets; b++) {
    left -= weights[b]!;
    if (left < 0) return b;
  }
  return buckets - 1;
}
