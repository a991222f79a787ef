/**
 * Hashed n-gram features: character 3- to 5-grams and word 1- and 2-grams of a folded text,
 * each hashed (FNV-1a, then mixed) into one of 2^18 weights. Document-channel texts also emit
 * every feature a second time into a document-only copy of the table, so one model learns both
 * what is suspicious anywhere and what is suspicious only inside data.
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

/** A growable list of feature indices (duplicates allowed: a repeated n-gram counts again). */
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

/**
 * Appends the hashed features of `folded[start, end)` to `out`; with `document`, each feature is
 * appended twice (shared and document-only index).
 */
export function hashFeatures(folded: string, start: number, end: number, document: boolean, out: FeatureBuffer): void {
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
      const w = mix32(word ^ WORD_SALT);
      emit(out, w, document);
      if (havePrev) emit(out, Math.imul(prevWord, 31) ^ w ^ BIGRAM_SALT, document);
      prevWord = w;
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
      emit(out, h ^ 3, document);
      if (p3 >= 0) {
        h = Math.imul(h ^ p3, FNV_PRIME);
        emit(out, h ^ 4, document);
        if (p4 >= 0) emit(out, Math.imul(h ^ p4, FNV_PRIME) ^ 5, document);
      }
    }
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = c;
  }
}

/** Appends one feature: its shared index, and for a document its document-only index too. */
function emit(out: FeatureBuffer, h: number, document: boolean): void {
  const m = mix32(h);
  out.push(m & MASK);
  if (document) out.push(mix32(m ^ DOC_SALT) & MASK);
}
