/**
 * Hashed n-gram features: character 3- to 5-grams and word 1- and 2-grams of a folded text,
 * each hashed (FNV-1a, then mixed) into one of 2^18 weights and counted once per text.
 * Document-channel texts also emit every feature a second time into a document-only copy of the
 * table, so one model learns both what is suspicious anywhere and what is suspicious only inside
 * data.
 */
import { mix32Signed as mix } from '../../fingerprint/hash.js';
import { IndexMarks } from './index-marks.js';

export const HASH_BITS = 18;
export const HASH_SIZE = 1 << HASH_BITS;
export const MASK = HASH_SIZE - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2f;
const DOC_SALT = 0x165667b1;

/** The character used in n-grams: digits as `0`, every kind of space as one space. */
export function charOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c === 0x0a || c === 0x0d || c === 0x09) return 0x20;
  return c;
}

export function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c !== 0x2019 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f));
}

/** A growable list of feature indices. */
export class FeatureBuffer {
  indices = new Int32Array(4096);
  length = 0;
  push(i: number): void {
    if (this.length === this.indices.length) {
      const next = new Int32Array(this.indices.length * 2);
      next.set(this.indices);
      this.indices = next;
    }
    this.indices[this.length++] = i;
  }
  reset(): void {
    this.length = 0;
  }
}

/** What the walk does with each feature: adds its weight, and appends its index to `record` when given (training, `injectionFeatures`). */
export interface HashTarget {
  weights: Int8Array;
  record?: FeatureBuffer;
}

/** What the model reads of a text's hashed features: the sum of their weights, and how many there were. */
export interface HashedSum {
  sum: number;
  count: number;
}

/** The current text's n-gram hashes, mixed, in order ({@link ngramHashes} fills it). */
let hashes = new Int32Array(8192);

/**
 * Writes the n-gram hashes (mixed: their low bits are the weight index) of `folded[start, end)`
 * into `out` in the order they count, and returns how many: at most 5 a position (character 3-, 4- and 5-grams, a word and
 * the bigram it ends), so `out` must hold `5 * (end - start + 1)`. {@link ngramHashesAt} is the
 * same walk, keeping where each character's hashes start; kept apart so that this one, which every
 * text takes, stays as it was (one call site, no extra argument to test per character).
 */
export function ngramHashes(folded: string, start: number, end: number, out: Int32Array): number {
  let n = 0;
  // Character n-grams over a padded view (a space before and after the text): p1 is the
  // character before the current one, p4 the one four before; -1 while there is none.
  let p1 = 0x20;
  let p2 = -1;
  let p3 = -1;
  let p4 = -1;
  let prevSpace = true;
  // Word 1- and 2-grams.
  let word = FNV_OFFSET;
  let wordLen = 0;
  let prevWord = 0;
  let havePrev = false;
  // No closures in this loop: variables a closure captures live on the heap, which made it twice as slow.
  for (let i = start; i <= end; i++) {
    const raw = i < end ? folded.charCodeAt(i) : 0x20;
    const c = charOf(raw);
    if (isWordChar(raw)) {
      word = Math.imul(word ^ c, FNV_PRIME);
      wordLen++;
    } else if (wordLen > 0) {
      // The word ends (the position after the text counts as a space, so the last word ends too).
      const wordHash = mix(word ^ WORD_SALT);
      out[n++] = mix(wordHash);
      if (havePrev) out[n++] = mix(Math.imul(prevWord, 31) ^ wordHash ^ BIGRAM_SALT);
      prevWord = wordHash;
      havePrev = true;
      word = FNV_OFFSET;
      wordLen = 0;
    }
    if (c === 0x20) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    if (p2 >= 0) {
      let h = Math.imul(Math.imul(Math.imul(FNV_OFFSET ^ c, FNV_PRIME) ^ p1, FNV_PRIME) ^ p2, FNV_PRIME);
      out[n++] = mix(h ^ 3);
      if (p3 >= 0) {
        h = Math.imul(h ^ p3, FNV_PRIME);
        out[n++] = mix(h ^ 4);
        if (p4 >= 0) out[n++] = mix(Math.imul(h ^ p4, FNV_PRIME) ^ 5);
      }
    }
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = c;
  }
  return n;
}

/**
 * {@link ngramHashes}, the same walk line for line (a test compares them), also setting
 * `positions[i - start]` (at least `end - start + 1` long) to how many hashes came before the walk
 * reached `folded[i]` (`i === end`: the padding space after the text), so the hashes a character
 * emits are `out[positions[i - start], positions[i - start + 1])`: `learned/hashed-views.ts`
 * reads a piece's hashes out of the whole text's that way.
 */
