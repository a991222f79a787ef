/**
 * Cue matching for Chinese and Japanese. These scripts put no spaces between words, so the
 * scanner sees a whole clause as one long token and word hashes cannot name a cue; instead cue
 * substrings are looked up on the text itself. The table indexes cues by their first character
 * (a typed array over the CJK block, no hashing), so a pass costs one array read per CJK
 * character plus a `startsWith` per candidate: linear in the span, no allocation, no regex.
 */

/** First code unit the table covers (CJK punctuation, kana, ideographs, full-width forms). */
const BASE = 0x3000;
const SIZE = 0xffff - BASE + 1;

/** A compiled cue table: entries grouped by first character, each with a kind (bit index < 31). */
export interface CjkTable {
  readonly head: Int16Array;
  readonly next: Int16Array;
  readonly text: readonly string[];
  readonly kind: Uint8Array;
}

/** Compiles `[substring, kind]` entries (kinds 0..30; substrings must start at or above U+3000). */
export function cjkTable(entries: ReadonlyArray<readonly [string, number]>): CjkTable {
  const head = new Int16Array(SIZE).fill(-1);
  const next = new Int16Array(entries.length).fill(-1);
  const kind = new Uint8Array(entries.length);
  const text: string[] = [];
  entries.forEach(([s, k], i) => {
    const c = s.charCodeAt(0) - BASE;
    if (c < 0 || k > 30) throw new Error(`cjk cue out of range: ${s}`);
    text.push(s);
    kind[i] = k;
    next[i] = head[c]!;
    head[c] = i;
  });
  return { head, next, text, kind };
}

/** Position of the first match of each kind in the last {@link cjkMatch} call (-1: none). */
export const cjkAt = new Int32Array(31);

/**
 * Bit mask of the cue kinds found in `text[from, to)`. Also records where each kind first
 * matched in {@link cjkAt}, for rules that care about order ("steps, then a conclusion").
 */
export function cjkMatch(table: CjkTable, text: string, from: number, to: number): number {
  let mask = 0;
  const { head, next } = table;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - BASE;
    if (c < 0) continue;
    for (let e = head[c]!; e >= 0; e = next[e]!) {
      const s = table.text[e]!;
      if (i + s.length <= to && text.startsWith(s, i)) {
        const bit = 1 << table.kind[e]!;
        if (!(mask & bit)) {
          mask |= bit;
          cjkAt[table.kind[e]!] = i;
        }
      }
    }
  }
  return mask;
}

/** Whether `c` is a character of a script written without spaces (kana, CJK ideographs, Hangul). */
export function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * A first-character filter for short lists of CJK strings that are tried with `startsWith` at one
 * position: one array read rejects almost every position before any comparison.
 */
export function firstChars(...lists: ReadonlyArray<readonly string[]>): Uint8Array {
  const out = new Uint8Array(SIZE);
  for (const list of lists) for (const w of list) if (w.charCodeAt(0) >= BASE) out[w.charCodeAt(0) - BASE] = 1;
  return out;
}

/** Whether `c` may start one of the strings behind `filter`. */
export function mayStart(filter: Uint8Array, c: number): boolean {
  return c >= BASE && filter[c - BASE] === 1;
}

const NUMERAL_CODES = new Set(Array.from('一二三四五六七八九十', (c) => c.charCodeAt(0)));

/** A digit (ASCII or full-width) or a Chinese numeral up to ten: the number of a step label. */
export function isNumeral(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || NUMERAL_CODES.has(c);
}

/** A Chinese numeral up to ten (一 … 十). */
export function isHanNumeral(c: number): boolean {
  return NUMERAL_CODES.has(c);
}
