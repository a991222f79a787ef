import { foldLetterLikes } from '../letter-likes.js';
import { scannedOf, type ScannedText } from '../scanned-text.js';
import { mayHaveWordFlood } from './flood-check.js';
import { transliterate } from './transliterate.js';
import { ASCII_SENTENCE_END, SENTENCE_END_CHARS, WORDS } from './words.js';

/** A text folded for the learned scorer, with counts of the disguises undone. */
export interface FoldedText {
  /** Lower-case Latin-script text: look-alikes, leetspeak, joiners, doubled letters and floods undone. */
  text: string;
  /** Words that mixed Latin with Cyrillic or Greek look-alikes. */
  disguised: number;
  /** Digits and symbols read as letters (`1gn0r3`, `@dmin`). */
  leet: number;
  /** Letters that were spelled apart (`i g n o r e`, `i.g.n.o.r.e`, `i_g_n_o_r_e`; `ignore_all` is read as two words, not counted). */
  joined: number;
  /** Repeated words and symbols removed from floods (`go go go go …`, `\ \ \ \ …`). */
  flood: number;
}

const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Characters that show nothing (Unicode's default-ignorable code points and format marks): zero-width
 * and bidi controls, the soft hyphen, Hangul fillers, tag characters, variation selectors (U+FE00..FE0F,
 * U+E0100..), the Khmer inherent vowels, the Mongolian variation selectors, the interlinear annotation
 * marks, the musical formatting characters and the shorthand format controls. One after every letter
 * leaves the text looking the same and the words unread (white-box round 6).
 */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]|\ud834[\udd73-\udd7a]|\ud82f[\udca0-\udca3]/g;