export function ngramHashesAt(folded: string, start: number, end: number, out: Int32Array, positions: Int32Array): number {
  let n = 0;
  // Character n-grams over a padded view (a space before and after the text): p1 is the
  // character before the current one, p4 the one four before; -1 while there is none.
  let p1 = 0x20;
  let p2 = -1;
  let p3 = -1;
  let p4 = -1;
  let prevSpace = true;
  // Word 1- and 2-grams.
  let word = FNV_OFFSET;
  let wordLen = 0;
  let prevWord = 0;
  let havePrev = false;
  // No closures in this loop: variables a closure captures live on the heap, which made it twice as slow.
  for (let i = start; i <= end; i++) {
    positions[i - start] = n;
    const raw = i < end ? folded.charCodeAt(i) : 0x20;
    const c = charOf(raw);
    if (isWordChar(raw)) {
      word = Math.imul(word ^ c, FNV_PRIME);
      wordLen++;
    } else if (wordLen > 0) {
      // The word ends (the position after the text counts as a space, so the last word ends too).
      const wordHash = mix(word ^ WORD_SALT);
      out[n++] = mix(wordHash);
      if (havePrev) out[n++] = mix(Math.imul(prevWord, 31) ^ wordHash ^ BIGRAM_SALT);
      prevWord = wordHash;
      havePrev = true;
      word = FNV_OFFSET;
      wordLen = 0;
    }
    if (c === 0x20) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    if (p2 >= 0) {
      let h = Math.imul(Math.imul(Math.imul(FNV_OFFSET ^ c, FNV_PRIME) ^ p1, FNV_PRIME) ^ p2, FNV_PRIME);
      out[n++] = mix(h ^ 3);
      if (p3 >= 0) {
        h = Math.imul(h ^ p3, FNV_PRIME);
        out[n++] = mix(h ^ 4);
        if (p4 >= 0) out[n++] = mix(Math.imul(h ^ p4, FNV_PRIME) ^ 5);
      }
    }
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = c;
  }
  return n;
}

/** The indices the current text has counted (see {@link IndexMarks}); all clear between texts. */
export const COUNTED = new IndexMarks(HASH_SIZE);

/**
 * Sums the weights of the hashed features of `folded[start, end)`, each index counted once;
 * with `document`, each feature counts twice (shared and document-only index). Each index
 * counted is appended to `target.record` when one is given (training, `injectionFeatures`).
 *
 * Each feature counts once per text: counted again, a line repeated k times weighed √k times as
 * much as written once (the sum grows k-fold, its normaliser √k-fold), so a document's repeated
 * filler lines outweighed everything else in it. Whether an index is new to the text is a bit of
 * {@link COUNTED} (32 KiB); its weight is one random read in the 256 KiB of weights.
 */
export function hashFeatures(folded: string, start: number, end: number, document: boolean, target: HashTarget): HashedSum {
  const weights = target.weights;
  const record = target.record;
  const most = 5 * (end - start + 1);
  if (hashes.length < most) hashes = new Int32Array(most);
  const n = ngramHashes(folded, start, end, hashes);
  const marks = COUNTED.words;
  let sum = 0;
  let features = 0;
  if (record === undefined && !document) {
    // The scorer's case, without a branch on whether a feature is new: n-grams repeat within a
    // text at random, so that branch was mispredicted about as often as not. Each feature's bit
    // is set whether or not it was already, and its weight counts `fresh` (1 or 0) times.
    for (let k = 0; k < n; k++) {
      const index = hashes[k]! & MASK;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * weights[index]!;
    }
    COUNTED.clear(hashes, n, MASK);
    return { sum, count: features };
  }
  if (record === undefined) {
    // The scorer's case in the document channel, branch-free too: each feature adds its shared
    // and its document-only weight `fresh` times. The document-only weight is read for a repeated
    // feature as well (its index is the one the first occurrence read, still in the caches);
    // with the branch, a document's segments took about a tenth longer to score.
    for (let k = 0; k < n; k++) {
      const m = hashes[k]!;
      const index = m & MASK;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * (weights[index]! + weights[mix(m ^ DOC_SALT) & MASK]!);
    }
    COUNTED.clear(hashes, n, MASK);
    return { sum, count: 2 * features };
  }
  for (let k = 0; k < n; k++) {
    const m = hashes[k]!;
    const index = m & MASK;
    const word = index >>> 5;
    const bit = 1 << (index & 31);
    const bits = marks[word]!;
    if ((bits & bit) !== 0) continue;
    marks[word] = bits | bit;
    features++;
    sum += weights[index]!;
    if (record !== undefined) record.push(index);
    if (document) {
      const docIndex = mix(m ^ DOC_SALT) & MASK;
      sum += weights[docIndex]!;
      if (record !== undefined) record.push(docIndex);
    }
  }
  COUNTED.clear(hashes, n, MASK);
  return { sum, count: document ? 2 * features : features };
}
