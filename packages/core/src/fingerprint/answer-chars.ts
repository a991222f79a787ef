import { lexKey } from './lexicon.js';

// Character classes and the word reader the answer readers (answer.ts: layout, answer-working.ts: content) share, by
// UTF-16 code unit so that a reader's per-character loop makes no string.

/** An ASCII or full-width digit. */
export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** A Latin letter, accented ones included (Latin-1 and Latin Extended-A/B, without × and ÷). */
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** The lexicon key of the word {@link readWord} read last (state, so that a reader's loop allocates nothing). */
export const lastWord = { key: 0 };

/**
 * Reads the Latin word starting at `i` (a letter) up to `end`, case-folded, an inner apostrophe
 * ("don't", "l’eau") kept as one; sets {@link lastWord}'s key and returns the index after the word.
 */
export function readWord(text: string, i: number, end: number): number {
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
