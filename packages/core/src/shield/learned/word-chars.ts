/** A letter or digit of any script (`\p{L}\p{N}`), for code points beyond ASCII. */
const WIDE_WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** ASCII letters and digits (1, else 0); `\p{L}\p{N}` beyond ASCII is asked of {@link WIDE_WORD_CHAR}. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0));

/**
 * The length of the letter or digit (`\p{L}\p{N}`) at `i` in UTF-16 units: 1, 2 for one beyond
 * the Basic Multilingual Plane, or 0 when there is none (a lone surrogate half included). For
 * scans that split words as `/[\p{L}\p{N}]+/gu` does, one character at a time and with no
 * regular expression over the whole text.
 *
 * @example
 * ```ts
 * wordCharAt('a!', 0); // 1
 * wordCharAt('a!', 1); // 0
 * ```
 */
export function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_WORD[c]!;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i)!;
    return cp > 0xffff && WIDE_WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return WIDE_WORD_CHAR.test(text[i]!) ? 1 : 0;
}

/**
 * The end of the word (run of `\p{L}\p{N}`, as `/[\p{L}\p{N}]+/gu` splits) that starts at `i`, or
 * `i` when none starts there. ASCII is read from {@link ASCII_WORD} here rather than through a
 * call of {@link wordCharAt} per character, which cost the word loops more than their own work.
 */
export function wordEndAt(text: string, i: number): number {
  const end = text.length;
  while (i < end) {
    const c = text.charCodeAt(i);
    const n = c < 0x80 ? ASCII_WORD[c]! : wordCharAt(text, i);
    if (n === 0) break;
    i += n;
  }
  return i;
}