/** Spaces that NFKD leaves as they are (the Ogham space mark), read as a space. */
const ODD_SPACE = /\u1680/g;
const COMBINING = /[\u0300-\u036f]/g;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's' };
/** Symbols used to split a word apart: they never carry meaning between two letters. */
const SPLITTERS = /[\\|*_~^`]+/g;
/** Three or more single letters, each separated by the same one character (`i g n o r e`, `p.r.o.m.p.t`). */
const SPELLED = /(?<![\p{L}\p{N}])\p{L}([ .\-+/,:])\p{L}(?:\1\p{L})+(?![\p{L}\p{N}])/gu;
const DOUBLED = /(\p{L})\1+/gu;
/** The same word four or more times in a row. */
const WORD_FLOOD = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)(?:[^\p{L}\p{N}]{1,3}\1(?![\p{L}\p{N}])){3,}/gu;
/** The same symbol (or symbol and space) five or more times. */
const SYMBOL_FLOOD = /([^\p{L}\p{N}\s])(?:\s?\1){4,}/gu;
const SPACES = /[ \t\u00a0\u3000]{2,}/g;
/**
 * The same four patterns for a text that is all ASCII (most texts): without the `u` flag and
 * Unicode classes they run two to three times faster, and on ASCII they match exactly the same.
 */
const ASCII_SPELLED = /(?<![a-z0-9])[a-z]([ .\-+/,:])[a-z](?:\1[a-z])+(?![a-z0-9])/g;
const ASCII_DOUBLED = /([a-z])\1+/g;
const ASCII_WORD_FLOOD = /(?<![a-z0-9])([a-z0-9]+)(?:[^a-z0-9]{1,3}\1(?![a-z0-9])){3,}/g;
const ASCII_SYMBOL_FLOOD = /([^a-z0-9\s])(?:\s?\1){4,}/g;

/** The flood patterns of one alphabet: the ASCII forms, or the Unicode ones (about four times slower). */
interface FloodPatterns {
  word: RegExp;
  symbol: RegExp;
}
const ASCII_FLOODS: FloodPatterns = { word: ASCII_WORD_FLOOD, symbol: ASCII_SYMBOL_FLOOD };
const UNICODE_FLOODS: FloodPatterns = { word: WORD_FLOOD, symbol: SYMBOL_FLOOD };

/**
 * Cuts a word repeated four times or more to three, a symbol repeated five times or more to
 * three, and runs of blanks to one space, in that order; each step only when its flag says the
 * caller saw it could match. `flood` counts the words and symbols cut.
 */
function cutFloods(text: string, patterns: FloodPatterns, words: boolean, symbols: boolean, blanks: boolean): { text: string; flood: number } {
  let flood = 0;
  if (words) {
    text = text.replace(patterns.word, (s, w: string) => {
      flood += Math.max(0, Math.round(s.length / (w.length + 1)) - 3);
      return `${w} ${w} ${w}`;
    });
  }
  if (symbols) {
    text = text.replace(patterns.symbol, (s, c: string) => {
      flood += s.length - 3;
      return c + c + c;
    });
  }
  if (blanks) text = text.replace(SPACES, ' ');
  return { text, flood };
}
/** A letter next to a leet character: every word that mixes them has one. */
const LEET_NEXT_TO_LETTER_ALL = /[a-z][0-9@$]|[0-9@$][a-z]/g;

const LETTER = /\p{L}/u;
const isLetter = (c: string | undefined): boolean => c !== undefined && LETTER.test(c);
/** Whether `text[i]` is a letter with no letter or digit beyond it (in direction `dir`): a piece one letter long. */
function singleLetterAt(text: string, i: number, dir: 1 | -1): boolean {
  if (!isLetter(text[i])) return false;
  const next = text[i + dir];
  return !(isLetter(next) || (next !== undefined && next >= '0' && next <= '9'));
}

/** `[0-9]` by char code (false for NaN). */
const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** `[a-z0-9@$]`: a character of a word as leetspeak writes it (`1gn0r3`, `@dmin`). */
function isLeetWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24;
}

const isHexChar = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
/** `+`, `/`, `=`: base64's characters beyond letters and digits. */
const isBase64Extra = (c: number): boolean => c === 0x2b || c === 0x2f || c === 0x3d;

/** How far the run of characters `inRun` accepts reaches around `text[start, end)`: its whole length. */
function runLength(text: string, start: number, end: number, inRun: (c: number) => boolean): number {
  while (start > 0 && inRun(text.charCodeAt(start - 1))) start--;
  while (end < text.length && inRun(text.charCodeAt(end))) end++;
  return end - start;
}

/**
 * Whether the leet word `text[start, end)` is an encoded value rather than a word: base64 (a word
 * of 16 characters or more, or a run of 24 or more with `+`, `/` and `=`), or hex (8 or more hex
 * digits, or a UUID's groups). Leetspeak disguises words, and words are short; read as leetspeak,
 * a key or hash in an honest question turned into letters and a leetspeak count.
 */
function isEncodedValue(text: string, start: number, end: number): boolean {
  if (end - start >= 16) return true;
  let hex = true;
  for (let i = start; i < end && hex; i++) hex = isHexChar(text.charCodeAt(i));
  if (hex && (end - start >= 8 || runLength(text, start, end, (c) => isHexChar(c) || c === 0x2d) >= 16)) return true;
  return runLength(text, start, end, (c) => isLeetWordChar(c) || isBase64Extra(c)) >= 24;
}

/**
 * Leetspeak read as letters: in every word (a run of `[a-z0-9@$]` with a letter) that has a leet character, each one
 * becomes its letter unless it is a digit beside another digit. Encoded values (base64, hex: see
 * {@link isEncodedValue}) are left as they are and not counted. Such a word always has a letter
 * beside a leet character, so the words are found from those spots (`LEET_NEXT_TO_LETTER_ALL`)
 * rather than by calling a function for every word of the text.
 */
export function undoLeetspeak(text: string): { text: string; count: number } {
  LEET_NEXT_TO_LETTER_ALL.lastIndex = 0;
  let m = LEET_NEXT_TO_LETTER_ALL.exec(text);
  if (m === null) return { text, count: 0 };
  let count = 0;
  let out = '';
  let copied = 0;
  while (m !== null) {
    let start = m.index;
    while (start > 0 && isLeetWordChar(text.charCodeAt(start - 1))) start--;
    let end = m.index + 2;
    while (end < text.length && isLeetWordChar(text.charCodeAt(end))) end++;
    if (isEncodedValue(text, start, end)) {
      LEET_NEXT_TO_LETTER_ALL.lastIndex = end;
      m = LEET_NEXT_TO_LETTER_ALL.exec(text);
      continue;
    }
    const w = text.slice(start, end);
    let s = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i]!;
      const to = LEET[ch];
      // A digit next to another digit is a number ("covid19", "h264"); between letters it is a
      // letter. Read by char code (NaN past either end): two regular expressions per character
      // were most of this function's time on chat text with a number in a word.
      const digitNear = isDigitCode(w.charCodeAt(i - 1)) || isDigitCode(w.charCodeAt(i + 1));
      if (to !== undefined && !(ch >= '0' && ch <= '9' && digitNear)) {
        s += to;
        count++;
      } else s += ch;
    }
    out += text.slice(copied, start) + s;
    copied = end;
    LEET_NEXT_TO_LETTER_ALL.lastIndex = end;
    m = LEET_NEXT_TO_LETTER_ALL.exec(text);
  }
  return { text: out + text.slice(copied), count };
}


/** What an ASCII character is to {@link foldAscii}: bits, one table read per character. */
const LOWER = 1;
const DIGIT = 2;
/** `@` and `$`: the leet characters that are not digits. */
const LEET_SYMBOL = 4;
/** The characters of `SPLITTERS`. */
const SPLITTER = 8;
/** What `ASCII_SPELLED` allows between letters spelled apart. */
const SPELL_SEPARATOR = 16;
/** `\s` of a regular expression. */
const SPACE = 32;
/** Space and tab: what `SPACES` matches in ASCII. */
const BLANK = 64;
const ASCII_BITS = Uint8Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  let b = 0;
  if (c >= 0x61 && c <= 0x7a) b |= LOWER;
  if (c >= 0x30 && c <= 0x39) b |= DIGIT;
  if (ch === '@' || ch === '$') b |= LEET_SYMBOL;
  if ('\\|*_~^`'.includes(ch)) b |= SPLITTER;
  if (' .-+/,:'.includes(ch)) b |= SPELL_SEPARATOR;
  if (/\s/.test(ch)) b |= SPACE;
  if (ch === ' ' || ch === '\t') b |= BLANK;
  return b;
});
const WORD_BITS = LOWER | DIGIT;
const LEET_BITS = DIGIT | LEET_SYMBOL;
const isAsciiLower = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/** `headKeyAt` (words.ts) of a word of `length` units whose first four are `a`, `b`, `c`, `d`. */
function headOf(length: number, a: number, b: number, c: number, d: number): number {
  const n = length < 4 ? length : 4;
  let h = (Math.imul(n, 0x01000193) ^ a) | 0;
  if (n > 1) h = (Math.imul(h, 0x01000193) ^ b) | 0;
  if (n > 2) h = (Math.imul(h, 0x01000193) ^ c) | 0;
  if (n > 3) h = (Math.imul(h, 0x01000193) ^ d) | 0;
  return h;
}

