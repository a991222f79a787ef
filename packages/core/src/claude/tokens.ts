import type { MessageDigests, MessagesBody } from '../request/index.js';
import type { TokenMemory } from './token-memory.js';

/**
 * An upper bound on a request's input tokens, for reserving budget before the call (the real
 * count reconciles it afterwards). A budget is only a bound if the reservation is never below
 * what the API bills, for any text; and it is only useful if ordinary prose is not reserved at
 * several times its cost. So the text is read by character class, each at the most tokens a
 * byte-level BPE tokenizer spends on it:
 *
 * | class | reserved |
 * |---|---|
 * | an ordinary word (letters, a vowel, no long consonant cluster, no case change inside) | 1 token up to 6 letters, 2 up to 10, 3 up to 14, then a token per 4 letters |
 * | any other run of letters and digits (base64, hashes, identifiers, nonsense) | a token per 2 characters |
 * | a run of digits alone | a token per digit |
 * | ASCII punctuation and symbols | a token each |
 * | a newline; other whitespace beyond one between words | a token each; a token per 4 |
 * | a letter with an accent, Greek, Cyrillic | a token per 2 letters |
 * | other scripts up to U+1FFF (Hebrew, Arabic, Indic, Thai…), a non-ASCII space | a token each |
 * | Chinese, Japanese, Korean | 2 tokens each |
 * | anything else (emoji, symbols, private use) | 4 tokens per code point (its UTF-8 bytes at most) |
 *
 * plus 4 tokens a message or content block and 8 for the request. With a {@link TokenMemory}, a
 * conversation's messages already estimated on an earlier turn are not read again (`digests`, the
 * request's {@link MessageDigests} when the caller has them, tell them apart). English prose comes out about
 * 1.2-1.5 times its real count; a run of punctuation, CJK, emoji, base64 or long numbers is never
 * under it. Measured in `packages/core/test/claude/tokens.test.ts`.
 *
 * @example
 * ```ts
 * estimateInputTokens({ messages: [{ role: 'user', content: '!'.repeat(3000) }] }); // >= 3000
 * ```
 */
export function estimateInputTokens(body: Pick<MessagesBody, 'messages' | 'system' | 'tools'>, memory?: TokenMemory, digests?: MessageDigests): number {
  // Runs on every request: plain loops, no closures, nothing allocated.
  let tokens = 8 + 4 * body.messages.length;
  if (memory !== undefined) tokens += memory.messageTokens(body.messages, textTokens, digests);
  else for (const m of body.messages) if (typeof m.content === 'string') tokens += textTokens(m.content);
  for (const m of body.messages) if (Array.isArray(m.content)) tokens += blockTokens(m.content);
  const system = body.system;
  if (typeof system === 'string') tokens += textTokens(system);
  else if (Array.isArray(system)) tokens += blockTokens(system);
  if (body.tools) tokens += textTokens(JSON.stringify(body.tools));
  return tokens;
}

function blockTokens(blocks: readonly unknown[]): number {
  let tokens = 0;
  for (const block of blocks) {
    tokens += 4;
    if (!block || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    if (typeof b.text === 'string') tokens += textTokens(b.text);
    // An image is billed by its size (about (width × height) / 750 tokens, at most about 1,600
    // for the largest the API keeps); a document by its pages. Reserve the image maximum.
    else if (b.type === 'image' || b.type === 'document') tokens += 1_600;
    else tokens += textTokens(JSON.stringify(b));
  }
  return tokens;
}

const enum K {
  Lower = 1,
  Upper = 2,
  Digit = 3,
  Space = 4,
  Newline = 5,
  Punct = 6,
}

/** ASCII character kinds, and which lower-case letters are vowels. */
const ASCII_KIND = new Uint8Array(128);
const VOWEL = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_KIND[c] = c >= 97 && c <= 122 ? K.Lower : c >= 65 && c <= 90 ? K.Upper : c >= 48 && c <= 57 ? K.Digit : c === 10 ? K.Newline : c === 32 || c === 9 || c === 13 || c === 11 || c === 12 ? K.Space : K.Punct;
}
for (const v of 'aeiouyAEIOUY') VOWEL[v.charCodeAt(0)] = 1;

