/**
 * A quick test of whether a text can hold a word flood (the same word four times in a row, one to
 * three separators apart): `foldText`'s flood patterns use a back-reference, which a regular
 * expression engine tries at every word of every text, and a flood is rare. One pass over the
 * characters, no strings built; when it says no, the pattern cannot match (it errs on the side of
 * yes: separators are counted in UTF-16 units, up to six, so that three code points always fit).
 */
import { wordEndAt } from './word-chars.js';

/** Repeats of one word that make a flood, and the widest gap between two of them. */
const FLOOD_WORDS = 4;
const MAX_GAP_UNITS = 6;

function sameWord(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** False when `text` has no word repeated {@link FLOOD_WORDS} times in a row with short gaps. */
export function mayHaveWordFlood(text: string): boolean {
  let prevStart = -1;
  let prevLength = 0;
  let prevEnd = -1;
  let run = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    i = wordEndAt(text, i);
    if (i === start) {
      i++;
      continue;
    }
    const length = i - start;
    const gap = start - prevEnd;
    run = prevStart >= 0 && gap <= MAX_GAP_UNITS && length === prevLength && sameWord(text, start, prevStart, length) ? run + 1 : 1;
    if (run >= FLOOD_WORDS) return true;
    prevStart = start;
    prevLength = length;
    prevEnd = i;
  }
  return false;
}