/**
 * {@link foldTextByPatterns} of an ASCII text in one pass, for the texts where most of its
 * patterns have nothing to do (nineteen in twenty of chat traffic). `lower` is the lower-case
 * text. The pass drops doubled letters itself (`ASCII_DOUBLED`, the one pattern that matches in
 * nearly every text, and the dearest) and tells whether each other pattern could match: a
 * splitter, a letter beside a leet character, three letters spelled apart, one word four times in
 * a row, one symbol five times, two blanks. Each is a necessary condition of its pattern where
 * the pattern runs (dropping doubled letters never makes or breaks a run of symbols or blanks; a
 * word flood is looked for among the words as they are once dropped, by hash and length). Returns
 * `undefined` when the text needs the patterns from the start (a splitter, leetspeak read,
 * letters spelled apart); runs a flood or blank pattern only when its condition holds.
 */
function foldAscii(lower: string, leetRead: boolean): FoldedText | null | undefined {
  const n = lower.length;
  let out = '';
  let copied = 0;
  let dropping = false;
  let prev = -1;
  let prevBits = 0;
  let leetNear = false;
  let blanks = false;
  // One symbol, each at most one white-space character after the one before: how many in a row.
  let symbol = -1;
  let symbolAt = -3;
  let symbols = 0;
  let symbolRun = false;
  // Words as they are once doubled letters are dropped: hash, length, where they start and end.
  let inWord = false;
  let wordHash = 0;
  let wordLength = 0;
  let wordStart = 0;
  let prevHash = 0;
  let prevLength = -1;
  let prevEnd = -100;
  let repeats = 0;
  let wordFlood = false;
  // The words of the folded text, for the intents (see `WORDS`): where they start once doubled
  // letters are dropped, whether a sentence starts there, their first four characters.
  WORDS.begin();
  let dropped = 0;
  let ended = true;
  let sentenceStart = false;
  let out0 = 0;
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 0x20;
    const bits = c < 0x80 ? ASCII_BITS[c]! : 0;
    if ((bits & LOWER) !== 0) {
      if ((prevBits & LEET_BITS) !== 0) leetNear = true;
      if (c === prev) {
        // A doubled letter (`ASCII_DOUBLED`): dropped, and not part of the word the flood check reads.
        if (!dropping) {
          out += lower.slice(copied, i);
          dropping = true;
        }
        dropped++;
        continue;
      }
      // Letters spelled apart start here (`ASCII_SPELLED` needs at least `a b c`).
      if ((prevBits & WORD_BITS) === 0 && i + 4 < n) {
        const sep = lower.charCodeAt(i + 1);
        if (sep < 0x80 && (ASCII_BITS[sep]! & SPELL_SEPARATOR) !== 0 && lower.charCodeAt(i + 3) === sep && isAsciiLower(lower.charCodeAt(i + 2)) && isAsciiLower(lower.charCodeAt(i + 4))) return undefined;
      }
    } else if ((bits & SPLITTER) !== 0) return null;
    else if ((bits & LEET_BITS) !== 0 && (prevBits & LOWER) !== 0) leetNear = true;
    if (dropping) {
      copied = i;
      dropping = false;
    }
    if ((bits & WORD_BITS) !== 0) {
      if (!inWord) {
        inWord = true;
        wordHash = 0;
        wordLength = 0;
        wordStart = i;
        out0 = i - dropped;
        sentenceStart = ended;
        ended = false;
      }
      wordHash = Math.imul(wordHash ^ c, 0x01000193);
      if (wordLength < 4) {
        if (wordLength === 0) h0 = c;
        else if (wordLength === 1) h1 = c;
        else if (wordLength === 2) h2 = c;
        else h3 = c;
      }
      wordLength++;
    } else {
      if (i < n && ASCII_SENTENCE_END[c] === 1) ended = true;
      if (inWord) {
        inWord = false;
        WORDS.push(out0, i - dropped, sentenceStart, headOf(wordLength, h0, h1, h2, h3));
        repeats = wordLength === prevLength && wordHash === prevHash && wordStart - prevEnd <= 3 ? repeats + 1 : 1;
        if (repeats >= 4) wordFlood = true;
        prevHash = wordHash;
        prevLength = wordLength;
        prevEnd = i;
      }
      if ((bits & SPACE) !== 0) {
        if (i < n && (bits & BLANK) !== 0 && (prevBits & BLANK) !== 0) blanks = true;
      } else if (i < n) {
        if (c === symbol && (i - symbolAt === 1 || (i - symbolAt === 2 && (ASCII_BITS[lower.charCodeAt(i - 1)]! & SPACE) !== 0))) {
          if (++symbols >= 5) symbolRun = true;
        } else {
          symbol = c;
          symbols = 1;
        }
        symbolAt = i;
      }
    }
    prev = c;
    prevBits = bits;
  }
  if (leetNear && !leetRead && undoLeetspeak(lower).count > 0) return null;
  const text = copied === 0 ? lower : out + lower.slice(copied);
  if (!(wordFlood || symbolRun || blanks)) {
    WORDS.done(text);
    return { text, disguised: 0, leet: 0, joined: 0, flood: 0 };
  }
  // The patterns move characters: the words are split again from the text.
  // A word flood cut to three changes the symbols and blanks around it: then every pattern runs.
  const cut = cutFloods(text, ASCII_FLOODS, wordFlood, symbolRun || wordFlood, blanks || wordFlood);
  return { text: cut.text, disguised: 0, leet: 0, joined: 0, flood: cut.flood };
}