/** Tokens of an ordinary word of `letters` letters. */
function wordTokens(letters: number): number {
  if (letters <= 6) return 1;
  if (letters <= 10) return 2;
  if (letters <= 14) return 3;
  return 3 + Math.ceil((letters - 14) / 4);
}

/** The reserved token count of a text (see {@link estimateInputTokens}). */
export function textTokens(text: string): number {
  let tokens = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const kind = ASCII_KIND[c]!;
      if (kind === K.Lower || kind === K.Upper || kind === K.Digit) {
        // A run of letters and digits: an ordinary word, digits alone, or anything else.
        const start = i;
        let letters = 0;
        let digits = 0;
        let vowels = 0;
        let cluster = 0;
        let longCluster = false;
        let caseBreak = false;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d >= 128) break;
          const k = ASCII_KIND[d]!;
          if (k === K.Digit) digits++;
          else if (k === K.Lower || k === K.Upper) {
            letters++;
            // A capital after the first letter (camelCase, base64) makes the run irregular.
            if (k === K.Upper && i > start && ASCII_KIND[text.charCodeAt(i - 1)] === K.Lower) caseBreak = true;
            if (VOWEL[d]) {
              vowels++;
              cluster = 0;
            } else if (++cluster >= 5) longCluster = true;
          } else break;
          i++;
        }
        const length = i - start;
        if (letters === 0) tokens += digits;
        else if (digits === 0 && vowels > 0 && !longCluster && !caseBreak) tokens += wordTokens(letters);
        else tokens += Math.max(Math.ceil(length / 2), runSegments(text, start, i));
      } else if (kind === K.Space) {
        const start = i;
        while (i < n && ASCII_KIND[text.charCodeAt(i)] === K.Space) i++;
        // One space before a word belongs to the word's token.
        if (i - start > 1) tokens += Math.ceil((i - start - 1) / 4);
      } else {
        tokens++;
        i++;
      }
      continue;
    }
    // Outside ASCII: one code point at a time.
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (isCjk(code)) tokens += 2;
    else if (isPairedAlphabet(code)) {
      // Letters of an alphabet: a token per two, counted on the run.
      let run = 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 128 || !isPairedAlphabet(d)) break;
        run++;
        i++;
      }
      tokens += Math.ceil(run / 2);
    } else if (code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || (code >= 0x530 && code <= 0x1fff)) tokens++;
    else tokens += 4;
  }
  return tokens;
}

/**
 * Tokens of the letter and digit segments of the run `text[start, end)`, a token per 7 letters or
 * 3 digits of each at the least (how tokenizers split where digits and letters alternate, as in
 * hex). Counted apart, and only for a run that is not an ordinary word: most runs are, and the
 * word loop then tracks nothing it does not use.
 */
function runSegments(text: string, start: number, end: number): number {
  let segments = 0;
  let i = start;
  while (i < end) {
    const digit = ASCII_KIND[text.charCodeAt(i)] === K.Digit;
    const from = i;
    while (i < end && (ASCII_KIND[text.charCodeAt(i)] === K.Digit) === digit) i++;
    segments += Math.ceil((i - from) / (digit ? 3 : 7));
  }
  return segments;
}

/** Chinese, Japanese and Korean characters (ideographs, kana, hangul, their punctuation). */
function isCjk(code: number): boolean {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef) || (code >= 0x20000 && code <= 0x3134f);
}

/** Latin letters with accents, Greek and Cyrillic: about two to a token. (Other scripts, up to U+1FFF, are reserved a token each.) */
function isPairedAlphabet(code: number): boolean {
  return (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x370 && code <= 0x52f);
}
