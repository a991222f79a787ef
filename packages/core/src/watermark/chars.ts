/**
 * Character classes on UTF-16 codes. The scanner reads answers a character at a time on every
 * stream delta; comparing codes costs no regular expression run and no one-character string.
 */

/** A to Z or a to z. */
export function isAsciiLetter(c: number): boolean {
  const lower = c | 32;
  return lower >= 97 && lower <= 122;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What `\b` counts as part of a word: `[A-Za-z0-9_]`. */
export function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === 95;
}

/** `'` or `’`, the two apostrophes the pairs are written with. */
export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

export function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** What `\s` matches. */
export function isWhitespace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * `text.charCodeAt(i)`, written so that V8's optimising compiler reads the string directly
 * whatever it has seen at this call site. Strings come in many internal forms (flat, sliced,
 * joined; one or two bytes a character), and a `text.charCodeAt` that has seen more than four
 * of them looks the method up in a generic cache at every call: on a stream of one-word
 * deltas, more than the automaton's table lookups cost. The lookups here are of constants.
 */
export function codeAt(text: string, i: number): number {
  return String.prototype.charCodeAt.call(text, i);
}

/**
 * `codeAt` where `i` may be past the end of `text` (NaN there). A function of its own: the first
 * read past the end makes the optimiser stop inlining the read at that call site, which every
 * `codeAt` shares, so `codeAt` is only given indexes inside the text.
 */
export function codeAtOrNaN(text: string, i: number): number {
  return String.prototype.charCodeAt.call(text, i);
}

/**
 * `text.slice(from, to)`, written like `codeAt` and for the same reason: `text.slice` looks the
 * method up on the string's internal form, in the generic cache once a call site has seen more
 * than four forms (a stream's deltas, and the buffers joined from them, have all of them).
 */
export function sliceOf(text: string, from: number, to?: number): string {
  return String.prototype.slice.call(text, from, to);
}

/** Whether `text` has a `’`; `text.includes` written like `codeAt` (see `sliceOf`). */
export function hasCurlyApostrophe(text: string): boolean {
  return String.prototype.includes.call(text, '\u2019');
}

/**
 * `text`, as a value V8's optimising compiler knows is a string, so that its `length` is read
 * directly rather than looked up in the generic cache (see `codeAt`). Returns `text`.
 */
export function asString(text: string): string {
  return '' + text; // an inline type check; `String(text)` is a call
}