/** Bits of a code point for {@link foldWide}: `\p{L}`, `\p{N}`, `\s`, a blank of `SPACES`. */
const W_LETTER = 1;
const W_NUMBER = 2;
const W_SPACE = 4;
const W_BLANK = 8;
const W_KNOWN = 128;
const W_WORD = W_LETTER | W_NUMBER;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_SPACE = /^\s$/;
/** The bits of each code point of the Basic Multilingual Plane, filled in as they are first seen. */
const BMP_BITS = new Uint8Array(0x10000);
const ASTRAL_BITS = new Map<number, number>();
function bitsOf(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return W_KNOWN | (IS_LETTER.test(ch) ? W_LETTER : 0) | (IS_NUMBER.test(ch) ? W_NUMBER : 0) | (IS_SPACE.test(ch) ? W_SPACE : 0) | (cp === 0x20 || cp === 0x09 || cp === 0xa0 || cp === 0x3000 ? W_BLANK : 0);
}
function wideBits(cp: number): number {
  if (cp <= 0xffff) {
    const b = BMP_BITS[cp]!;
    return b !== 0 ? b : (BMP_BITS[cp] = bitsOf(cp));
  }
  let b = ASTRAL_BITS.get(cp);
  if (b === undefined) ASTRAL_BITS.set(cp, (b = bitsOf(cp)));
  return b;
}
/** The bits of the code point at `i` (`undefined` past the end reads as none). */
function bitsAt(text: string, i: number): number {
  return i < text.length ? wideBits(text.codePointAt(i)!) : 0;
}
const unitsOf = (cp: number): number => (cp > 0xffff ? 2 : 1);

