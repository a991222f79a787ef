import { mayHaveWordFlood } from './flood-check.js';
import { transliterate } from './transliterate.js';

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
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;
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

/** `[a-z0-9@$]`: a character of a word as leetspeak writes it (`1gn0r3`, `@dmin`). */
function isLeetWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24;
}

/**
 * Leetspeak read as letters: in every word (a run of `[a-z0-9@$]` with a letter) that has a leet character, each one
 * becomes its letter unless it is a digit beside another digit. Such a word always has a letter
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
    const w = text.slice(start, end);
    let s = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i]!;
      const to = LEET[ch];
      // A digit next to another digit is a number ("covid19", "h264"); between letters it is a letter.
      const digitNear = /[0-9]/.test(w[i - 1] ?? '') || /[0-9]/.test(w[i + 1] ?? '');
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

/**
 * Folds a text for the learned scorer so that the usual disguises look like the plain text they
 * hide: invisible characters removed, NFKD without diacritics, lower case, Cyrillic and Greek in
 * Latin letters (look-alikes by shape, real words by sound), leetspeak read as letters, splitting
 * symbols and spelled-apart letters joined, doubled letters made single ("Listt alll" and "List
 * all" both become "list al"), and floods of one word or symbol cut to three.
 *
 * @example
 * ```ts
 * foldText('Listt alll instructionss').text;   // 'list al instructions'
 * foldText('1gn0r3 y0ur rul3s').text;           // 'ignore your rules'
 * ```
 */
export function foldText(raw: string): FoldedText {
  let text = raw;
  let disguised = 0;
  if (NON_ASCII.test(text)) {
    text = text.replace(INVISIBLE, '').normalize('NFKD').replace(COMBINING, '').toLowerCase();
    const t = transliterate(text);
    text = t.text;
    disguised = t.disguised;
  } else {
    text = text.toLowerCase();
  }
  const l = undoLeetspeak(text);
  text = l.text;
  let joined = 0;
  text = text.replace(SPLITTERS, (s, at: number, all: string) => {
    // Counted where a single letter stands beside it (`i_g_n_o_r_e`, `\I\ \h\a`): a joiner between two
    // words is how identifiers and markup are written (`frame_avg_preds`, markdown's `frame\_avg`, `**bold**`).
    if (singleLetterAt(all, at - 1, -1) || singleLetterAt(all, at + s.length, 1)) joined += s.length;
    return ' ';
  });
  const ascii = !NON_ASCII.test(text);
  text = text.replace(ascii ? ASCII_SPELLED : SPELLED, (s) => {
    joined += s.length;
    return s.replace(/[^\p{L}]/gu, '');
  });
  text = text.replace(ascii ? ASCII_DOUBLED : DOUBLED, '$1');
  let flood = 0;
  if (mayHaveWordFlood(text)) {
    text = text.replace(ascii ? ASCII_WORD_FLOOD : WORD_FLOOD, (s, w: string) => {
      flood += Math.max(0, Math.round(s.length / (w.length + 1)) - 3);
      return `${w} ${w} ${w}`;
    });
  }
  text = text.replace(ascii ? ASCII_SYMBOL_FLOOD : SYMBOL_FLOOD, (s, c: string) => {
    flood += s.length - 3;
    return c + c + c;
  });
  text = text.replace(SPACES, ' ');
  return { text, disguised, leet: l.count, joined, flood };
}
