/**
 * Hashed n-gram features: character 3- to 5-grams and word 1- and 2-grams of a folded text,
 * each hashed (FNV-1a, then mixed) into one of 2^18 weights and counted once per text.
 * Document-channel texts also emit every feature a second time into a document-only copy of the
 * table, so one model learns both what is suspicious anywhere and what is suspicious only inside
 * data.
 */
import { mix32 } from '../../fingerprint/index.js';

export const HASH_BITS = 18;
export const HASH_SIZE = 1 << HASH_BITS;
const MASK = HASH_SIZE - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x27d4eb2f;
const DOC_SALT = 0x165667b1;

/** The character used in n-grams: digits as `0`, every kind of space as one space. */
function charOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c === 0x0a || c === 0x0d || c === 0x09) return 0x20;
  return c;
}

function isWordChar(c: number): boolean {
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

/**
 * Each feature counts once per text: `seen[index] === pass` marks an index already counted in the
 * current pass of {@link hashFeatures}. Counted again, a line repeated k times weighed √k times as
 * much as written once (the sum grows k-fold, its normaliser √k-fold), so a document's repeated
 * filler lines outweighed everything else in it.
 */
const seen = new Uint8Array(HASH_SIZE);
let pass = 0;
/** What {@link weightOf} returns for a feature already counted: no weight, and not counted again. */
const REPEATED = -1024;

/**
 * The weight of one feature (`h`, before mixing): its shared index's, plus its document-only
 * index's for a document, or {@link REPEATED} when its shared index was already counted in this
 * pass. Each index counted is appended to `record` when one is given.
 */
function weightOf(weights: Int8Array, h: number, document: boolean, record: FeatureBuffer | undefined, current: number): number {
  const m = mix32(h);
  const index = m & MASK;
  if (seen[index] === current) return REPEATED;
  seen[index] = current;
  if (record !== undefined) record.push(index);
  if (!document) return weights[index]!;
  const docIndex = mix32(m ^ DOC_SALT) & MASK;
  if (record !== undefined) record.push(docIndex);
  return weights[index]! + weights[docIndex]!;
}

/**
 * Sums the weights of the hashed features of `folded[start, end)`; with `document`, each feature
 * counts twice (shared and document-only index). The sum is taken while hashing, so scoring
 * builds no list of indices (that halved this step's cost); `target.record` asks for one.
 */
export function hashFeatures(folded: string, start: number, end: number, document: boolean, target: HashTarget): HashedSum {
  const weights = target.weights;
  const record = target.record;
  // One byte a mark (256 KiB beside the weights' 256), cleared every 255 passes.
  if (pass === 0xff) {
    seen.fill(0);
    pass = 0;
  }
  const current = ++pass;
  let sum = 0;
  let features = 0;
  let w = 0;
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
      const wordHash = mix32(word ^ WORD_SALT);
      w = weightOf(weights, wordHash, document, record, current);
      if (w !== REPEATED) {
        sum += w;
        features++;
      }
      if (havePrev) {
        w = weightOf(weights, Math.imul(prevWord, 31) ^ wordHash ^ BIGRAM_SALT, document, record, current);
        if (w !== REPEATED) {
          sum += w;
          features++;
        }
      }
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
      w = weightOf(weights, h ^ 3, document, record, current);
      if (w !== REPEATED) {
        sum += w;
        features++;
      }
      if (p3 >= 0) {
        h = Math.imul(h ^ p3, FNV_PRIME);
        w = weightOf(weights, h ^ 4, document, record, current);
        if (w !== REPEATED) {
          sum += w;
          features++;
        }
        if (p4 >= 0) {
          w = weightOf(weights, Math.imul(h ^ p4, FNV_PRIME) ^ 5, document, record, current);
          if (w !== REPEATED) {
            sum += w;
            features++;
          }
        }
      }
    }
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = c;
  }
  return { sum, count: document ? 2 * features : features };
}