/**
 * {@link foldAscii} for a text that is not ASCII once invisible characters, diacritics, case and
 * Cyrillic and Greek letters are folded (`text`): the same one pass by code point, with `\p{L}`,
 * `\p{N}` and `\s` read from a table filled as code points are first seen, in place of the
 * Unicode patterns (`SPELLED`, `DOUBLED`, `WORD_FLOOD`, `SYMBOL_FLOOD`), which cost four times
 * their ASCII forms. `disguised` is the transliteration's count.
 */
function foldWide(text: string, leetRead: boolean): FoldedText | null | undefined {
  const n = text.length;
  let out = '';
  let copied = 0;
  let dropping = false;
  let prevCp = -1;
  let prevBits = 0;
  let leetNear = false;
  let blanks = false;
  // Code points are counted (k) for the symbol runs, whose gaps are counted in code points.
  let k = 0;
  let symbol = -1;
  let symbolK = -3;
  let symbols = 0;
  let symbolRun = false;
  let inWord = false;
  let wordHash = 0;
  let wordLength = 0;
  let prevHash = 0;
  let prevLength = -1;
  /** Code points since the last word ended (the flood's separators: one to three). */
  let gap = 100;
  let repeats = 0;
  let wordFlood = false;
  // The words of the folded text, as in foldAscii (`WORDS`); offsets and head keys in UTF-16 units.
  WORDS.begin();
  let dropped = 0;
  let ended = true;
  let sentenceStart = false;
  let out0 = 0;
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  for (let i = 0; i <= n; k++) {
    const cp = i < n ? text.codePointAt(i)! : 0x20;
    const units = unitsOf(cp);
    const bits = cp < 0x80 ? ASCII_WIDE_BITS[cp]! : wideBits(cp);
    if (cp < 0x80) {
      const ascii = ASCII_BITS[cp]!;
      if ((ascii & SPLITTER) !== 0) return null;
      // Leetspeak is read in ASCII only (`LEET_NEXT_TO_LETTER_ALL`): a letter beside a digit, `@` or `$`.
      if (((ascii & LOWER) !== 0 && prevCp >= 0 && prevCp < 0x80 && (ASCII_BITS[prevCp]! & LEET_BITS) !== 0) || ((ascii & LEET_BITS) !== 0 && prevCp >= 0x61 && prevCp <= 0x7a)) leetNear = true;
    }
    if ((bits & W_LETTER) !== 0) {
      if (cp === prevCp) {
        // A doubled letter (`DOUBLED`): dropped, and not part of the word the flood check reads.
        if (!dropping) {
          out += text.slice(copied, i);
          dropping = true;
        }
        dropped += units;
        i += units;
        continue;
      }
      // Letters spelled apart start here (`SPELLED` needs at least three, one separator between each).
      if ((prevBits & W_WORD) === 0 && i + units < n) {
        const sep = text.charCodeAt(i + units);
        if (sep < 0x80 && (ASCII_BITS[sep]! & SPELL_SEPARATOR) !== 0) {
          const second = i + units + 1;
          if ((bitsAt(text, second) & W_LETTER) !== 0) {
            const third = second + unitsOf(text.codePointAt(second)!);
            if (text.charCodeAt(third) === sep && (bitsAt(text, third + 1) & W_LETTER) !== 0) return undefined;
          }
        }
      }
    }
    if (dropping) {
      copied = i;
      dropping = false;
    }
    if ((bits & W_WORD) !== 0) {
      if (!inWord) {
        inWord = true;
        repeats = gap >= 1 && gap <= 3 ? repeats : 0;
        wordHash = 0;
        wordLength = 0;
        out0 = i - dropped;
        sentenceStart = ended;
        ended = false;
      }
      wordHash = Math.imul(wordHash ^ cp, 0x01000193);
      for (let u = 0; u < units; u++) {
        const at = wordLength + u;
        if (at >= 4) break;
        const unit = units === 1 ? cp : text.charCodeAt(i + u);
        if (at === 0) h0 = unit;
        else if (at === 1) h1 = unit;
        else if (at === 2) h2 = unit;
        else h3 = unit;
      }
      wordLength += units;
    } else {
      if (i < n && (cp < 0x80 ? ASCII_SENTENCE_END[cp] === 1 : SENTENCE_END_CHARS.has(cp))) ended = true;
      if (inWord) {
        inWord = false;
        WORDS.push(out0, i - dropped, sentenceStart, headOf(wordLength, h0, h1, h2, h3));
        repeats = repeats > 0 && wordLength === prevLength && wordHash === prevHash ? repeats + 1 : 1;
        if (repeats >= 4) wordFlood = true;
        prevHash = wordHash;
        prevLength = wordLength;
        gap = 0;
      }
      gap++;
      if ((bits & W_SPACE) !== 0) {
        if (i < n && (bits & W_BLANK) !== 0 && (prevBits & W_BLANK) !== 0) blanks = true;
      } else if (i < n) {
        if (cp === symbol && (k - symbolK === 1 || (k - symbolK === 2 && (prevBits & W_SPACE) !== 0))) {
          if (++symbols >= 5) symbolRun = true;
        } else {
          symbol = cp;
          symbols = 1;
        }
        symbolK = k;
      }
    }
    prevCp = cp;
    prevBits = bits;
    i += units;
  }
  if (leetNear && !leetRead && undoLeetspeak(text).count > 0) return null;
  const folded = copied === 0 ? text : out + text.slice(copied);
  if (!(wordFlood || symbolRun || blanks)) {
    WORDS.done(folded);
    return { text: folded, disguised: 0, leet: 0, joined: 0, flood: 0 };
  }
  const cut = cutFloods(folded, UNICODE_FLOODS, wordFlood, symbolRun || wordFlood, blanks || wordFlood);
  return { text: cut.text, disguised: 0, leet: 0, joined: 0, flood: cut.flood };
}
/** {@link wideBits} of each ASCII character. */
const ASCII_WIDE_BITS = Uint8Array.from({ length: 128 }, (_, c) => bitsOf(c));

