import { isDigit } from './answer-chars.js';
import { cjkOperatorAt, isCjkNumeral } from './answer-cjk-numerals.js';

// Where the computations are in the middle of a long answer, for the content reader's steered
// window (answer-working.ts). The reader reads only 1,000 characters of a long middle; an attacker
// who pads the middle with ordinary prose hides its working there, read only when a window lands on
// it. One cheap pass over the whole middle (a character test per character, no words, no
// allocation) finds the computation markers, an operator next to a number, and one window is drawn
// where they are dense: padding no longer dilutes the working. An attacker can plant markers as
// decoys to draw the window away, but a marker is what the reader counts as a computation, so a
// decoy dense enough to draw it is working the reader counts.

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

let weights = new Float64Array(64);

/** The characters below U+3000 that can be an operator: = + - * / − × ÷ · ⋅ ≈. */
const OPERATOR_CHAR = new Uint8Array(0x3000);
for (const c of [61, 43, 45, 42, 47, 0x2212, 0xd7, 0xf7, 0xb7, 0x22c5, 0x2248]) OPERATOR_CHAR[c] = 1;

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
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let marker = false;
    if (c < 0x3000) {
      // One table read rejects most characters (letters, spaces, digits, punctuation).
      if (OPERATOR_CHAR[c] === 1 && isOperatorAt(text, i)) marker = digitNear(text, i, from, to);
    } else if (c === 0xff0b || c === 0xff1d) marker = digitNear(text, i, from, to);
    else if (i > from && isCjkNumeral(text.charCodeAt(i - 1)) && !isCjkNumeral(c)) {
      const len = cjkOperatorAt(text, i, to);
      marker = len > 0 && isCjkNumeral(text.charCodeAt(i + len));
    }
    if (marker) weights[Math.floor((i - from) / MARKER_BUCKET)]!++;
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
