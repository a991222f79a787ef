import { WORD_PAIRS } from './classes.js';

/**
 * Every prefix of every member as a trie on characters (lower case, `'` for both apostrophes,
 * one space between words), as a flat table: `NEXT[node * WIDTH + slot(c)]` is the next node, or
 * 0 for none (the root is never a child). A typed array rather than a map per node: this runs on
 * every stream chunk, and a map lookup per character was most of its cost.
 */
const WIDTH = 28; // a-z, space, apostrophe
const APOSTROPHE_SLOT = 27;
const SPACE_SLOT = 26;

function slotOf(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c === 32) return SPACE_SLOT;
  if (c === 39) return APOSTROPHE_SLOT;
  return -1;
}

const NEXT: Int16Array = (() => {
  const rows: number[][] = [new Array<number>(WIDTH).fill(0)];
  for (const p of WORD_PAIRS) {
    for (const m of p.members) {
      let node = 0;
      for (let i = 0; i < m.length; i++) {
        const slot = slotOf(m.charCodeAt(i));
        if (slot < 0) throw new Error(`watermark: member "${m}" has a character the trie cannot hold`);
        let next = rows[node]![slot]!;
        if (next === 0) {
          next = rows.length;
          rows.push(new Array<number>(WIDTH).fill(0));
          rows[node]![slot] = next;
        }
        node = next;
      }
    }
  }
  return Int16Array.from(rows.flat());
})();

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether `buf` from `start` to its end is a prefix of some member, spaces and tabs between words counting as one space. */
function isMemberPrefix(buf: string, start: number): boolean {
  let node = 0;
  for (let i = start; i < buf.length; i++) {
    let c = buf.charCodeAt(i);
    let slot: number;
    if (isSpaceOrTab(c)) {
      while (i + 1 < buf.length && isSpaceOrTab(buf.charCodeAt(i + 1))) i++;
      slot = SPACE_SLOT;
    } else if (isApostrophe(c)) slot = APOSTROPHE_SLOT;
    else {
      if (c >= 65 && c <= 90) c += 32;
      if (c < 97 || c > 122) return false;
      slot = c - 97;
    }
    const next = NEXT[node * WIDTH + slot]!;
    if (next === 0) return false;
    node = next;
  }
  return true;
}

/** Whether a word may start at `i` (`before` is the character written before the buffer, for `i = 0`). */
function wordStartsAt(buf: string, i: number, before: number): boolean {
  const c = i > 0 ? buf.charCodeAt(i - 1) : before;
  return !(isLetter(c) || isApostrophe(c) || (c >= 48 && c <= 57));
}

/**
 * Where a chunk that ends in the middle of a possible member should stop being written: the start
 * of its first word when the end of `buf` ("do", "do ", "do n", "It'") may still become a
 * member, else `buf.length`. Looks at the last two words only, without allocating: this runs on
 * every stream chunk.
 *
 * @example
 * ```ts
 * heldFrom('Please do n', 0, 32); // 7
 * heldFrom('Hello', 0, 32);       // 5: no member starts with "hello"
 * ```
 */
export function heldFrom(buf: string, from: number, before: number): number {
  const end = buf.length;
  let i = end;
  while (i > from && end - i <= 3 && isSpaceOrTab(buf.charCodeAt(i - 1))) i--;
  let j = i;
  while (j > from && end - j <= 24 && (isLetter(buf.charCodeAt(j - 1)) || isApostrophe(buf.charCodeAt(j - 1)))) j--;
  if (j === i) return end;
  // "do n": the word before too.
  let k = j;
  while (k > from && j - k < 4 && isSpaceOrTab(buf.charCodeAt(k - 1))) k--;
  if (k < j) {
    let w = k;
    while (w > from && k - w <= 13 && (isLetter(buf.charCodeAt(w - 1)) || isApostrophe(buf.charCodeAt(w - 1)))) w--;
    if (w < k && wordStartsAt(buf, w, before) && isMemberPrefix(buf, w)) return w;
  }
  return wordStartsAt(buf, j, before) && isMemberPrefix(buf, j) ? j : end;
}