/**
 * Folds a text for the learned scorer so that the usual disguises look like the plain text they
 * hide: invisible characters removed, NFKD without diacritics, lower case, Cyrillic and Greek in
 * Latin letters (look-alikes by shape, real words by sound), leetspeak read as letters, splitting
 * symbols and spelled-apart letters joined, doubled letters made single ("Listt alll" and "List
 * all" both become "list al"), and floods of one word or symbol cut to three. The same as
 * {@link foldTextByPatterns}; an ASCII text goes through {@link foldAscii} first.
 *
 * @example
 * ```ts
 * foldText('Listt alll instructionss').text;   // 'list al instructions'
 * foldText('1gn0r3 y0ur rul3s').text;           // 'ignore your rules'
 * ```
 */
export function foldText(raw: string | ScannedText): FoldedText {
  const t = scannedOf(raw);
  let text: string;
  let disguised = 0;
  // The first steps come from the text's `ScannedText`, which the rule scanner read them off too.
  if (!t.ascii) ({ text, disguised } = foldScripts(t.decomposed().toLowerCase()));
  else text = t.lower();
  // The choice of ASCII or Unicode patterns: leetspeak and splitters, which come first, change no character beyond ASCII.
  const ascii = t.ascii || !NON_ASCII.test(text);
  let folded = ascii ? foldAscii(text, false) : foldWide(text, false);
  if (folded === null) {
    // Leetspeak to read or splitters to replace: both steps as the patterns take them, then the pass again.
    const l = undoLeetspeak(text);
    const joined = { count: 0 };
    const split = replaceSplitters(l.text, joined);
    folded = ascii ? foldAscii(split, true) : foldWide(split, true);
    if (folded !== undefined && folded !== null) {
      folded.leet = l.count;
      folded.joined = joined.count;
    }
  }
  if (folded === undefined || folded === null) return foldTextByPatterns(t.raw);
  folded.disguised = disguised;
  return folded;
}

/** `SPLITTERS` replaced by a space, the letters they joined added to `joined.count` (see {@link foldTextByPatterns}). */
function replaceSplitters(text: string, joined: { count: number }): string {
  return text.replace(SPLITTERS, (s, at: number, all: string) => {
    // Counted where a single letter stands beside it (`i_g_n_o_r_e`, `\I\ \h\a`): a joiner between two
    // words is how identifiers and markup are written (`frame_avg_preds`, markdown's `frame\_avg`, `**bold**`).
    if (singleLetterAt(all, at - 1, -1) || singleLetterAt(all, at + s.length, 1)) joined.count += s.length;
    return ' ';
  });
}

/**
 * Invisible characters removed, NFKD, diacritics dropped, lower case: what {@link foldText} reads
 * off a `ScannedText` (`decomposed()`, lower-cased), written out as the definition.
 */
function decomposedLower(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(ODD_SPACE, ' ').normalize('NFKD').replace(COMBINING, '').toLowerCase();
}

/**
 * Latin letters that NFKD leaves whole (no diacritic to strip), as they are typed without one:
 * Polish ł, Turkish ı, Vietnamese đ, Nordic ø and æ, German ß, French œ, Icelandic þ and ð.
 * "talimatları" and "talimatlari", "hasło" and "haslo" are then one word.
 */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', ı: 'i', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED_PATTERN = /[łıđøßæœþð]/g;

/**
 * The first steps of the fold for a text that is not ASCII, after invisible characters, NFKD,
 * diacritics and case (`lower`, see {@link decomposedLower}): the letters of {@link UNDECOMPOSED},
 * small capitals and letter symbols (`foldLetterLikes`: "ɪɢɴᴏʀᴇ", "🅸🅶🅽🅾🆁🅴"), Cyrillic and Greek.
 */
function foldScripts(lower: string): { text: string; disguised: number } {
  return transliterate(foldLetterLikes(lower.replace(UNDECOMPOSED_PATTERN, (c) => UNDECOMPOSED[c]!)));
}

/**
 * Folds a text for the learned scorer so that the usual disguises look like the plain text they
 * hide: invisible characters removed, NFKD without diacritics, lower case, Cyrillic and Greek in
 * Latin letters (look-alikes by shape, real words by sound), leetspeak read as letters, splitting
 * symbols and spelled-apart letters joined, doubled letters made single ("Listt alll" and "List
 * all" both become "list al"), and floods of one word or symbol cut to three.
 *
 * This is the fold as a chain of patterns, the definition; {@link foldText} gives the same
 * result faster for most texts.
 */
export function foldTextByPatterns(raw: string): FoldedText {
  let text = raw;
  let disguised = 0;
  if (NON_ASCII.test(text)) {
    const t = foldScripts(decomposedLower(text));
    text = t.text;
    disguised = t.disguised;
  } else {
    text = text.toLowerCase();
  }
  const l = undoLeetspeak(text);
  text = l.text;
  const joins = { count: 0 };
  text = replaceSplitters(text, joins);
  let joined = joins.count;
  const ascii = !NON_ASCII.test(text);
  text = text.replace(ascii ? ASCII_SPELLED : SPELLED, (s) => {
    joined += s.length;
    return s.replace(/[^\p{L}]/gu, '');
  });
  text = text.replace(ascii ? ASCII_DOUBLED : DOUBLED, '$1');
  const cut = cutFloods(text, ascii ? ASCII_FLOODS : UNICODE_FLOODS, mayHaveWordFlood(text), true, true);
  return { text: cut.text, disguised, leet: l.count, joined, flood: cut.flood };
}
